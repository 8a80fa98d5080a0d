/**
 * A provider's working hours on one calendar date: a clinic closure closes the day for everyone;
 * otherwise the provider's override for the date replaces the weekly hours (`[]` closes the day);
 * otherwise the weekly hours of that weekday apply. A closure of one location removes the spans
 * at that location. A type with hours of its own is offered only where those meet the provider's.
 */

import { weekdayOf } from './civil.ts';
import type { CompiledProvider, CompiledRules, CompiledType, MinuteSpan } from './compile.ts';

/** The hours of a day and where they come from (checkSlot explains a closed day with it). */
export type DayHours =
  | { source: 'closure'; closureName: string | undefined; spans: readonly MinuteSpan[] }
  | {
      source: 'override' | 'weekly';
      spans: readonly MinuteSpan[];
      /** A location closed that day at which the provider would have worked. */
      closedLocation?: string;
    };

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
  const source = override ? 'override' : 'weekly';
  const spans = override ?? provider.weekly[weekdayOf(epochDay)];
  const closed = rules.locationClosures.get(epochDay);
  if (closed === undefined) return { source, spans };
  const open = spans.filter((span) => span.locationId === undefined || !closed.has(span.locationId));
  if (open.length === spans.length) return { source, spans };
  const closedLocation = spans.find((span) => !open.includes(span))?.locationId;
  return closedLocation === undefined ? { source, spans: open } : { source, spans: open, closedLocation };
}

/**
 * The spans when `type` is offered with `provider` on `epochDay`: the provider's hours, cut to
 * the type's own hours of that weekday when it has them (wall-clock minutes, before any instant).
 * @example provider 08:00–17:00, type 09:00–12:00 and 16:00–18:00 → 09:00–12:00, 16:00–17:00
 */
export function offeredOn(
  rules: CompiledRules,
  type: CompiledType,
  provider: CompiledProvider,
  epochDay: number,
): readonly MinuteSpan[] {
  const spans = hoursOn(rules, provider, epochDay).spans;
  if (type.hours === null) return spans;
  return intersectSpans(spans, type.hours[weekdayOf(epochDay)]);
}

/**
 * The minutes both lists cover, each piece keeping the location of `a`'s span. Both lists are
 * sorted and their spans do not overlap one another.
 */
export function intersectSpans(a: readonly MinuteSpan[], b: readonly MinuteSpan[]): MinuteSpan[] {
  const out: MinuteSpan[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const left = a[i]!;
    const right = b[j]!;
    const start = Math.max(left.start, right.start);
    const end = Math.min(left.end, right.end);
    if (start < end) {
      out.push(left.locationId === undefined ? { start, end } : { start, end, locationId: left.locationId });
    }
    if (left.end <= right.end) i++;
    else j++;
  }
  return out;
}
