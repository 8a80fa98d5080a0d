/**
 * The few members of a dedicated worker's global scope the entry uses (the project compiles
 * against the DOM library, where `postMessage` has the window's signature).
 */
import type { Reply, WorkerMessage } from '../protocol.ts';

export interface WorkerScope {
  importScripts?: (...urls: string[]) => void;
  postMessage(message: WorkerMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** Announces readiness, then answers each message. A reply that cannot be cloned becomes an error. */
export function serveRequests(scope: WorkerScope, handle: (data: unknown) => Reply): void {
  scope.addEventListener('message', (event) => {
    const reply = handle(event.data);
    try {
      scope.postMessage(reply);
    } catch (thrown) {
      const message = `The reply could not be sent: ${thrown instanceof Error ? thrown.message : String(thrown)}`;
      scope.postMessage({
        id: reply.id,
        ok: false,
        error: { code: 'ENGINE_FAILED', message },
        metrics: reply.metrics,
      });
    }
  });
  scope.postMessage({ type: 'ready', v: 1 });
}
