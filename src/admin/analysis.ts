/**
 * Runs the draft's lints and its diff against the saved rules in the slot worker, never on the
 * main thread. Edits are debounced, and a new edit aborts the jobs of the previous one (the
 * client kills a worker still busy with it), so an admin typing never queues up work and only
 * the last edit's results are ever shown. A draft that times out the worker is reported with
 * whatever was computed before; the next edit gets a fresh worker from the client.
 */
import { signal } from '@preact/signals';
import { DateTime, IANAZone } from 'luxon';
import type { DiffResult } from '../engine/diff.ts';
import type { LintResult } from '../engine/lint.ts';
import type { AdminSlotClient } from '../worker/client/admin-client.ts';

/** Days compared by "what changes", from today in the clinic's zone. */
export const DIFF_DAYS = 28;

export const TOO_SLOW_MESSAGE = 'These rules take too long to compute.';

export interface AnalysisState {
  /** `running`: results below belong to an earlier edit and are being replaced. */
  status: 'idle' | 'running' | 'done' | 'too-slow' | 'failed';
  lint: LintResult | null;
  diff: DiffResult | null;
  /** The dates "what changes" covers. */
  range: { from: string; to: string } | null;
  /** Why the last run stopped (too slow, worker crashed, ...). */
  message: string;
  /** Worker time of the last lint and diff jobs. */
  elapsedMs: { lint: number | null; diff: number | null };
}

export interface AnalysisOptions {
  client: AdminSlotClient;
  /** Epoch ms; injected so tests and the benchmark control "today". */
  now: () => number;
  /** Quiet time after an edit before its jobs start. Default 60 ms. */
  debounceMs?: number;
  /** Per-job deadline for lint and diff. Default: the client's. */
  deadlineMs?: number;
  /**
   * The saved busy time of a month (`GET /busy/{YYYY-MM}`): the lints and the diff of rules that
   * require busy windows run with the windows of the four weeks, or would see no slot at all.
   */
  busyWindow?: (month: string, signal: AbortSignal) => Promise<unknown | null>;
  /** A monotonic clock in ms for how long a fetched window is reused; `performance.now` by default. */
  monotonicMs?: () => number;
}

/**
 * How long a month's fetched busy time serves the edits that follow, before the next run asks for
 * it again. An admin edits in bursts: asking on every pause in typing would put a round trip
 * before each check and diff, and bookings made within the half-minute change little of four
 * weeks' comparison.
 */
export const WINDOW_REUSE_MS = 30_000;

export interface Analysis {
  readonly state: { readonly value: AnalysisState };
  /** Schedules the lints and the diff of `draft` against `saved`, superseding earlier requests. */
  request(saved: unknown, draft: unknown): void;
  dispose(): void;
}

const INITIAL: AnalysisState = {
  status: 'idle',
  lint: null,
  diff: null,
  range: null,
  message: '',
  elapsedMs: { lint: null, diff: null },
};

/** The zone "today" is read in: the draft's, else the saved document's, else UTC. */
export function clinicZone(...docs: unknown[]): string {
  for (const doc of docs) {
    const zone = (doc as { timezone?: unknown } | null)?.timezone;
    if (typeof zone === 'string' && IANAZone.isValidZone(zone)) return zone;
  }
  return 'UTC';
}

/** The four weeks from today in the clinic's zone. */
export function diffRange(now: number, zone: string): { from: string; to: string } {
  const today = DateTime.fromMillis(now, { zone });
  return { from: today.toISODate() ?? '', to: today.plus({ days: DIFF_DAYS - 1 }).toISODate() ?? '' };
}

export function createAnalysis(options: AnalysisOptions): Analysis {
  const state = signal<AnalysisState>(INITIAL);
  const debounceMs = options.debounceMs ?? 60;
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | null = null;
  /**
   * The months' windows fetched or on their way, shared by the runs that need them: an edit that
   * supersedes a run leaves its fetch going for the next. Stopped only by `dispose()`.
   */
  const windows = new Map<string, { at: number; window: Promise<unknown | null> }>();
  const fetches = new AbortController();
  const monotonicMs = options.monotonicMs ?? (() => performance.now());

  function request(saved: unknown, draft: unknown): void {
    generation += 1;
    const mine = generation;
    clearTimeout(timer);
    controller?.abort();
    controller = null;
    state.value = { ...state.peek(), status: 'running', message: '' };
    timer = setTimeout(() => void run(mine, saved, draft), debounceMs);
  }

  async function run(mine: number, saved: unknown, draft: unknown): Promise<void> {
    const abort = new AbortController();
    controller = abort;
    const jobOptions = (lane: string) => ({
      lane,
      signal: abort.signal,
      ...(options.deadlineMs === undefined ? {} : { deadlineMs: options.deadlineMs }),
    });
    // Whole minutes: the worker then reuses the saved rules' slots between edits within a minute.
    const now = Math.floor(options.now() / 60_000) * 60_000;
    const range = diffRange(now, clinicZone(draft, saved));
    const current = () => mine === generation;
    const found = await windowsFor(range);
    if (!current()) return;
    saved = withWindows(saved, found);
    draft = withWindows(draft, found);
    let lint: LintResult | null = null;
    let lintMs: number | null = null;
    try {
      const linted = await options.client.lint(draft, { now }, jobOptions('lint'));
      if (!current()) return;
      lint = linted.result;
      lintMs = linted.stats.elapsedMs;
      if (!lint.ok) {
        state.value = {
          status: 'done',
          lint,
          diff: null,
          range,
          message: '',
          elapsedMs: { lint: lintMs, diff: null },
        };
        return;
      }
      state.value = { ...state.peek(), lint, range, elapsedMs: { lint: lintMs, diff: null } };
      const diffed = await options.client.diff(saved, draft, { now, ...range }, jobOptions('diff'));
      if (!current()) return;
      state.value = {
        status: 'done',
        lint,
        diff: diffed.result,
        range,
        message: '',
        elapsedMs: { lint: lintMs, diff: diffed.stats.elapsedMs },
      };
    } catch (error) {
      if (!current()) return;
      const code = (error as { code?: unknown }).code;
      if (code === 'ABORTED') return;
      const tooSlow = code === 'TIMEOUT' || code === 'RULES_UNCOMPUTABLE';
      state.value = {
        status: tooSlow ? 'too-slow' : 'failed',
        lint,
        diff: null,
        range,
        message: tooSlow ? TOO_SLOW_MESSAGE : `The rules could not be checked: ${(error as Error).message}`,
        elapsedMs: { lint: lintMs, diff: null },
      };
    } finally {
      if (controller === abort) controller = null;
    }
  }

  /** The busy windows of the months the four weeks touch; those that cannot be had are left out. */
  async function windowsFor(range: { from: string; to: string }): Promise<unknown[]> {
    const fetch = options.busyWindow;
    if (fetch === undefined || range.from === '' || range.to === '') return [];
    const months = [...new Set([range.from.slice(0, 7), range.to.slice(0, 7)])];
    const found = await Promise.all(months.map((month) => windowOf(month, fetch)));
    return found.filter((window) => window !== null);
  }

  /** One month's window: the one fetched within WINDOW_REUSE_MS, else asked for again. */
  function windowOf(
    month: string,
    fetch: NonNullable<AnalysisOptions['busyWindow']>,
  ): Promise<unknown | null> {
    const known = windows.get(month);
    const at = monotonicMs();
    if (known && at - known.at < WINDOW_REUSE_MS) return known.window;
    const window = fetch(month, fetches.signal).catch(() => null);
    const entry = { at, window };
    windows.set(month, entry);
    // A month that could not be had is asked for again by the next run.
    void window.then((found) => {
      if (found === null && windows.get(month) === entry) windows.delete(month);
    });
    return window;
  }

  return {
    state,
    request,
    dispose() {
      generation += 1;
      clearTimeout(timer);
      controller?.abort();
      controller = null;
      fetches.abort();
    },
  };
}

/** `doc` with `windows` when it requires busy windows (format v2); any other document as it is. */
export function withWindows(doc: unknown, windows: unknown[]): unknown {
  const rules = doc as { version?: unknown; requires?: unknown } | null;
  const required = Array.isArray(rules?.requires) && rules.requires.includes('busy-windows');
  return rules?.version === 2 && required && windows.length > 0 ? { ...rules, busyWindows: windows } : doc;
}
