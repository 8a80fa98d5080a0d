/**
 * Busy windows in the engine's working form: per provider, the windows' busy time and group
 * seats as busy entries, the bookings per type and local date, and the union of the windows'
 * ranges (the only time a `busy-windows` document offers slots in). Windows may overlap (a
 * month's margins reach into the next): seats and daily counts of one instant or date are taken
 * once, at their largest, never added up.
 */

import type { BusyTime } from './busy-index.ts';
import { MS_PER_MINUTE, parseDate } from './civil.ts';
import { type Interval, type IntervalSet, mergeIntervals } from './intervals.ts';
import type { RulesDocument } from './types.ts';

export interface CompiledWindows {
  /** Busy entries by provider id (plain busy time and group seats). */
  busy: Map<string, BusyTime[]>;
  /** Bookings by provider id, then type id, then local epoch day. */
  perDay: Map<string, Map<string, Map<number, number>>>;
  /** The time busy time is known for; `null` when the document does not require busy windows. */
  coverage: IntervalSet | null;
}

/** Reads `busyWindows` of a document `validateRules` accepted. */
export function compileWindows(rules: RulesDocument, typeIds: ReadonlySet<string>): CompiledWindows {
  const windows = rules.version === 2 ? (rules.busyWindows ?? []) : [];
  const required = rules.version === 2 && (rules.requires ?? []).includes('busy-windows');
  const plain = new Map<string, Interval[]>();
  const seats = new Map<string, Map<string, BusyTime>>();
  const perDay = new Map<string, Map<string, Map<number, number>>>();
  for (const window of windows) {
    const at = (offset: number) => window.start + offset * MS_PER_MINUTE;
    for (const [providerId, entries] of Object.entries(window.busy ?? {})) {
      const list = getOr(plain, providerId, () => []);
      for (const [offset, minutes] of entries) list.push({ start: at(offset), end: at(offset + minutes) });
    }
    for (const [providerId, entries] of Object.entries(window.seats ?? {})) {
      const byKey = getOr(seats, providerId, () => new Map());
      for (const [offset, minutes, typeId, taken] of entries) {
        const start = at(offset);
        const end = at(offset + minutes);
        // A type the rules lack cannot be booked: its seats are plain busy time.
        if (!typeIds.has(typeId)) {
          getOr(plain, providerId, () => []).push({ start, end });
          continue;
        }
        const key = `${typeId}|${start}`;
        const known = byKey.get(key);
        if (!known) byKey.set(key, { start, end, typeId, seats: taken, windowed: true });
        else {
          known.seats = Math.max(known.seats, taken);
          known.end = Math.max(known.end, end);
        }
      }
    }
    for (const [providerId, byType] of Object.entries(window.perDay ?? {})) {
      for (const [typeId, byDate] of Object.entries(byType)) {
        if (!typeIds.has(typeId)) continue;
        const counts = getOr(
          getOr(perDay, providerId, () => new Map()),
          typeId,
          () => new Map(),
        );
        for (const [date, bookings] of Object.entries(byDate)) {
          const day = parseDate(date);
          if (day !== null) counts.set(day, Math.max(counts.get(day) ?? 0, bookings));
        }
      }
    }
  }
  const busy = new Map<string, BusyTime[]>();
  for (const [providerId, intervals] of plain) {
    const merged = mergeIntervals(intervals);
    const list = getOr(busy, providerId, () => []);
    for (let i = 0; i < merged.starts.length; i++) {
      list.push({ start: merged.starts[i]!, end: merged.ends[i]!, typeId: undefined, seats: 1 });
    }
  }
  for (const [providerId, byKey] of seats) getOr(busy, providerId, () => []).push(...byKey.values());
  const coverage = required
    ? mergeIntervals(windows.map((window) => ({ start: window.start, end: window.end })))
    : null;
  return { busy, perDay, coverage };
}

/**
 * Whether `[start, end)` lies wholly inside the set (a merged set: one interval must hold it).
 * @example covers({ starts: [0], ends: [100] }, 10, 100) === true
 */
export function covers(set: IntervalSet, start: number, end: number): boolean {
  // The only candidate is the first interval ending after `start`.
  let low = 0;
  let high = set.ends.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (set.ends[mid]! <= start) low = mid + 1;
    else high = mid;
  }
  return low < set.starts.length && set.starts[low]! <= start && set.ends[low]! >= end;
}

function getOr<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}
