/**
 * One provider's busy entries, indexed for the three questions the engine asks:
 * how many entries overlap a window, which group bookings start at an instant, and how many
 * bookings of a type start on a local date.
 */

import { lowerBound, upperBound } from './intervals.ts';
import type { ZoneClock } from './wall-time.ts';

/** A busy entry with its instants parsed. */
export interface BusyTime {
  start: number;
  end: number;
  typeId: string | undefined;
  seats: number;
  /** From a busy window: its bookings per day are counted by the window's `perDay` instead. */
  windowed?: true;
}

/** Group bookings of one type at one instant: entries and the seats they take. */
export interface SeatsTaken {
  entries: number;
  seats: number;
}

const NO_SEATS: SeatsTaken = { entries: 0, seats: 0 };

export class BusyIndex {
  private readonly entries: readonly BusyTime[];
  private readonly clock: ZoneClock;
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  private readonly seatsByType = new Map<string, Map<number, SeatsTaken>>();
  private readonly perDayByType = new Map<string, Map<number, number>>();

  private readonly countedPerDay: ReadonlyMap<string, ReadonlyMap<number, number>> | undefined;

  /**
   * `clock` is the provider's zone: it decides which local date a booking falls on.
   * `countedPerDay` adds bookings already counted by type and local epoch day (busy windows).
   */
  constructor(
    entries: readonly BusyTime[],
    clock: ZoneClock,
    countedPerDay?: ReadonlyMap<string, ReadonlyMap<number, number>>,
  ) {
    this.entries = entries;
    this.clock = clock;
    this.countedPerDay = countedPerDay;
    this.starts = Float64Array.from(entries, (entry) => entry.start).sort();
    this.ends = Float64Array.from(entries, (entry) => entry.end).sort();
  }

  /** This index with `extra` entries added: a server's current bookings of one provider. */
  plus(extra: readonly BusyTime[]): BusyIndex {
    return extra.length === 0 ? this : new BusyIndex([...this.entries, ...extra], this.clock);
  }

  /**
   * How many entries overlap `[start, end)` (half-open; touching is not overlapping).
   * Entries ending at or before `start` all begin before `end`, so the count is
   * (entries starting before `end`) − (entries ending at or before `start`): two binary searches.
   */
  overlapCount(start: number, end: number): number {
    return lowerBound(this.starts, end) - upperBound(this.ends, start);
  }

  /** Entries of type `typeId` starting exactly at `start`, and the seats they take. */
  seatsAt(typeId: string, start: number): SeatsTaken {
    let byStart = this.seatsByType.get(typeId);
    if (!byStart) {
      byStart = new Map();
      for (const entry of this.entries) {
        if (entry.typeId !== typeId) continue;
        const taken = byStart.get(entry.start) ?? { entries: 0, seats: 0 };
        byStart.set(entry.start, { entries: taken.entries + 1, seats: taken.seats + entry.seats });
      }
      this.seatsByType.set(typeId, byStart);
    }
    return byStart.get(start) ?? NO_SEATS;
  }

  /** Entries of type `typeId` starting on the local date `epochDay` in the provider's zone. */
  countOnDay(typeId: string, epochDay: number): number {
    let byDay = this.perDayByType.get(typeId);
    if (!byDay) {
      byDay = new Map();
      for (const entry of this.entries) {
        if (entry.typeId !== typeId || entry.windowed) continue;
        const day = this.clock.localDay(entry.start);
        byDay.set(day, (byDay.get(day) ?? 0) + 1);
      }
      for (const [day, count] of this.countedPerDay?.get(typeId) ?? []) {
        byDay.set(day, (byDay.get(day) ?? 0) + count);
      }
      this.perDayByType.set(typeId, byDay);
    }
    return byDay.get(epochDay) ?? 0;
  }
}
