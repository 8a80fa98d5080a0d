/**
 * The main thread's side of the sandbox: a client that owns the slot worker. It starts the worker
 * with the first job (or ahead of it, on `warm()`), runs one job at a time, kills the worker when
 * a job passes its deadline or is superseded or aborted, stops retrying a rules document that keeps
 * getting killed, caches results, and falls back to the main thread (reported, never silent) when
 * no worker can be created at all.
 */
import type { WorkerFlavour } from '../engine-global.ts';
import type { MainThreadEngine } from '../protocol.ts';
import { INLINE_SLOT_WORKER } from './inline-worker.ts';
import type { ClientEvent, SlotClient } from './slot-jobs.ts';
import { trustedScriptUrl } from './trusted-script-url.ts';
import { WatchdogClient, type WatchdogConfig } from './watchdog-client.ts';
import { resolveWorkerUrl, scriptNonce, type WorkerLike, workerSource } from './worker-source.ts';

export type { WorkerFlavour } from '../engine-global.ts';
export { JobError, type JobErrorCode } from './job-error.ts';
export type {
  ClientEvent,
  JobOptions,
  JobStats,
  SlotClient,
  SlotsJobResult,
  ValidateJobResult,
} from './slot-jobs.ts';
export type { WorkerLike } from './worker-source.ts';

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
  // The module's own copy of the patient's worker stands in for the file beside it, never for
  // a file the host named.
  const text = flavour === 'patient' && options.workerUrl === undefined ? INLINE_SLOT_WORKER : null;
  const source = options.createWorker === undefined ? workerSource(workerUrl, flavour, text) : null;
  return {
    createWorker: options.createWorker ?? (() => source!.create()),
    releaseSource: () => source?.dispose(),
    loadEngine:
      options.loadEngine ??
      (() =>
        import('../fallback/main-thread-fallback.ts').then((f) =>
          f.loadEngine(workerUrl && trustedScriptUrl(workerUrl), flavour, scriptNonce()),
        )),
    loadRunner: () =>
      import('../fallback/main-thread-fallback.ts').then((fallback) => fallback.runOnMainThread),
    deadlineMs: positiveOr(options.deadlineMs, DEFAULT_DEADLINE_MS),
    idleTimeoutMs: positiveOr(options.idleTimeoutMs, DEFAULT_IDLE_TIMEOUT_MS),
    onEvent: options.onEvent ?? (() => {}),
  };
}

function positiveOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}
