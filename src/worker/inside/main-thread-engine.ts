/**
 * The engine as the page sees it in the degraded fallback. Bundled into the worker bundles (never
 * into the page bundle): when one of them runs as a plain script it puts its engine on `globalThis`.
 */
import { ENGINE_GLOBALS, type WorkerFlavour } from '../engine-global.ts';
import type { MainThreadEngine } from '../protocol.ts';
import { answerInSteps, handleMessage, type WorkerEngine } from './handle-message.ts';
import { RulesStore } from './rules-store.ts';

/** The fallback's face of `engine`: the worker's handler, answering with the same functions. */
export function createMainThreadEngine(engine: WorkerEngine): MainThreadEngine {
  const storeOf = (store: unknown) => (store instanceof RulesStore ? store : new RulesStore());
  return {
    v: 1,
    handleMessage: (data, store) => handleMessage(data, storeOf(store), engine),
    answerInSteps: (data, store) => answerInSteps(data, storeOf(store), engine),
    createStore: () => new RulesStore(),
  };
}

/** Puts `engine` where the page's fallback for `flavour` looks for it. */
export function exposeMainThreadEngine(
  scope: object,
  engine: MainThreadEngine,
  flavour: WorkerFlavour,
): void {
  Object.defineProperty(scope, ENGINE_GLOBALS[flavour], { value: engine, configurable: true });
}
