/**
 * The client's machinery: a queue run one job at a time, each job under a deadline, on a worker
 * that is killed (terminated, never awaited) on timeout, abort or supersede and replaced lazily
 * (or started ahead of the first job by `warm()`).
 */
import type { SlotQuery } from '../engine/types.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { type Job, type JobAnswer, newJob, type RulesInput, requestFor } from './job.ts';
import { JobError } from './job-error.ts';
import type { runOnMainThread } from './main-thread-runner.ts';
import type {
  MainThreadEngine,
  Metrics,
  Reply,
  RequestKind,
  ResultByKind,
  WorkerMessage,
} from './protocol.ts';
import { ResultCache } from './result-cache.ts';
import type {
  ClientEvent,
  JobOptions,
  JobStats,
  SlotClient,
  SlotsJobResult,
  ValidateJobResult,
} from './slot-jobs.ts';
import { WorkerHost } from './worker-host.ts';
import type { WorkerLike } from './worker-source.ts';

export interface WatchdogConfig {
  createWorker(): WorkerLike;
  releaseSource(): void;
  loadEngine(): Promise<MainThreadEngine>;
  /** The slicing runner of the fallback (a file of its own in a build: few pages ever need it). */
  loadRunner(): Promise<typeof runOnMainThread>;
  deadlineMs: number;
  idleTimeoutMs: number;
  onEvent(event: ClientEvent): void;
}

interface CachedAnswer {
  result: unknown;
  metrics: Metrics;
  degraded: boolean;
}

export class WatchdogClient implements SlotClient {
  #nextId = 1;
  readonly #queue: Job[] = [];
  #current: Job | null = null;
  #host: WorkerHost | null = null;
  /** Callers of `ready()` waiting for the running worker's announcement. */
  readonly #readyWaiters: (() => void)[] = [];
  #degradedReason: string | null = null;
  #engine: Promise<MainThreadEngine> | null = null;
  #idleTimer: ReturnType<typeof setTimeout> | undefined;
  #disposed = false;
  readonly #breaker = new CircuitBreaker();
  readonly #cache = new ResultCache<CachedAnswer>();

  readonly #config: WatchdogConfig;

  constructor(config: WatchdogConfig) {
    this.#config = config;
  }

  async slots(rules: unknown, query: SlotQuery, options?: JobOptions): Promise<SlotsJobResult> {
    const { result, stats } = await this.submit('slots', [{ field: 'rules', value: rules }], query, options);
    return { slots: result.slots, truncated: result.truncated, diagnostics: result.diagnostics, stats };
  }

  async validate(rules: unknown, options?: JobOptions): Promise<ValidateJobResult> {
    const { result, stats } = await this.submit(
      'validate',
      [{ field: 'rules', value: rules }],
      null,
      options,
    );
    return { ok: result.ok, errors: result.errors, warnings: result.warnings, stats };
  }

  /**
   * Starts the worker now, without a job, so that its script downloads while the caller is still
   * fetching the rules. Does nothing when a worker is running or a job is under way, after the
   * client fell back to the main thread, and after `dispose()`. A warmed worker that gets no job
   * is ended by the idle timeout like any other. When no worker can be created, the client falls
   * back (reported once, as `degraded`) but loads nothing: the first job loads the engine.
   */
  warm(): void {
    if (this.#disposed || this.#degradedReason !== null || this.#host !== null || this.#current !== null)
      return;
    if (this.#startWorker() !== null) this.#armIdle();
  }

  /**
   * Resolves once the running worker has announced itself (its script ran, and with it the
   * browser's ICU data is loaded: see worker-entry.ts), when it ends or fails first, or at once
   * when no worker is running. Starts nothing.
   */
  ready(): Promise<void> {
    if (this.#host === null || this.#host.ready) return Promise.resolve();
    return new Promise((resolve) => this.#readyWaiters.push(resolve));
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#clearIdle();
    this.#dropWorker();
    const pending = this.#current === null ? [...this.#queue] : [this.#current, ...this.#queue];
    this.#queue.length = 0;
    this.#current = null;
    for (const job of pending) this.#settle(job, new JobError('DISPOSED', 'The slot client was disposed.'));
    this.#cache.clear();
    this.#config.releaseSource();
  }

  /** Queues a job of any kind; the admin client (admin-client.ts) adds its kinds through it. */
  protected submit<K extends RequestKind>(
    kind: K,
    docs: RulesInput[],
    args: unknown,
    options: JobOptions = {},
  ): Promise<JobAnswer<ResultByKind[K]>> {
    if (this.#disposed) return Promise.reject(new JobError('DISPOSED', 'The slot client was disposed.'));
    if (options.signal?.aborted) return Promise.reject(new JobError('ABORTED', 'The request was aborted.'));
    const created = newJob(this.#nextId++, kind, docs, args, options, this.#config.deadlineMs);
    if (created instanceof JobError) return Promise.reject(created);
    const job = created;
    if (options.lane !== undefined) this.#supersede(options.lane);
    if (this.#breaker.isOpen(job.breakerKey)) {
      const message = 'These rules were stopped 3 times in a row; the slot engine will not retry them.';
      return Promise.reject(new JobError('RULES_UNCOMPUTABLE', message));
    }
    const hit = this.#cache.get(job.cacheKey);
    if (hit !== undefined)
      return Promise.resolve(this.#answerFromCache(kind, hit) as JobAnswer<ResultByKind[K]>);
    const promise = new Promise<JobAnswer<ResultByKind[K]>>((resolve, reject) => {
      job.resolve = resolve as (answer: JobAnswer<unknown>) => void;
      job.reject = reject;
    });
    if (options.signal !== undefined) {
      const signal = options.signal;
      job.onAbort = () => this.#cancel(job, 'aborted');
      signal.addEventListener('abort', job.onAbort, { once: true });
      job.detachAbort = () => signal.removeEventListener('abort', job.onAbort!);
    }
    this.#queue.push(job);
    this.#pump();
    return promise;
  }

  #answerFromCache(kind: string, hit: CachedAnswer): JobAnswer<unknown> {
    const stats: JobStats = {
      elapsedMs: 0,
      slotCount: hit.metrics.slotCount,
      diagnosticCount: hit.metrics.diagnosticCount,
      degraded: hit.degraded,
      cached: true,
    };
    const result = kind === 'slots' ? copySlots(hit.result as ResultByKind['slots']) : hit.result;
    this.#emit({ type: 'job-done', kind, stats });
    return { result, stats };
  }

  /** Starts the next queued job if none is running. */
  #pump(): void {
    if (this.#disposed || this.#current !== null) return;
    const job = this.#queue.shift();
    if (job === undefined) {
      this.#armIdle();
      return;
    }
    this.#clearIdle();
    this.#current = job;
    job.state = 'running';
    job.startedAt = performance.now();
    job.timer = setTimeout(() => this.#expire(job), job.deadlineMs);
    if (this.#degradedReason !== null) void this.#runOnMain(job);
    else this.#runInWorker(job);
  }

  #runInWorker(job: Job): void {
    const host = this.#startWorker();
    if (host === null) void this.#runOnMain(job);
    else this.#post(job, host);
  }

  /** The running worker, or a new one; null (and the client degraded) when none can be created. */
  #startWorker(): WorkerHost | null {
    if (this.#host !== null) return this.#host;
    try {
      this.#host = new WorkerHost(this.#config.createWorker(), {
        message: (message) => this.#onWorkerMessage(message),
        failure: (type, loaded, detail) => this.#onWorkerFailure(type, loaded, detail),
      });
    } catch (thrown) {
      this.#degrade(`No worker could be created: ${describe(thrown)}`);
      return null;
    }
    return this.#host;
  }

  #post(job: Job, host: WorkerHost): void {
    try {
      host.post(requestFor(job, (hash) => !host.holds(hash)));
    } catch (thrown) {
      this.#settle(
        job,
        new JobError('PROTOCOL', `The request could not be sent to the worker: ${describe(thrown)}`),
      );
      return;
    }
    for (const ref of job.refs) host.remember(ref.hash);
  }

  #onWorkerMessage(message: WorkerMessage): void {
    if ('type' in message && message.type === 'ready') this.#releaseReadyWaiters();
    const job = this.#current;
    if ('type' in message || job === null || job.onMainThread || message.id !== job.id) return;
    if (!message.ok && message.error.code === 'RULES_NOT_LOADED' && !job.resent && this.#host !== null) {
      job.resent = true;
      for (const ref of job.refs) this.#host.forget(ref.hash);
      this.#post(job, this.#host);
      return;
    }
    this.#complete(job, message);
  }

  #onWorkerFailure(type: 'error' | 'messageerror', loaded: boolean, detail: string): void {
    const job = this.#current;
    this.#dropWorker();
    if (!loaded && type === 'error') {
      // The script never ran (blocked, missing, failed to parse): no worker will do better.
      this.#degrade(`The slot worker could not start: ${detail}`);
      if (job !== null && !job.onMainThread) void this.#runOnMain(job);
      return;
    }
    if (job === null || job.onMainThread) return;
    this.#breaker.recordKill(job.breakerKey);
    this.#emit({ type: 'worker-killed', reason: 'crashed' });
    this.#settle(job, new JobError('WORKER_CRASHED', `The slot worker stopped (${type}): ${detail}`));
  }

  async #runOnMain(job: Job): Promise<void> {
    job.onMainThread = true;
    let engine: MainThreadEngine;
    let run: typeof runOnMainThread;
    try {
      this.#engine ??= this.#config.loadEngine();
      [engine, run] = await Promise.all([this.#engine, this.#config.loadRunner()]);
    } catch (thrown) {
      this.#engine = null;
      const message = `No worker could run and the slot engine could not be loaded on the page: ${describe(thrown)}`;
      if (job.state === 'running') this.#settle(job, new JobError('WORKER_CRASHED', message));
      return;
    }
    if (job.state !== 'running') return;
    const shouldStop = () => {
      if (job.state === 'running' && performance.now() - job.startedAt >= job.deadlineMs) this.#expire(job);
      return job.state !== 'running';
    };
    let reply: Reply | null;
    try {
      reply = await run(
        engine,
        requestFor(job, () => true),
        shouldStop,
      );
    } catch (thrown) {
      reply = null;
      if (job.state === 'running') this.#settle(job, new JobError('WORKER_CRASHED', describe(thrown)));
    }
    if (reply !== null && job.state === 'running') this.#complete(job, reply);
  }

  #complete(job: Job, reply: Reply): void {
    this.#breaker.recordCompletion(job.breakerKey);
    const stats: JobStats = {
      elapsedMs: performance.now() - job.startedAt,
      slotCount: reply.metrics.slotCount,
      diagnosticCount: reply.metrics.diagnosticCount,
      degraded: job.onMainThread,
      cached: false,
    };
    if (reply.ok) {
      this.#cache.set(job.cacheKey, {
        result: reply.result,
        metrics: reply.metrics,
        degraded: job.onMainThread,
      });
      const result = reply.kind === 'slots' ? copySlots(reply.result) : reply.result;
      this.#settle(job, { result, stats });
      this.#emit({ type: 'job-done', kind: job.kind, stats });
      return;
    }
    const { code, message, diagnostics = [] } = reply.error;
    if (code === 'INVALID_RULES' || code === 'INVALID_QUERY')
      this.#settle(job, new JobError(code, message, diagnostics));
    else if (code === 'ENGINE_FAILED') this.#settle(job, new JobError('WORKER_CRASHED', message));
    // A configuration error (lint or diff on the patient's worker) that says its own fix.
    else if (code === 'UNSUPPORTED_KIND') this.#settle(job, new JobError('PROTOCOL', message));
    else this.#settle(job, new JobError('PROTOCOL', `${code}: ${message}`));
  }

  /** The deadline passed: kill the worker (or stop the main-thread run) and reject TIMEOUT. */
  #expire(job: Job): void {
    if (job.state !== 'running') return;
    this.#breaker.recordKill(job.breakerKey);
    if (!job.onMainThread) this.#kill('timeout');
    this.#settle(job, new JobError('TIMEOUT', `The slot engine did not answer within ${job.deadlineMs} ms.`));
  }

  /** Aborted or superseded: a queued job just leaves the queue; a running one's worker is killed. */
  #cancel(job: Job, reason: 'aborted' | 'superseded'): void {
    if (job.state === 'settled') return;
    if (job.state === 'queued') this.#queue.splice(this.#queue.indexOf(job), 1);
    else if (!job.onMainThread) this.#kill(reason);
    const message =
      reason === 'aborted'
        ? 'The request was aborted.'
        : 'A newer request in the same lane replaced this one.';
    this.#settle(job, new JobError('ABORTED', message));
  }

  #supersede(lane: string): void {
    const older = [...this.#queue, ...(this.#current === null ? [] : [this.#current])].filter(
      (j) => j.lane === lane,
    );
    for (const job of older) this.#cancel(job, 'superseded');
  }

  #kill(reason: 'timeout' | 'superseded' | 'aborted'): void {
    if (this.#host === null) return;
    this.#dropWorker();
    this.#emit({ type: 'worker-killed', reason });
  }

  #settle(job: Job, outcome: JobAnswer<unknown> | JobError): void {
    if (job.state === 'settled') return;
    const wasCurrent = this.#current === job;
    job.state = 'settled';
    clearTimeout(job.timer);
    job.timer = undefined;
    job.detachAbort?.();
    job.detachAbort = undefined;
    if (outcome instanceof JobError) job.reject(outcome);
    else job.resolve(outcome);
    if (wasCurrent) {
      this.#current = null;
      this.#pump();
    }
  }

  #degrade(reason: string): void {
    if (this.#degradedReason !== null) return;
    this.#degradedReason = reason;
    this.#emit({ type: 'degraded', reason });
  }

  /** Ends the worker, and its idle timer with it (a warmed worker may fail before any job). */
  #dropWorker(): void {
    this.#clearIdle();
    this.#host?.terminate();
    this.#host = null;
    this.#releaseReadyWaiters();
  }

  #releaseReadyWaiters(): void {
    for (const resolve of this.#readyWaiters.splice(0)) resolve();
  }

  #armIdle(): void {
    if (this.#host === null || this.#idleTimer !== undefined) return;
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = undefined;
      this.#dropWorker();
    }, this.#config.idleTimeoutMs);
  }

  #clearIdle(): void {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }

  /** A throwing listener must not break the client; its error is reported, not swallowed. */
  #emit(event: ClientEvent): void {
    try {
      this.#config.onEvent(event);
    } catch (thrown) {
      queueMicrotask(() => {
        throw thrown;
      });
    }
  }
}

function copySlots(result: ResultByKind['slots']): ResultByKind['slots'] {
  return { ...result, slots: result.slots.slice(), diagnostics: result.diagnostics.slice() };
}

function describe(thrown: unknown): string {
  return thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
}
