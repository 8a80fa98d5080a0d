/**
 * Instants written in a zone's local time, fast enough for a publication of 100,000 slots: each
 * (zone, instant) offset is asked of luxon once, and each local date's ISO week once. A slot grid
 * repeats the same instants across types and providers, so most lookups are cache hits.
 */
import { DateTime, IANAZone } from 'luxon';
import { memo } from './memo.ts';

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `YYYY-MM-DD` and `HH:mm:ss.sss` of epoch ms read as UTC (no zone involved). */
function utcParts(ms: number): { date: string; time: string } {
  const iso = new Date(ms).toISOString(); // always UTC: 2026-11-30T14:00:00.000Z
  return { date: iso.slice(0, 10), time: iso.slice(11, 23) };
}

export class LocalTime {
  private readonly offsets = new Map<string, Map<number, number>>();
  private readonly isos = new Map<string, Map<number, string>>();
  private readonly weeks = new Map<string, string>();

  /** The zone's offset from UTC at `ms`, in minutes. */
  offsetMinutes(zone: string, ms: number): number {
    return memo(
      memo(this.offsets, zone, () => new Map()),
      ms,
      () => IANAZone.create(zone).offset(ms),
    );
  }

  /**
   * The instant as a FHIR instant with the zone's offset.
   * @example new LocalTime().iso('America/New_York', Date.UTC(2026, 10, 30, 14)) // '2026-11-30T09:00:00.000-05:00'
   */
  iso(zone: string, ms: number): string {
    return memo(
      memo(this.isos, zone, () => new Map()),
      ms,
      () => this.format(zone, ms),
    );
  }

  private format(zone: string, ms: number): string {
    const offset = this.offsetMinutes(zone, ms);
    const { date, time } = utcParts(ms + offset * 60_000);
    if (offset === 0) return `${date}T${time}Z`;
    const sign = offset < 0 ? '-' : '+';
    const abs = Math.abs(offset);
    return `${date}T${time}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  }

  /** The local calendar date, `YYYY-MM-DD`. */
  date(zone: string, ms: number): string {
    return this.iso(zone, ms).slice(0, 10);
  }

  /** The ISO week of the local date, `2026-W49`. */
  week(zone: string, ms: number): string {
    const date = this.date(zone, ms);
    return memo(this.weeks, date, () => DateTime.fromISO(date, { zone: 'utc' }).toFormat("kkkk-'W'WW"));
  }
}
