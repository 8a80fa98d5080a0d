/**
 * What both worker entries do with their engine: in a worker, answer requests; loaded as a plain
 * `<script>` on a page (the degraded fallback), expose the engine on `globalThis` and nothing else.
 */
import type { WorkerFlavour } from '../engine-global.ts';
import type { MainThreadEngine } from '../protocol.ts';
import { handleMessage, type WorkerEngine } from './handle-message.ts';
import { exposeMainThreadEngine } from './main-thread-engine.ts';
import { RulesStore } from './rules-store.ts';
import { serveRequests, type WorkerScope } from './worker-scope.ts';

/** Starts the entry of the `flavour` bundle, whose engine is `engine` (`onPage` for the fallback). */
export function runWorkerEntry(engine: WorkerEngine, onPage: MainThreadEngine, flavour: WorkerFlavour): void {
  const scope = globalThis as unknown as WorkerScope;
  if (typeof scope.importScripts === 'function') {
    // The first Intl object a renderer builds loads the browser's ICU data: tens of milliseconds,
    // four times that on a phone, in one call. The data is the process's, shared with the page:
    // built here, before the worker announces itself, it costs the page's main thread nothing
    // (the page's own first formatter then takes well under a millisecond).
    new Intl.DateTimeFormat('en-US', { timeZone: 'UTC' }).format(0);
    const store = new RulesStore();
    serveRequests(scope, (data) => handleMessage(data, store, engine));
  } else {
    exposeMainThreadEngine(globalThis, onPage, flavour);
  }
}
