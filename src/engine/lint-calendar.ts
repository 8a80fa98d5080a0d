/**
 * Calendar helpers for the admin's lints: the hours of one date WITH the JSON Pointer of every
 * span (the compiled hours of day-hours.ts drop paths, and a lint must point at the field to fix),
 * whether a wall time is skipped or repeated by a DST change, and which dates of a horizon have a
 * change at all. Wall times resolve through the engine's own `ZoneClock`.
 */
import { formatClockMinutes, formatDate, MS_PER_DAY, MS_PER_MINUTE, weekdayOf } from './civil.ts';
import type { Provider, TimeSpan, Weekday } from './types.ts';
import type { ZoneClock } from './wall-time.ts';

/** One span of a day's hours and the JSON Pointer of the span in the document. */
export interface SpanAt {
  span: TimeSpan;
  path: string;
}

/** A provider's hours on one date as written (not merged), with where they come from. */
export interface DayHoursAt {
  spans: SpanAt[];
  source: 'weekly' | 'override' | 'closure';
  weekday: Weekday;
}

/** Override index by date, per provider object: keeps a scan over many dates linear. */
const overrideIndexes = new WeakMap<Provider, Map<string, number>>();

function overrideIndexOf(provider: Provider): Map<string, number> {
  let index = overrideIndexes.get(provider);
  if (!index) {
    index = new Map();
    const overrides = provider.overrides ?? [];
    for (let i = overrides.length - 1; i >= 0; i--) {
      const override = overrides[i];
      if (override) index.set(override.date, i);
    }
    overrideIndexes.set(provider, index);
  }
  return index;
}

/**
 * A provider's hours on the date `epochDay` with their paths: a clinic closure closes the day, an
 * override replaces the weekly hours (`[]` closes it), otherwise the weekday's weekly hours.
 */
export function dayHoursAt(
  provider: Provider,
  providerIndex: number,
  epochDay: number,
  closures: ReadonlySet<string>,
): DayHoursAt {
  const date = formatDate(epochDay);
  const weekday = weekdayOf(epochDay);
  if (closures.has(date)) return { spans: [], source: 'closure', weekday };
  const overrideIndex = overrideIndexOf(provider).get(date) ?? -1;
  const override = provider.overrides?.[overrideIndex];
  if (override) {
    const base = `/providers/${providerIndex}/overrides/${overrideIndex}/hours`;
    return {
      spans: override.hours.map((span, i) => ({ span, path: `${base}/${i}` })),
      source: 'override',
      weekday,
    };
  }
  const base = `/providers/${providerIndex}/weekly/${weekday}`;
  const weekly = provider.weekly?.[weekday] ?? [];
  return { spans: weekly.map((span, i) => ({ span, path: `${base}/${i}` })), source: 'weekly', weekday };
}

/** Whether a provider has any hours on `date` (a `weekday`), closures aside. */
export function hasHoursOn(provider: Provider, date: string, weekday: Weekday): boolean {
  const overrideIndex = overrideIndexOf(provider).get(date);
  if (overrideIndex !== undefined) return (provider.overrides?.[overrideIndex]?.hours.length ?? 0) > 0;
  return (provider.weekly?.[weekday]?.length ?? 0) > 0;
}

/** What a wall time is on a date, and the instant the engine reads it as. */
export interface WallTimeKind {
  kind: 'normal' | 'gap' | 'overlap';
  /** Epoch ms from `ZoneClock.wallTime` (in an overlap the first occurrence). */
  instant: number;
}

/**
 * Classifies `minutes` after midnight of `epochDay` (1440 = the next day's 00:00): a gap when the
 * engine's instant does not read back as the written wall time, an overlap when another offset of
 * the zone around that day also reads back to it.
 */
export function classifyWallTime(clock: ZoneClock, epochDay: number, minutes: number): WallTimeKind {
  const local = epochDay * MS_PER_DAY + minutes * MS_PER_MINUTE;
  const instant = clock.wallTime(epochDay, minutes);
  if (instant + clock.offsetMinutes(instant) * MS_PER_MINUTE !== local) return { kind: 'gap', instant };
  for (const probe of [local - MS_PER_DAY, local + MS_PER_DAY]) {
    const offset = clock.offsetMinutes(probe);
    const other = local - offset * MS_PER_MINUTE;
    if (other !== instant && clock.offsetMinutes(other) === offset) return { kind: 'overlap', instant };
  }
  return { kind: 'normal', instant };
}

/** `HH:mm` of an instant on the zone's wall clock. */
export function wallClockOf(clock: ZoneClock, instant: number): string {
  const local = instant + clock.offsetMinutes(instant) * MS_PER_MINUTE;
  const minutes = Math.floor((((local % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / MS_PER_MINUTE);
  return formatClockMinutes(minutes);
}

/**
 * The epoch days, among `days` days from `firstDay`, on which the zone changes its offset, or the
 * day before (a change at midnight moves the previous date's `24:00`). Probes weekly, then daily
 * inside a week whose ends differ: about 60 offset reads for a year instead of 366. (A zone that
 * changed and changed back within one week would be missed; none does.)
 */
export function transitionDays(clock: ZoneClock, firstDay: number, days: number): number[] {
  // Probing at UTC midnight of day k: a change between probes k-1 and k falls on the local
  // dates k-2..k for any offset within ±14 h.
  const at = (k: number) => clock.offsetMinutes((firstDay + k) * MS_PER_DAY);
  const found = new Set<number>();
  let lastK = -1;
  let last = at(-1);
  for (let k = Math.min(6, days); ; k = Math.min(k + 7, days)) {
    const offset = at(k);
    if (offset !== last) {
      let previous = last;
      for (let j = lastK + 1; j <= k; j++) {
        const daily = j === k ? offset : at(j);
        if (daily !== previous) {
          for (const delta of [-2, -1, 0])
            if (j + delta >= 0 && j + delta < days) found.add(firstDay + j + delta);
        }
        previous = daily;
      }
    }
    lastK = k;
    last = offset;
    if (k >= days) break;
  }
  return [...found].sort((a, b) => a - b);
}
