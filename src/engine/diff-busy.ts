/**
 * Busy entries (bookings and blocks) that the draft leaves outside the provider's hours, or puts
 * in time off or on a closure, while the saved rules had them inside: the bookings that would
 * need moving. Hours come from the engine's compiled rules, resolved by its own `ZoneClock`.
 */
import { formatDate, MS_PER_DAY, weekdayOf } from './civil.ts';
import type { CompiledProvider, CompiledRules } from './compile.ts';
import { hoursOn } from './day-hours.ts';
import { parseInstant } from './instant.ts';
import { overlapsSet } from './intervals.ts';
import { wallClockOf } from './lint-calendar.ts';
import type { RulesDocument } from './types.ts';
import { WEEKDAY_NAMES } from './validate-text.ts';

/** No zone is more than 14 hours from UTC. */
const MAX_OFFSET_MS = 14 * 3_600_000;

export interface DisplacedBusy {
  /** Index of the entry in the draft's `busy`. */
  index: number;
  /** JSON Pointer of the entry in the draft. */
  path: string;
  providerId: string;
  /** Epoch milliseconds. */
  start: number;
  end: number;
  /** A sentence naming the provider, the date and why the entry no longer fits. */
  reason: string;
}

/** Why `[start, end)` does not fit a provider's hours in a document, or null when it fits. */
function misfit(rules: CompiledRules, provider: CompiledProvider, start: number, end: number): string | null {
  const { clock, name } = provider;
  const day = clock.localDay(start);
  const date = formatDate(day);
  const when = `${date} ${wallClockOf(clock, start)}–${wallClockOf(clock, end)}`;
  if (overlapsSet(provider.timeOff, start, end)) return `${when} falls in ${name}'s time off.`;
  const hours = hoursOn(rules, provider, day);
  if (hours.source === 'closure') {
    return `The clinic is closed on ${date}${hours.closureName ? ` (${hours.closureName})` : ''}.`;
  }
  if (hours.spans.length === 0) return `${name} has no hours on ${WEEKDAY_NAMES[weekdayOf(day)]} ${date}.`;
  const spans = hours.spans.map((span) => ({
    start: clock.wallTime(day, span.start),
    end: clock.wallTime(day, span.end),
  }));
  if (spans.some((span) => span.start <= start && end <= span.end)) return null;
  const listed = spans
    .map((span) => `${wallClockOf(clock, span.start)}–${wallClockOf(clock, span.end)}`)
    .join(', ');
  return `${when} is outside ${name}'s hours that day (${listed}).`;
}

/**
 * The draft's busy entries starting between `range.fromDay` and `range.toDay` (epoch days in the
 * provider's zone, inclusive) and ending after `now` that fit the saved hours (or there are no
 * saved rules, or the provider is new) but not the draft's.
 */
export function displacedBusy(
  saved: CompiledRules | null,
  draft: CompiledRules,
  draftDoc: RulesDocument,
  range: { fromDay: number; toDay: number; now: number },
): DisplacedBusy[] {
  const displaced: DisplacedBusy[] = [];
  (draftDoc.busy ?? []).forEach((busy, index) => {
    const provider = draft.providers.get(busy.providerId);
    const start = parseInstant(busy.start);
    const end = parseInstant(busy.end);
    if (!provider || start === null || end === null || end <= range.now) return;
    // Cheap pre-filter before reading the zone: a local date lies within 14 h of its UTC date.
    if (
      start < range.fromDay * MS_PER_DAY - MAX_OFFSET_MS ||
      start >= (range.toDay + 1) * MS_PER_DAY + MAX_OFFSET_MS
    ) {
      return;
    }
    const day = provider.clock.localDay(start);
    if (day < range.fromDay || day > range.toDay) return;
    const reason = misfit(draft, provider, start, end);
    if (reason === null) return;
    const before = saved?.providers.get(busy.providerId);
    if (saved && before && misfit(saved, before, start, end) !== null) return;
    displaced.push({ index, path: `/busy/${index}`, providerId: busy.providerId, start, end, reason });
  });
  return displaced;
}
