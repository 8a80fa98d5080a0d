/**
 * Busy time (bookings and blocks) that the draft leaves outside the provider's hours, or puts in
 * time off or on a closure, while the saved rules had them inside: the bookings that would need
 * moving. It is read from the document's `busy` list and, for a document served with busy
 * windows, from the windows' busy time and group seats. Hours come from the engine's compiled
 * rules, resolved by its own `ZoneClock`.
 */
import { formatDate, MS_PER_DAY, MS_PER_MINUTE, weekdayOf } from './civil.ts';
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
  /** JSON Pointer of the entry in the draft: `/busy/3`, or `/busyWindows/0/busy/lee/2` for a window's. */
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

/** One stretch of busy time of the draft, wherever the document holds it. */
interface BusyStretch {
  path: string;
  providerId: string;
  start: number | null;
  end: number | null;
}

/** The draft's busy time: its `busy` list, then each busy window's busy time and group seats. */
function* busyStretches(doc: RulesDocument): Generator<BusyStretch> {
  for (const [index, busy] of (doc.busy ?? []).entries()) {
    yield {
      path: `/busy/${index}`,
      providerId: busy.providerId,
      start: parseInstant(busy.start),
      end: parseInstant(busy.end),
    };
  }
  const windows = doc.version === 2 ? (doc.busyWindows ?? []) : [];
  for (const [at, window] of windows.entries()) {
    const instant = (offset: number) => window.start + offset * MS_PER_MINUTE;
    for (const field of ['busy', 'seats'] as const) {
      for (const [providerId, entries] of Object.entries(window[field] ?? {})) {
        for (const [index, [offset, minutes]] of entries.entries()) {
          yield {
            path: `/busyWindows/${at}/${field}/${providerId}/${index}`,
            providerId,
            start: instant(offset),
            end: instant(offset + minutes),
          };
        }
      }
    }
  }
}

/**
 * The draft's busy time starting between `range.fromDay` and `range.toDay` (epoch days in the
 * provider's zone, inclusive) and ending after `now` that fits the saved hours (or there are no
 * saved rules, or the provider is new) but not the draft's.
 */
export function displacedBusy(
  saved: CompiledRules | null,
  draft: CompiledRules,
  draftDoc: RulesDocument,
  range: { fromDay: number; toDay: number; now: number },
): DisplacedBusy[] {
  const displaced: DisplacedBusy[] = [];
  for (const { path, providerId, start, end } of busyStretches(draftDoc)) {
    const provider = draft.providers.get(providerId);
    if (!provider || start === null || end === null || end <= range.now) continue;
    // Cheap pre-filter before reading the zone: a local date lies within 14 h of its UTC date.
    if (
      start < range.fromDay * MS_PER_DAY - MAX_OFFSET_MS ||
      start >= (range.toDay + 1) * MS_PER_DAY + MAX_OFFSET_MS
    ) {
      continue;
    }
    const day = provider.clock.localDay(start);
    if (day < range.fromDay || day > range.toDay) continue;
    const reason = misfit(draft, provider, start, end);
    if (reason === null) continue;
    const before = saved?.providers.get(providerId);
    if (saved && before && misfit(saved, before, start, end) !== null) continue;
    displaced.push({ path, providerId, start, end, reason });
  }
  return displaced;
}
