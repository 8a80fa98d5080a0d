/**
 * The slot client's policies around its two mechanisms (the job queue and the worker bridge):
 * a circuit breaker for rules that keep getting killed, a cache of results, and the fallback to
 * the main thread (reported, never silent) when no worker can run. The queue runs one job at a
 * time under its deadline (job-queue.ts); the bridge owns the worker (worker-bridge.ts).
 */
import type { SlotQuery } from '../../engine/types.ts';
import type { runOnMainThread } from '../fallback/main-thread-runner.ts';
import type { MainThreadEngine, Metrics, Reply, RequestKind, ResultByKind } from '../protocol.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { type Job, type JobAnswer, newJob, type RulesInput, requestFor } from './job.ts';
import { JobError } from './job-error.ts';
import { JobQueue, type StopReason } from './job-queue.ts';
import { ResultCache } from './result-cache.ts';
import type {
  ClientEvent,
  JobOptions,
  JobStats,
  SlotClient,
  SlotsJobResult,
  ValidateJobResult,
} from './slot-jobs.ts';
import { describe, WorkerBridge } from './worker-bridge.ts';
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
  #degradedReason: string | null = null;
  #engine: Promise<MainThreadEngine> | null = null;
  #disposed = false;
  readonly #breaker = new CircuitBreaker();
  readonly #cache = new ResultCache<CachedAnswer>();
  readonly #queue: JobQueue;
  readonly #bridge: WorkerBridge;
  readonly #config: WatchdogConfig;

  constructor(config: WatchdogConfig) {
    this.#config = config;
    this.#queue = new JobQueue({
      run: (job) => this.#run(job),
      stopping: (job, reason) => this.#stopping(job, reason),
      idle: () => this.#bridge.idle(),
    });
    this.#bridge = new WorkerBridge(config.createWorker, config.idleTimeoutMs, {
      reply: (job, reply) => this.#complete(job, reply),
      failure: (type, loaded, detail) => this.#onWorkerFailure(type, loaded, detail),
    });
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
    if (this.#disposed || this.#degradedReason !== null || this.#bridge.running) return;
    if (this.#queue.running !== null) return;
    if (this.#startWorker()) this.#bridge.idle();
  }

  /**
   * Resolves once the running worker has announced itself (its script ran, and with it the
   * browser's ICU data is loaded: see worker-entry.ts), when it ends or fails first, or at once
   * when no worker is running. Starts nothing.
   */
  ready(): Promise<void> {
    return this.#bridge.ready();
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#bridge.kill();
    this.#queue.drain(new JobError('DISPOSED', 'The slot client was disposed.'));
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
    const job = newJob(this.#nextId++, kind, docs, args, options, this.#config.deadlineMs);
    if (job instanceof JobError) return Promise.reject(job);
    // The newer request replaces its lane's older ones, whether it then runs, is refused or cached.
    if (job.lane !== undefined) this.#queue.supersede(job.lane);
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
    this.#queue.push(job, options.signal);
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

  /** The queue's turn for `job`: on the worker, or on the page once the client has fallen back. */
  #run(job: Job): void {
    if (this.#degradedReason !== null || !this.#startWorker()) {
      void this.#runOnMain(job);
      return;
    }
    try {
      this.#bridge.send(job);
    } catch (thrown) {
      this.#queue.settle(
        job,
        thrown instanceof JobError ? thrown : new JobError('PROTOCOL', describe(thrown)),
      );
    }
  }

  /** Starts the worker unless one runs; false (and the client degraded) when none can be created. */
  #startWorker(): boolean {
    try {
      this.#bridge.start();
      return true;
    } catch (thrown) {
      this.#degrade(`No worker could be created: ${describe(thrown)}`);
      return false;
    }
  }

  /** A running job stopped at its deadline, aborted or superseded: its worker is killed. */
  #stopping(job: Job, reason: StopReason): void {
    if (reason === 'timeout') this.#breaker.recordKill(job.breakerKey);
    if (!job.onMainThread && this.#bridge.kill()) this.#emit({ type: 'worker-killed', reason });
  }

  #onWorkerFailure(type: 'error' | 'messageerror', loaded: boolean, detail: string): void {
    const job = this.#queue.running;
    if (!loaded && type === 'error') {
      // The script never ran (blocked, missing, failed to parse): no worker will do better.
      this.#degrade(`The slot worker could not start: ${detail}`);
      if (job !== null && !job.onMainThread) void this.#runOnMain(job);
      return;
    }
    if (job === null || job.onMainThread) return;
    this.#breaker.recordKill(job.breakerKey);
    this.#emit({ type: 'worker-killed', reason: 'crashed' });
    this.#queue.settle(job, new JobError('WORKER_CRASHED', `The slot worker stopped (${type}): ${detail}`));
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
      if (job.state === 'running') this.#queue.settle(job, new JobError('WORKER_CRASHED', message));
      return;
    }
    if (job.state !== 'running') return;
    const shouldStop = () => {
      if (job.state === 'running' && performance.now() - job.startedAt >= job.deadlineMs)
        this.#queue.expire(job);
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
      if (job.state === 'running') this.#queue.settle(job, new JobError('WORKER_CRASHED', describe(thrown)));
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
      this.#queue.settle(job, { result, stats });
      this.#emit({ type: 'job-done', kind: job.kind, stats });
      return;
    }
    const { code, message, diagnostics = [] } = reply.error;
    if (code === 'INVALID_RULES' || code === 'INVALID_QUERY')
      this.#queue.settle(job, new JobError(code, message, diagnostics));
    else if (code === 'ENGINE_FAILED') this.#queue.settle(job, new JobError('WORKER_CRASHED', message));
    // A configuration error (lint or diff on the patient's worker) that says its own fix.
    else if (code === 'UNSUPPORTED_KIND') this.#queue.settle(job, new JobError('PROTOCOL', message));
    else this.#queue.settle(job, new JobError('PROTOCOL', `${code}: ${message}`));
  }

  #degrade(reason: string): void {
    if (this.#degradedReason !== null) return;
    this.#degradedReason = reason;
    this.#emit({ type: 'degraded', reason });
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
