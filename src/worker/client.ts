/**
 * The main thread's side of the sandbox: a client that owns the slot worker. It starts the worker
 * with the first job (or ahead of it, on `warm()`), runs one job at a time, kills the worker when
 * a job passes its deadline or is superseded or aborted, stops retrying a rules document that keeps
 * getting killed, caches results, and falls back to the main thread (reported, never silent) when
 * no worker can be created at all.
 */
import type { Diagnostic, Slot, SlotQuery } from '../engine/types.ts';
import type { WorkerFlavour } from './engine-global.ts';
import { importFallback } from './import-fallback.ts';
import type { MainThreadEngine } from './protocol.ts';
import { trustedScriptUrl } from './trusted-script-url.ts';
import { WatchdogClient, type WatchdogConfig } from './watchdog-client.ts';
import { resolveWorkerUrl, scriptNonce, type WorkerLike, workerSource } from './worker-source.ts';

export type { WorkerFlavour } from './engine-global.ts';
export { JobError, type JobErrorCode } from './job-error.ts';
export type { WorkerLike } from './worker-source.ts';

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

export interface SlotClientOptions {
  /**
   * Where the worker file lives: `slots-worker.js` for this client, `admin-worker.js` for the
   * admin client (admin-client.ts). Default: that file beside the widget's own script.
   */
  workerUrl?: string;
  /** Per-job deadline in milliseconds. Default 2000. */
  deadlineMs?: number;
  /** An unused worker is ended after this many milliseconds. Default 30000. */
  idleTimeoutMs?: number;
  onEvent?: (e: ClientEvent) => void;
  /** Tests only: creates the worker instead of the URL logic. */
  createWorker?: () => WorkerLike;
  /** Tests only: loads the engine for the main-thread fallback. */
  loadEngine?: () => Promise<MainThreadEngine>;
}

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
  /** Ends the worker, rejects every pending job with DISPOSED and leaves no timers or listeners. */
  dispose(): void;
}

const DEFAULT_DEADLINE_MS = 2000;
const DEFAULT_IDLE_TIMEOUT_MS = 30_000;

/**
 * Creates the widget's client, on the patient's worker (`slots-worker.js`: slots and validate).
 * Nothing starts until the first job or `warm()`. An admin editor, which lints and diffs too,
 * uses `createAdminClient` (admin-client.ts) instead.
 * @example
 * const client = createSlotClient({ onEvent: (e) => e.type === 'degraded' && report(e.reason) });
 * client.warm(); // the worker downloads while the rules are fetched
 * const { slots, stats } = await client.slots(rules, query, { lane: 'month', signal });
 */
export function createSlotClient(options: SlotClientOptions = {}): SlotClient {
  return new WatchdogClient(watchdogConfig(options, 'patient'));
}

/** The watchdog's configuration for `flavour`'s worker bundle: where it is and how it falls back. */
export function watchdogConfig(options: SlotClientOptions, flavour: WorkerFlavour): WatchdogConfig {
  const workerUrl = options.createWorker === undefined ? resolveWorkerUrl(options.workerUrl, flavour) : null;
  const source = options.createWorker === undefined ? workerSource(workerUrl, flavour) : null;
  return {
    createWorker: options.createWorker ?? (() => source!.create()),
    releaseSource: () => source?.dispose(),
    loadEngine:
      options.loadEngine ??
      (() =>
        importFallback().then((f) =>
          f.loadEngine(workerUrl && trustedScriptUrl(workerUrl), flavour, scriptNonce()),
        )),
    loadRunner: () => importFallback().then((fallback) => fallback.runOnMainThread),
    deadlineMs: positiveOr(options.deadlineMs, DEFAULT_DEADLINE_MS),
    idleTimeoutMs: positiveOr(options.idleTimeoutMs, DEFAULT_IDLE_TIMEOUT_MS),
    onEvent: options.onEvent ?? (() => {}),
  };
}

function positiveOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}
