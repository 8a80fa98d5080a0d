/**
 * The same slot rules written the way most schedulers are: luxon `DateTime` objects for every
 * candidate slot, `.plus()` to step, and an `Interval` overlap test against every busy entry and
 * every time-off range per slot. It is the benchmark's baseline, and the property tests use it as
 * an independent oracle for the engine (it shares no code with src/engine beyond the types).
 */

import { DateTime, Interval } from 'luxon';
import type { RulesDocument, Slot, SlotQuery, TimeSpan } from '../src/engine/types.ts';

const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

interface Busy {
  interval: Interval;
  start: DateTime;
  startMs: number;
  endMs: number;
  typeId: string | undefined;
  seats: number;
}

/** Slots for a validated document and a valid query (no query cap), sorted like the engine's. */
export function baselineSlots(rules: RulesDocument, query: SlotQuery): Slot[] {
  const type = rules.appointmentTypes.find((candidate) => candidate.id === query.appointmentTypeId)!;
  const now =
    typeof query.now === 'number'
      ? DateTime.fromMillis(query.now)
      : DateTime.fromISO(query.now, { setZone: true });
  const providerIds = query.providerId ? [query.providerId] : [...new Set(type.providerIds)];
  const duration = type.durationMinutes;
  const step = type.stepMinutes ?? duration;
  const earliest = now.plus({ minutes: type.minNoticeMinutes ?? 0 });
  const closed = new Set((rules.closures ?? []).map((closure) => closure.date));
  const dayLimit = rules.limits?.maxSlotsPerDay ?? 288;
  const slots: Slot[] = [];

  for (const providerId of providerIds) {
    const provider = rules.providers.find((candidate) => candidate.id === providerId)!;
    const location = rules.locations?.find((candidate) => candidate.id === provider.locationId);
    const zone = provider.timezone ?? location?.timezone ?? rules.timezone;
    const busy: Busy[] = (rules.busy ?? [])
      .filter((entry) => entry.providerId === providerId)
      .map((entry) => {
        const start = DateTime.fromISO(entry.start, { setZone: true });
        const end = DateTime.fromISO(entry.end, { setZone: true });
        const interval = Interval.fromDateTimes(start, end);
        return {
          interval,
          start,
          startMs: start.toMillis(),
          endMs: end.toMillis(),
          typeId: entry.appointmentTypeId,
          seats: entry.seats ?? 1,
        };
      });
    // Bookings per local date, counted once: the way a scheduler answers "is this day full?".
    const bookedPerDate = new Map<string, number>();
    for (const entry of busy) {
      if (entry.typeId !== type.id) continue;
      const date = entry.start.setZone(zone).toISODate()!;
      bookedPerDate.set(date, (bookedPerDate.get(date) ?? 0) + 1);
    }
    let dayBusy: Busy[] = [];
    const timeOff = (provider.timeOff ?? []).map((range) =>
      Interval.fromDateTimes(
        DateTime.fromISO(range.start, { setZone: true }),
        DateTime.fromISO(range.end, { setZone: true }),
      ),
    );
    const lastBookable =
      type.maxAdvanceDays === undefined
        ? null
        : now.setZone(zone).startOf('day').plus({ days: type.maxAdvanceDays }).toISODate();

    // Dates are walked in UTC: only the calendar date matters here, and `startOf('day')` in the
    // provider's zone is not safe on days whose midnight is skipped or repeated.
    let day = DateTime.fromISO(query.from, { zone: 'UTC' });
    const lastDay = DateTime.fromISO(query.to, { zone: 'UTC' });
    while (day <= lastDay) {
      const date = day.toISODate()!;
      day = day.plus({ days: 1 });
      if (closed.has(date) || (lastBookable !== null && date > lastBookable)) continue;
      if (type.maxPerDay !== undefined && (bookedPerDate.get(date) ?? 0) >= type.maxPerDay) continue;
      // The day's busy entries (with two days' margin for any zone and buffer), filtered once a day.
      const around = DateTime.fromISO(date, { zone: 'UTC' }).toMillis();
      dayBusy = busy.filter(
        (entry) => entry.startMs < around + 3 * 86_400_000 && entry.endMs > around - 2 * 86_400_000,
      );
      const override = provider.overrides?.find((candidate) => candidate.date === date);
      const weekday = WEEKDAY_KEYS[DateTime.fromISO(date, { zone: 'UTC' }).weekday - 1]!;
      const hours = mergeHours(override ? override.hours : (provider.weekly?.[weekday] ?? []));
      let offered = 0;
      let previousLast: DateTime | null = null;
      for (const [startMinute, endMinute] of hours) {
        const spanStart = wallTime(date, startMinute, zone);
        const spanEnd = wallTime(date, endMinute, zone);
        let slotStart = spanStart;
        let lastOnGrid: DateTime | null = null;
        while (slotStart.plus({ minutes: duration }) <= spanEnd && offered < dayLimit) {
          const slotEnd = slotStart.plus({ minutes: duration });
          lastOnGrid = slotStart;
          const seatsLeft =
            previousLast !== null && slotStart <= previousLast ? 0 : judge(slotStart, slotEnd);
          if (seatsLeft > 0) {
            slots.push({ start: slotStart.toMillis(), end: slotEnd.toMillis(), providerId, seatsLeft });
            offered++;
          }
          slotStart = slotStart.plus({ minutes: step });
        }
        if (lastOnGrid !== null && (previousLast === null || lastOnGrid > previousLast))
          previousLast = lastOnGrid;
      }
    }

    function judge(start: DateTime, end: DateTime): number {
      if (start < earliest) return 0;
      const slot = Interval.fromDateTimes(start, end);
      if (timeOff.some((range) => range.overlaps(slot))) return 0;
      const buffered = Interval.fromDateTimes(
        start.minus({ minutes: type.bufferBeforeMinutes ?? 0 }),
        end.plus({ minutes: type.bufferAfterMinutes ?? 0 }),
      );
      const capacity = type.capacity ?? 1;
      let seatsTaken = 0;
      for (const entry of dayBusy) {
        if (!entry.interval.overlaps(buffered)) continue;
        if (capacity > 1 && entry.typeId === type.id && +entry.start === +start) seatsTaken += entry.seats;
        else return 0;
      }
      return capacity - seatsTaken;
    }
  }
  return slots.sort(
    (a, b) => a.start - b.start || (a.providerId < b.providerId ? -1 : a.providerId > b.providerId ? 1 : 0),
  );
}

/** Spans as sorted `[startMinute, endMinute]` pairs, overlapping or touching ones merged. */
function mergeHours(spans: readonly TimeSpan[]): [number, number][] {
  const minutes = spans
    .map((span): [number, number] => [toMinutes(span.start), toMinutes(span.end)])
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of minutes) {
    const last = merged.at(-1);
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push(span);
  }
  return merged;
}

function toMinutes(time: string): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

/**
 * A wall time on a date as an instant, with the RFC 5545 rule: of two readings the first; in a
 * gap, the offset in force before it. luxon's own pick is only a starting point.
 */
function wallTime(date: string, minutes: number, zone: string): DateTime {
  const naive = DateTime.fromISO(date, { zone: 'UTC' }).plus({ minutes });
  const wall = {
    year: naive.year,
    month: naive.month,
    day: naive.day,
    hour: naive.hour,
    minute: naive.minute,
  };
  const guess = DateTime.fromObject(wall, { zone });
  const offsets = new Set([guess.offset, guess.minus({ days: 1 }).offset, guess.plus({ days: 1 }).offset]);
  const readings = [...offsets]
    .map((offset) => DateTime.fromMillis(naive.toMillis() - offset * 60_000, { zone }))
    .filter(
      (candidate) =>
        candidate.hour === wall.hour && candidate.minute === wall.minute && candidate.day === wall.day,
    )
    .sort((a, b) => a.toMillis() - b.toMillis());
  if (readings[0]) return readings[0];
  const before = DateTime.fromMillis(naive.toMillis() - 86_400_000, { zone }).offset;
  return DateTime.fromMillis(naive.toMillis() - before * 60_000, { zone });
}
