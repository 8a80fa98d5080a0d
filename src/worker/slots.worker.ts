/**
 * The slot worker's entry, built into `dist/slots-worker.js`. In a worker it answers requests with
 * `handleMessage`; loaded as a plain `<script>` on a page (the degraded fallback) it only exposes
 * the engine on `globalThis`.
 */
import { handleMessage } from './handle-message.ts';
import { exposeMainThreadEngine } from './main-thread-engine.ts';
import { RulesStore } from './rules-store.ts';
import { serveRequests, type WorkerScope } from './worker-scope.ts';

const scope = globalThis as unknown as WorkerScope;
if (typeof scope.importScripts === 'function') {
  const store = new RulesStore();
  serveRequests(scope, (data) => handleMessage(data, store));
} else {
  exposeMainThreadEngine(globalThis);
}
