/**
 * The degraded fallback: runs a request on the main thread when no worker can be created. It runs
 * the worker's own handler in the engine's steps (a slots query pauses after each provider-day):
 * the page gets the event loop back every few milliseconds, and the caller can stop the run
 * (deadline, abort, supersede) at any of those turns. One step cannot be interrupted, but it is
 * one provider's day: small by construction of the engine's limits.
 */
import type { MainThreadEngine, Reply, Request } from '../protocol.ts';
import { yieldToEventLoop } from './yield.ts';

/** Work done between two turns of the event loop; well under the 50 ms that makes a task "long". */
const SLICE_BUDGET_MS = 8;

/**
 * Answers `request` (which must carry its documents) on the main thread. Resolves `null` when
 * `shouldStop()` turned true at one of its turns: the caller has settled the job already.
 */
export async function runOnMainThread(
  engine: MainThreadEngine,
  request: Request,
  shouldStop: () => boolean,
): Promise<Reply | null> {
  const steps = engine.answerInSteps(request, engine.createStore());
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart < SLICE_BUDGET_MS) continue;
    await yieldToEventLoop();
    if (shouldStop()) return null;
    sliceStart = performance.now();
  }
}
