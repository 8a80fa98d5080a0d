/**
 * A provider's working hours on one calendar date: a clinic closure closes the day for everyone;
 * otherwise the provider's override for the date replaces the weekly hours (`[]` closes the day);
 * otherwise the weekly hours of that weekday apply.
 */

import { weekdayOf } from './civil.ts';
import type { CompiledProvider, CompiledRules, MinuteSpan } from './compile.ts';

/** The hours of a day and where they come from (checkSlot explains a closed day with it). */
export type DayHours =
  | { source: 'closure'; closureName: string | undefined; spans: readonly MinuteSpan[] }
  | { source: 'override' | 'weekly'; spans: readonly MinuteSpan[] };

const CLOSED: readonly MinuteSpan[] = [];

/**
 * The merged hours of `provider` on the local date `epochDay`.
 * @example a closure on 2026-12-25 gives `{ source: 'closure', spans: [] }` even when an
 * override for that date lists hours.
 */
export function hoursOn(rules: CompiledRules, provider: CompiledProvider, epochDay: number): DayHours {
  if (rules.closures.has(epochDay)) {
    return { source: 'closure', closureName: rules.closures.get(epochDay), spans: CLOSED };
  }
  const override = provider.overrides.get(epochDay);
  if (override) return { source: 'override', spans: override };
  return { source: 'weekly', spans: provider.weekly[weekdayOf(epochDay)] };
}
