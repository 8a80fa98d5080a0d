/**
 * Jobs one at a time, each under its deadline. A job is queued in order, started by the queue's
 * owner (`run`), and settled exactly once: with its answer or error, at its deadline (TIMEOUT), or
 * when its signal aborts or a newer job takes its lane (ABORTED). Settling the running job starts
 * the next. Where a job runs, and what stopping it means, is the owner's business (`QueueOwner`).
 */
import type { Job, JobAnswer } from './job.ts';
import { JobError } from './job-error.ts';

export type StopReason = 'timeout' | 'aborted' | 'superseded';

export interface QueueOwner {
  /** Starts `job`, now the running one; it ends with `settle`. */
  run(job: Job): void;
  /** The running `job` is being stopped (deadline, abort, supersede), just before it is settled. */
  stopping(job: Job, reason: StopReason): void;
  /** Nothing is running or queued. */
  idle(): void;
}

const ABORTED = 'The request was aborted.';
const SUPERSEDED = 'A newer request in the same lane replaced this one.';

export class JobQueue {
  readonly #waiting: Job[] = [];
  #running: Job | null = null;
  readonly #owner: QueueOwner;

  constructor(owner: QueueOwner) {
    this.#owner = owner;
  }

  /** The running job, or null. */
  get running(): Job | null {
    return this.#running;
  }

  /** Queues `job`, which starts when its turn comes; its `signal` aborts it. */
  push(job: Job, signal: AbortSignal | undefined): void {
    if (signal !== undefined) {
      job.onAbort = () => this.#cancel(job, 'aborted');
      signal.addEventListener('abort', job.onAbort, { once: true });
      job.detachAbort = () => signal.removeEventListener('abort', job.onAbort!);
    }
    this.#waiting.push(job);
    this.#pump();
  }

  /** Settles `job` once; the next job starts if it was the running one. */
  settle(job: Job, outcome: JobAnswer<unknown> | JobError): void {
    if (job.state === 'settled') return;
    const wasRunning = this.#running === job;
    job.state = 'settled';
    clearTimeout(job.timer);
    job.timer = undefined;
    job.detachAbort?.();
    job.detachAbort = undefined;
    if (outcome instanceof JobError) job.reject(outcome);
    else job.resolve(outcome);
    if (wasRunning) {
      this.#running = null;
      this.#pump();
    }
  }

  /** The running job's deadline passed (checked by the owner too, between main-thread steps). */
  expire(job: Job): void {
    if (job.state !== 'running') return;
    this.#owner.stopping(job, 'timeout');
    this.settle(job, new JobError('TIMEOUT', `The slot engine did not answer within ${job.deadlineMs} ms.`));
  }

  /** Settles every job with `error` and starts nothing more. */
  drain(error: JobError): void {
    const pending = this.#running === null ? [...this.#waiting] : [this.#running, ...this.#waiting];
    this.#waiting.length = 0;
    this.#running = null;
    for (const job of pending) this.settle(job, error);
  }

  #pump(): void {
    if (this.#running !== null) return;
    const job = this.#waiting.shift();
    if (job === undefined) {
      this.#owner.idle();
      return;
    }
    this.#running = job;
    job.state = 'running';
    job.startedAt = performance.now();
    job.timer = setTimeout(() => this.expire(job), job.deadlineMs);
    this.#owner.run(job);
  }

  /** Aborted or superseded: a queued job just leaves the queue; the running one is stopped. */
  #cancel(job: Job, reason: 'aborted' | 'superseded'): void {
    if (job.state === 'settled') return;
    if (job.state === 'queued') this.#waiting.splice(this.#waiting.indexOf(job), 1);
    else this.#owner.stopping(job, reason);
    this.settle(job, new JobError('ABORTED', reason === 'aborted' ? ABORTED : SUPERSEDED));
  }

  /** A newer request in `lane` replaces the older ones, queued or running. */
  supersede(lane: string): void {
    const older = [...this.#waiting, ...(this.#running === null ? [] : [this.#running])];
    for (const job of older) if (job.lane === lane) this.#cancel(job, 'superseded');
  }
}
