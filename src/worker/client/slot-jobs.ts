/**
 * What a slot client promises its callers: the jobs it runs (slots, validate), their options,
 * answers, statistics and events. Its own module so that the client, its watchdog and the job
 * bookkeeping all name these without importing one another.
 */
import type { Diagnostic, Slot, SlotQuery } from '../../engine/types.ts';

export interface JobStats {
  /** Wall time on the main thread from the job's start (dispatch, not queueing) to its answer. */
  elapsedMs: number;
  slotCount: number;
  diagnosticCount: number;
  /** The job ran on the main thread because no worker could be created. */
  degraded: boolean;
  /** The answer came from the client's result cache. */
  cached: boolean;
}

export interface JobOptions {
  signal?: AbortSignal;
  /** Overrides the client's deadline for this job. */
  deadlineMs?: number;
  /** a newer job in the same lane supersedes (kills) the older one */
  lane?: string;
}

export interface SlotsJobResult {
  slots: Slot[];
  truncated: boolean;
  diagnostics: Diagnostic[];
  stats: JobStats;
}

export interface ValidateJobResult {
  ok: boolean;
  errors: Diagnostic[];
  warnings: Diagnostic[];
  stats: JobStats;
}

export type ClientEvent =
  | { type: 'degraded'; reason: string }
  | { type: 'worker-killed'; reason: 'timeout' | 'superseded' | 'aborted' | 'crashed' }
  | { type: 'job-done'; kind: string; stats: JobStats };

export interface SlotClient {
  slots(rules: unknown, query: SlotQuery, options?: JobOptions): Promise<SlotsJobResult>;
  validate(rules: unknown, options?: JobOptions): Promise<ValidateJobResult>;
  /**
   * Starts the worker (its script download) now, without a job, when none is running: call it
   * while the rules are still being fetched, so the first job does not wait for the download.
   * Idempotent. A warmed worker that gets no job within `idleTimeoutMs` is ended. When no worker
   * can be created, the client falls back to the main thread at once (the `degraded` event) and
   * loads the engine only with the first job. Does nothing after `dispose()` or a fallback.
   */
  warm(): void;
  /**
   * Resolves once the running worker has announced itself, when it ends or fails first, or at
   * once when none is running; never rejects and starts nothing. The page waits for it before
   * its own first date formatter: the worker has loaded the browser's ICU data by then, and the
   * page's formatter costs it no long task (worker-entry.ts).
   */
  ready(): Promise<void>;
  /** Ends the worker, rejects every pending job with DISPOSED and leaves no timers or listeners. */
  dispose(): void;
}
