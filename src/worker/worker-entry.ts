/**
 * What both worker entries do with their engine: in a worker, answer requests; loaded as a plain
 * `<script>` on a page (the degraded fallback), expose the engine on `globalThis` and nothing else.
 */
import type { WorkerFlavour } from './engine-global.ts';
import { handleMessage, type WorkerEngine } from './handle-message.ts';
import { exposeMainThreadEngine } from './main-thread-engine.ts';
import type { MainThreadEngine } from './protocol.ts';
import { RulesStore } from './rules-store.ts';
import { serveRequests, type WorkerScope } from './worker-scope.ts';

/** Starts the entry of the `flavour` bundle, whose engine is `engine` (`onPage` for the fallback). */
export function runWorkerEntry(engine: WorkerEngine, onPage: MainThreadEngine, flavour: WorkerFlavour): void {
  const scope = globalThis as unknown as WorkerScope;
  if (typeof scope.importScripts === 'function') {
    const store = new RulesStore();
    serveRequests(scope, (data) => handleMessage(data, store, engine));
  } else {
    exposeMainThreadEngine(globalThis, onPage, flavour);
  }
}
