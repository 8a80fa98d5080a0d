/**
 * One live worker and the listeners the client put on it. Knows whether the worker has announced
 * itself (`ready`: its script loaded) and which rules documents it holds. After `terminate()` no
 * event from it reaches the client, so a late reply from a killed worker is dropped here.
 */
import type { WorkerMessage } from '../protocol.ts';
import type { WorkerLike } from './worker-source.ts';

export interface HostListener {
  message(message: WorkerMessage): void;
  /** `error` or `messageerror`; `loaded` tells a crash from a worker whose script never ran. */
  failure(type: 'error' | 'messageerror', loaded: boolean, detail: string): void;
}

/** Documents the worker holds, at most; beyond it the client forgets and simply re-sends. */
const KNOWN_LIMIT = 64;

export class WorkerHost {
  ready = false;
  #alive = true;
  readonly #known = new Set<string>();
  readonly #onMessage = (event: Event) => {
    if (!this.#alive) return;
    const data = (event as MessageEvent).data as WorkerMessage;
    if (typeof data === 'object' && data !== null && 'type' in data && data.type === 'ready')
      this.ready = true;
    this.#listener.message(data);
  };
  readonly #onError = (event: Event) => this.#fail('error', event);
  readonly #onMessageError = (event: Event) => this.#fail('messageerror', event);

  readonly #worker: WorkerLike;
  readonly #listener: HostListener;

  constructor(worker: WorkerLike, listener: HostListener) {
    this.#worker = worker;
    this.#listener = listener;
    worker.addEventListener('message', this.#onMessage);
    worker.addEventListener('error', this.#onError);
    worker.addEventListener('messageerror', this.#onMessageError);
  }

  /** Posts a request. @throws DataCloneError when the message cannot be cloned. */
  post(message: unknown): void {
    this.#worker.postMessage(message);
  }

  holds(hash: string): boolean {
    return this.#known.has(hash);
  }

  /** Records that the worker now holds `hash` (it was sent with its document). */
  remember(hash: string): void {
    if (this.#known.size >= KNOWN_LIMIT) this.#known.clear();
    this.#known.add(hash);
  }

  forget(hash: string): void {
    this.#known.delete(hash);
  }

  /** Kills the worker and detaches every listener. Idempotent. */
  terminate(): void {
    if (!this.#alive) return;
    this.#alive = false;
    this.#worker.removeEventListener('message', this.#onMessage);
    this.#worker.removeEventListener('error', this.#onError);
    this.#worker.removeEventListener('messageerror', this.#onMessageError);
    this.#worker.terminate();
  }

  #fail(type: 'error' | 'messageerror', event: Event): void {
    if (!this.#alive) return;
    // Stop the browser from also reporting the worker's uncaught error as the page's.
    event.preventDefault();
    const message = (event as ErrorEvent).message;
    this.#listener.failure(type, this.ready, typeof message === 'string' && message !== '' ? message : type);
  }
}
