/**
 * Wall-clock time in one IANA zone to real instants, the RFC 5545 / Temporal `compatible` way:
 * a wall time that occurs twice (clocks go back) means its FIRST occurrence, and one that does not
 * exist (clocks go forward) is read with the offset in force BEFORE the gap, which lands it as far
 * after the gap's start as it was written after the gap's start.
 *
 * luxon alone is not consistent here (it picks the later offset in New York or Havana, the earlier
 * in Sydney or Santiago), so the offsets are resolved from `zone.offset(ts)` probes one day either
 * side of the candidate, as Temporal's `GetPossibleInstantsFor` does. Probing costs a few µs, so
 * each wall time is resolved once and remembered: a clinic's providers share their hours.
 */

import { IANAZone } from 'luxon';
import { formatClockMinutes, formatDate, MS_PER_DAY, MS_PER_MINUTE } from './civil.ts';

/** Resolved wall times remembered per zone before the memo starts over (bounds memory). */
const MEMO_LIMIT = 100_000;

export class ZoneClock {
  readonly name: string;
  private readonly zone: IANAZone;
  private readonly memo = new Map<number, number>();
  /** Offsets by UTC day when the offset holds all that day; `null` for a day with a change. */
  private readonly dayOffsets = new Map<number, number | null>();

  /** `name` must be a valid IANA zone (validation guarantees it for documents). */
  constructor(name: string) {
    this.name = name;
    this.zone = IANAZone.create(name);
  }

  /**
   * The zone's UTC offset in minutes at an instant. Busy lists ask this for thousands of
   * instants, so the offset of each UTC day is remembered when it is the same at the day's
   * start, middle and last millisecond (zones change at most once a day); on a day with a change
   * every instant is asked of the zone itself.
   */
  offsetMinutes(epochMs: number): number {
    const utcDay = Math.floor(epochMs / MS_PER_DAY);
    let offset = this.dayOffsets.get(utcDay);
    if (offset === undefined) {
      const dayStart = utcDay * MS_PER_DAY;
      const atStart = this.zone.offset(dayStart);
      const steady =
        this.zone.offset(dayStart + MS_PER_DAY / 2) === atStart &&
        this.zone.offset(dayStart + MS_PER_DAY - 1) === atStart;
      offset = steady ? atStart : null;
      if (this.dayOffsets.size >= MEMO_LIMIT) this.dayOffsets.clear();
      this.dayOffsets.set(utcDay, offset);
    }
    return offset ?? this.zone.offset(epochMs);
  }

  /** The local calendar date (epoch day) of an instant in this zone. */
  localDay(epochMs: number): number {
    return Math.floor((epochMs + this.offsetMinutes(epochMs) * MS_PER_MINUTE) / MS_PER_DAY);
  }

  /**
   * An instant as this zone's wall clock, `YYYY-MM-DD HH:mm`, for messages. Built from the offset
   * alone, so luxon's global locale or numbering settings in a host page cannot change it.
   * @example new ZoneClock('America/New_York').formatLocal(1796133600000) === '2026-12-01 09:00'
   */
  formatLocal(epochMs: number): string {
    const localMs = epochMs + this.offsetMinutes(epochMs) * MS_PER_MINUTE;
    const epochDay = Math.floor(localMs / MS_PER_DAY);
    const minutes = Math.floor((localMs - epochDay * MS_PER_DAY) / MS_PER_MINUTE);
    return `${formatDate(epochDay)} ${formatClockMinutes(minutes)}`;
  }

  /**
   * The instant of `minutes` after the start of the local date `epochDay` (1440 is the next
   * day's 00:00), resolved with the `compatible` rule.
   * @example
   * // America/New_York, 2026-03-08 (clocks jump 02:00 → 03:00): 02:30 is read as EST, so it is
   * // 07:30Z, which the clocks show as 03:30 EDT.
   * // 2026-11-01 (clocks go back 02:00 → 01:00): 01:30 is its first occurrence, 05:30Z (EDT).
   */
  wallTime(epochDay: number, minutes: number): number {
    return this.resolveLocal(epochDay * MS_PER_DAY + minutes * MS_PER_MINUTE);
  }

  /** The instant of a wall time written as "local ms" (the wall clock read as if it were UTC). */
  resolveLocal(localMs: number): number {
    const known = this.memo.get(localMs);
    if (known !== undefined) return known;
    const resolved = this.resolveUncached(localMs);
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(localMs, resolved);
    return resolved;
  }

  private resolveUncached(localMs: number): number {
    const offsetBefore = this.offsetMinutes(localMs - MS_PER_DAY);
    const offsetAfter = this.offsetMinutes(localMs + MS_PER_DAY);
    // Rounded: historical local-mean-time offsets have seconds, and minutes × 60,000 in floating
    // point can then miss the whole millisecond.
    const withBefore = Math.round(localMs - offsetBefore * MS_PER_MINUTE);
    // The earlier offset gives the earlier instant of a repeated wall time: try it first.
    if (this.offsetMinutes(withBefore) === offsetBefore) return withBefore;
    if (offsetAfter !== offsetBefore) {
      const withAfter = Math.round(localMs - offsetAfter * MS_PER_MINUTE);
      if (this.offsetMinutes(withAfter) === offsetAfter) return withAfter;
    }
    // In a gap neither offset reads back: use the offset in force before the gap.
    return withBefore;
  }
}
