/**
 * A month of slots as the widget asks for it (a type, a provider, a month, under one rules view)
 * and the months it holds. They are kept by the rules view they were computed from: times
 * computed for older rules are never shown for newer ones, and new rules start with none.
 */
import type { Slot } from '../engine/types.ts';
import type { RulesView } from './rules-view.ts';
import type { IsoMonth } from './time.ts';

export type MonthState =
  /** `stale`: no job runs; the times shown before are hidden until the month is loaded again. */
  | { status: 'loading'; stale?: true }
  | { status: 'ready'; slots: Slot[]; truncated: boolean }
  | { status: 'failed'; code: string };

/** One month of one type's slots with one provider (`null`: any), under one rules view. */
export interface MonthQuery {
  rules: RulesView;
  typeId: string;
  providerId: string | null;
  month: IsoMonth;
}

/** The months held for one rules view. */
export interface MonthStates {
  rules: RulesView | null;
  byQuery: ReadonlyMap<string, MonthState>;
}

export const NO_MONTHS: MonthStates = { rules: null, byQuery: new Map() };

/**
 * A query within its rules view. A Map compares objects by identity, and two queries for the
 * same month are two objects, so the three plain values make the key.
 */
function keyWithinRules(query: MonthQuery): string {
  return `${query.typeId}\n${query.providerId ?? ''}\n${query.month}`;
}

export function sameQuery(a: MonthQuery, b: MonthQuery): boolean {
  return a.rules === b.rules && keyWithinRules(a) === keyWithinRules(b);
}

/** What is known of `query`'s month; nothing for a query of other rules than those held. */
export function stateOf(states: MonthStates, query: MonthQuery | null): MonthState | undefined {
  if (query === null || states.rules !== query.rules) return undefined;
  return states.byQuery.get(keyWithinRules(query));
}

/** `states` with `query`'s month set to `state`, or forgotten (`null`); the months of other rules go. */
export function withState(states: MonthStates, query: MonthQuery, state: MonthState | null): MonthStates {
  const byQuery = new Map(states.rules === query.rules ? states.byQuery : []);
  if (state) byQuery.set(keyWithinRules(query), state);
  else byQuery.delete(keyWithinRules(query));
  return { rules: query.rules, byQuery };
}

/** Whether a month in this state is loaded when it is asked for: never asked, failed, or stale. */
export function needsLoad(state: MonthState | undefined): boolean {
  return (
    state === undefined || state.status === 'failed' || (state.status === 'loading' && state.stale === true)
  );
}
