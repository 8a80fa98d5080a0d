/**
 * The worker itself: one at a time, started with a job (or ahead of one by `start()`), killed
 * (terminated, never awaited) when asked, ended after `idleTimeoutMs` without work, and replaced
 * by a fresh one for the next job. It sends a job's documents only where the worker lacks them,
 * sends them again once when the worker answers that it has forgotten one, and hands the reply
 * for the job in flight to the listener; a killed worker's late reply never reaches it.
 */

import type { Reply, WorkerMessage } from '../protocol.ts';
import type { Job } from './job.ts';
import { requestFor } from './job.ts';
import { JobError } from './job-error.ts';
import { WorkerHost } from './worker-host.ts';
import type { WorkerLike } from './worker-source.ts';

export interface BridgeListener {
  /** The worker's answer to `job`, the job in flight. */
  reply(job: Job, reply: Reply): void;
  /** The worker died; `loaded` tells a crash from a worker whose script never ran. */
  failure(type: 'error' | 'messageerror', loaded: boolean, detail: string): void;
}

export class WorkerBridge {
  #host: WorkerHost | null = null;
  /** The job posted to the running worker and not yet answered. */
  #inFlight: Job | null = null;
  /** Callers of `ready()` waiting for the running worker's announcement. */
  readonly #readyWaiters: (() => void)[] = [];
  #idleTimer: ReturnType<typeof setTimeout> | undefined;

  readonly #createWorker: () => WorkerLike;
  readonly #idleTimeoutMs: number;
  readonly #listener: BridgeListener;

  constructor(createWorker: () => WorkerLike, idleTimeoutMs: number, listener: BridgeListener) {
    this.#createWorker = createWorker;
    this.#idleTimeoutMs = idleTimeoutMs;
    this.#listener = listener;
  }

  /** Whether a worker is running. */
  get running(): boolean {
    return this.#host !== null;
  }

  /** Starts a worker unless one runs. @throws what creating the worker throws (a CSP refusal). */
  start(): void {
    if (this.#host !== null) return;
    this.#host = new WorkerHost(this.#createWorker(), {
      message: (message) => this.#onMessage(message),
      failure: (type, loaded, detail) => {
        this.kill();
        this.#listener.failure(type, loaded, detail);
      },
    });
  }

  /**
   * Resolves once the running worker has announced itself, when it ends first, or at once when
   * none runs. Starts nothing.
   */
  ready(): Promise<void> {
    if (this.#host === null || this.#host.ready) return Promise.resolve();
    return new Promise((resolve) => this.#readyWaiters.push(resolve));
  }

  /**
   * Posts `job` to the worker, which `start()` has started. Its idle timer stops meanwhile.
   * @throws JobError PROTOCOL when the request cannot be cloned.
   */
  send(job: Job): void {
    const host = this.#host;
    if (host === null) throw new JobError('PROTOCOL', 'No worker is running.');
    this.#clearIdle();
    this.#inFlight = job;
    try {
      host.post(requestFor(job, (hash) => !host.holds(hash)));
    } catch (thrown) {
      this.#inFlight = null;
      throw new JobError('PROTOCOL', `The request could not be sent to the worker: ${describe(thrown)}`);
    }
    for (const ref of job.refs) host.remember(ref.hash);
  }

  /** Ends the running worker, if any; a reply it had on its way is dropped. Returns whether one ran. */
  kill(): boolean {
    const host = this.#host;
    this.#clearIdle();
    this.#inFlight = null;
    this.#host = null;
    host?.terminate();
    for (const resolve of this.#readyWaiters.splice(0)) resolve();
    return host !== null;
  }

  /** The worker has no job: it is ended after the idle timeout unless one comes. */
  idle(): void {
    if (this.#host === null || this.#idleTimer !== undefined) return;
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = undefined;
      this.kill();
    }, this.#idleTimeoutMs);
  }

  #onMessage(message: WorkerMessage): void {
    if ('type' in message) {
      if (message.type === 'ready') for (const resolve of this.#readyWaiters.splice(0)) resolve();
      return;
    }
    const job = this.#inFlight;
    if (job === null || message.id !== job.id) return;
    if (!message.ok && message.error.code === 'RULES_NOT_LOADED' && !job.resent && this.#host !== null) {
      job.resent = true;
      for (const ref of job.refs) this.#host.forget(ref.hash);
      try {
        this.send(job);
        return;
      } catch {
        // The resend could not be cloned either: the worker's refusal stands.
      }
    }
    this.#inFlight = null;
    this.#listener.reply(job, message);
  }

  #clearIdle(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }
}

export function describe(thrown: unknown): string {
  return thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
}
