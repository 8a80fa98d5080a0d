/**
 * The degraded fallback: runs a request on the main thread when no worker can be created. A slots
 * query is split into provider-days; the page gets the event loop back every few milliseconds and
 * the caller can stop the run (deadline, abort, supersede) between any two slices. One slice cannot
 * be interrupted, but it is one provider's day: small by construction of the engine's limits.
 */
import { QUERY_LIMITS } from '../engine/limits.ts';
import type { Diagnostic, Slot } from '../engine/types.ts';
import type { MainThreadEngine, Reply, Request, SlotsRequest } from './protocol.ts';
import { yieldToEventLoop } from './yield.ts';

/** Work done between two yields; well under the 50 ms that makes a task "long". */
const SLICE_BUDGET_MS = 8;
/** DAY_TRUNCATED diagnostics listed one by one, as in the engine. */
const DAY_DIAGNOSTICS_LISTED = 50;

/**
 * Answers `request` (which must carry its documents) on the main thread. Resolves `null` when
 * `shouldStop()` turned true between slices: the caller has settled the job already.
 */
export async function runOnMainThread(
  engine: MainThreadEngine,
  request: Request,
  shouldStop: () => boolean,
): Promise<Reply | null> {
  const store = engine.createStore();
  if (request.kind !== 'slots') return engine.handleMessage(request, store);
  const plan = engine.planSlices(request.rules.document, request.query);
  if (plan === null) return engine.handleMessage(request, store);
  // Planning validated the document: give the page a turn before the slices start.
  await yieldToEventLoop();
  if (shouldStop()) return null;
  return runSlices(engine, store, request, plan, shouldStop);
}

async function runSlices(
  engine: MainThreadEngine,
  store: unknown,
  request: SlotsRequest,
  plan: SlotsRequest['query'][],
  shouldStop: () => boolean,
): Promise<Reply | null> {
  const started = performance.now();
  const maxSlots = request.query.maxSlots ?? QUERY_LIMITS.defaultMaxSlots;
  const slots: Slot[] = [];
  const merged = new MergedDiagnostics();
  let dayCut = false;
  let queryCut = false;
  let lastYield = performance.now();
  for (let i = 0; i < plan.length && !queryCut; i++) {
    if (performance.now() - lastYield >= SLICE_BUDGET_MS) {
      await yieldToEventLoop();
      lastYield = performance.now();
    }
    if (shouldStop()) return null;
    // The first slice stores the document in `store`; the others refer to it by hash.
    const rules = i === 0 ? request.rules : { hash: request.rules.hash };
    // At least 1: a slice that still finds a slot once the cap is reached proves the cut.
    const query = { ...plan[i]!, maxSlots: Math.max(1, maxSlots - slots.length) };
    const reply = engine.handleMessage({ v: 1, id: request.id, kind: 'slots', rules, query }, store);
    if (!reply.ok || reply.kind !== 'slots') return reply;
    slots.push(...reply.result.slots);
    merged.add(reply.result.diagnostics);
    queryCut = slots.length > maxSlots || reply.result.diagnostics.some((d) => d.code === 'QUERY_TRUNCATED');
    dayCut ||= reply.result.truncated;
  }
  await yieldToEventLoop();
  if (shouldStop()) return null;
  slots.sort(compareSlots);
  if (slots.length > maxSlots) slots.length = maxSlots;
  const diagnostics = merged.list(queryCut ? maxSlots : null);
  const result = { slots, truncated: queryCut || dayCut, diagnostics };
  const metrics = {
    elapsedMs: performance.now() - started,
    slotCount: slots.length,
    diagnosticCount: diagnostics.length,
  };
  return { id: request.id, ok: true, kind: 'slots', result, metrics };
}

/** Same order as the engine: by start, then provider id by UTF-16 code units. */
function compareSlots(a: Slot, b: Slot): number {
  if (a.start !== b.start) return a.start - b.start;
  if (a.providerId === b.providerId) return 0;
  return a.providerId < b.providerId ? -1 : 1;
}

/**
 * Diagnostics of all slices, without repeats. DAY_TRUNCATED is listed for the first 50
 * provider-days and summed up after, as the engine does; a slice's QUERY_TRUNCATED speaks of the
 * slice's own cap, so it is replaced by one for the whole query.
 */
class MergedDiagnostics {
  private readonly seen = new Map<string, Diagnostic>();
  private dayCuts = 0;

  add(diagnostics: Diagnostic[]): void {
    for (const d of diagnostics) {
      if (d.code === 'QUERY_TRUNCATED') continue;
      if (d.code === 'DAY_TRUNCATED' && ++this.dayCuts > DAY_DIAGNOSTICS_LISTED) continue;
      this.seen.set(`${d.code}\u0000${d.path}\u0000${d.message}`, d);
    }
  }

  list(queryCutAt: number | null): Diagnostic[] {
    const list = [...this.seen.values()];
    const unlisted = this.dayCuts - DAY_DIAGNOSTICS_LISTED;
    if (unlisted > 0) {
      const message = `${unlisted} more provider-days were also cut (limits.maxSlotsPerDay).`;
      list.push({ code: 'DAY_TRUNCATED', path: '/limits/maxSlotsPerDay', message });
    }
    if (queryCutAt !== null) {
      const message = `Only the first ${queryCutAt} slots were returned. Narrow the dates or raise maxSlots to see later slots.`;
      list.push({ code: 'QUERY_TRUNCATED', path: '/maxSlots', message });
    }
    return list;
  }
}
