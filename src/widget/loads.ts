/**
 * What one widget remembers of its requests beside its signals: the busy windows fetched by
 * month, the rules composed with each, and which search for a bookable day is the latest. One per
 * store (state.ts), so two widgets on a page never share an answer or cancel each other's search.
 */
import type { BusyWindowData } from '../api/types.ts';
import type { RulesDocument } from '../engine/types.ts';
import type { IsoMonth } from './time.ts';

/** A month's busy window, or the API's code when it could not be had. */
export type WindowOutcome = { ok: true; window: BusyWindowData } | { ok: false; cause: string };

export interface Loads {
  /** Each month's busy window, asked for once (actions/busy.ts forgets a failure, so a retry asks again). */
  windows: Map<IsoMonth, Promise<WindowOutcome>>;
  /** The rules with each window, one object per rules and window, so the worker's caches hold. */
  composed: WeakMap<BusyWindowData, { doc: RulesDocument; out: RulesDocument }>;
  /** Counts the searches for a bookable day: a search that is no longer the latest ends quietly. */
  searches: number;
}

export function createLoads(): Loads {
  return { windows: new Map(), composed: new WeakMap(), searches: 0 };
}
