/**
 * Turns the engine's slots into what the patient picks from: grouped by the calendar day of the
 * zone being shown, one entry per time when "any available" is chosen, split into parts of day.
 */
import type { Slot } from '../engine/types.ts';
import { type DayPart, dateToNoonUtc, dayPartOf, type IsoDate, wallClock } from './time.ts';

/** A quarter of an hour: every zone's offset, and so every local midnight, falls on one in UTC. */
const QUARTER_HOUR_MS = 900_000;
const DAY_MS = 86_400_000;

/** A stretch of time that falls on one calendar day of the zone. */
interface DaySpan {
  from: number;
  to: number;
  day: IsoDate;
}

/**
 * The span of the day `epochMs` falls on in `zone`: the whole day when the zone keeps one offset
 * from its midnight to the next (checked at both ends), else (a DST day) just its quarter-hour.
 */
function daySpanAt(epochMs: number, zone: string): DaySpan {
  const { date, hour, minute } = wallClock(epochMs, zone);
  const minuteStart = Math.floor(epochMs / 60_000) * 60_000;
  const offset = dateToNoonUtc(date) - 12 * 3_600_000 + (hour * 60 + minute) * 60_000 - minuteStart;
  const from = dateToNoonUtc(date) - 12 * 3_600_000 - offset;
  const to = from + DAY_MS;
  const start = wallClock(from, zone);
  const end = wallClock(to, zone);
  if (
    start.date === date &&
    start.hour === 0 &&
    start.minute === 0 &&
    end.date !== date &&
    end.hour === 0 &&
    end.minute === 0
  )
    return { from, to, day: date };
  const quarter = Math.floor(epochMs / QUARTER_HOUR_MS) * QUARTER_HOUR_MS;
  return { from: quarter, to: quarter + QUARTER_HOUR_MS, day: date };
}

/** Each month's grouping by zone, kept while its slots are (the calendar and the search share it). */
const grouped = new WeakMap<readonly Slot[], Map<string, Map<IsoDate, Slot[]>>>();

/** Slots by calendar day in `zone`, each day's slots in time order. Computed once per slot list and zone. */
export function slotsByDay(slots: readonly Slot[], zone: string): Map<IsoDate, Slot[]> {
  const byZone = grouped.get(slots) ?? new Map<string, Map<IsoDate, Slot[]>>();
  grouped.set(slots, byZone);
  const days = byZone.get(zone) ?? groupByDay(slots, zone);
  byZone.set(zone, days);
  return days;
}

function groupByDay(slots: readonly Slot[], zone: string): Map<IsoDate, Slot[]> {
  const days = new Map<IsoDate, Slot[]>();
  // A few zone lookups per day, not one per slot: a month of 1-minute slots is 20,000 of them,
  // and Intl's lookup is the slow part of drawing the calendar.
  const spans: DaySpan[] = [];
  let span: DaySpan | undefined;
  for (const slot of slots) {
    const at = slot.start;
    if (!span || at < span.from || at >= span.to) {
      span = spans.find((known) => at >= known.from && at < known.to) ?? daySpanAt(at, zone);
      if (!spans.includes(span)) spans.push(span);
    }
    const day = span.day;
    const list = days.get(day);
    if (list) list.push(slot);
    else days.set(day, [slot]);
  }
  // Ids compared as code units: a locale's collation is slow, and ids are not words.
  for (const list of days.values())
    list.sort(
      (a, b) => a.start - b.start || (a.providerId < b.providerId ? -1 : a.providerId > b.providerId ? 1 : 0),
    );
  return days;
}

/**
 * One slot per start time for "any available". Of the providers free at that time, the one
 * with the most free slots that day gets it (spreading the day's load); ties go to the
 * provider listed first for the type, then by id. Deterministic for the same input.
 */
export function onePerTime(daySlots: readonly Slot[], providerOrder: readonly string[]): Slot[] {
  const freeCount = new Map<string, number>();
  for (const slot of daySlots) freeCount.set(slot.providerId, (freeCount.get(slot.providerId) ?? 0) + 1);
  // By a map, not indexOf: a type may list 1,000 providers, and this runs twice per slot.
  const order = new Map(providerOrder.map((id, index) => [id, index]));
  const rank = (id: string) => order.get(id) ?? providerOrder.length;
  const byStart = new Map<number, Slot>();
  for (const slot of daySlots) {
    const current = byStart.get(slot.start);
    if (!current || better(slot, current)) byStart.set(slot.start, slot);
  }
  function better(a: Slot, b: Slot): boolean {
    const free = (freeCount.get(a.providerId) ?? 0) - (freeCount.get(b.providerId) ?? 0);
    if (free !== 0) return free > 0;
    const order = rank(a.providerId) - rank(b.providerId);
    if (order !== 0) return order < 0;
    return a.providerId < b.providerId;
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}

export interface DayPartGroup {
  part: DayPart;
  slots: Slot[];
}

/** The day's slots split into morning, afternoon and evening (empty parts left out). */
export function groupByDayPart(daySlots: readonly Slot[], zone: string): DayPartGroup[] {
  const groups: DayPartGroup[] = [
    { part: 'morning', slots: [] },
    { part: 'afternoon', slots: [] },
    { part: 'evening', slots: [] },
  ];
  for (const slot of daySlots) {
    const part = dayPartOf(slot.start, zone);
    groups.find((group) => group.part === part)?.slots.push(slot);
  }
  return groups.filter((group) => group.slots.length > 0);
}
