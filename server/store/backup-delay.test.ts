/** When the server's next backup of its PGlite folder is due: an interval, or a time of day in a zone. */
import { describe, expect, it } from 'vitest';
import { NOW } from '../testing.ts';
import { backupDelay } from './backup.ts';

const HOUR = 3_600_000;

describe('when the next backup is due', () => {
  const daily = { intervalMs: 24 * HOUR, at: null };
  it('is at once with none yet, else the interval after the newest, and at once when that has passed', () => {
    expect(backupDelay(daily, undefined, NOW)).toBe(0);
    expect(backupDelay(daily, NOW - HOUR, NOW)).toBe(23 * HOUR);
    expect(backupDelay(daily, NOW - 24 * HOUR, NOW)).toBe(0);
    expect(backupDelay(daily, NOW - 30 * 24 * HOUR, NOW)).toBe(0);
  });

  /** The instant of the next backup at `time` in `zone`, the newest taken an hour before `now`. */
  const nextAt = (time: string, zone: string, now: string) => {
    const [hour, minute] = time.split(':').map(Number) as [number, number];
    const at = Date.parse(now);
    return new Date(
      at + backupDelay({ intervalMs: 24 * HOUR, at: { hour, minute, zone } }, at - HOUR, at),
    ).toISOString();
  };

  it('is at the time of day in its zone, today if it is still ahead, else tomorrow', () => {
    expect(nextAt('03:00', 'UTC', '2026-12-07T02:59:00Z')).toBe('2026-12-07T03:00:00.000Z');
    expect(nextAt('03:00', 'UTC', '2026-12-07T03:00:00Z')).toBe('2026-12-08T03:00:00.000Z');
    expect(nextAt('03:00', 'America/New_York', '2026-12-07T12:00:00Z')).toBe('2026-12-08T08:00:00.000Z');
    expect(nextAt('03:00', 'Australia/Sydney', '2026-12-07T12:00:00Z')).toBe('2026-12-07T16:00:00.000Z');
    // Overdue (the newest a day old or none): at once, whatever the time of day.
    expect(
      backupDelay({ intervalMs: 24 * HOUR, at: { hour: 3, minute: 0, zone: 'UTC' } }, NOW - 25 * HOUR, NOW),
    ).toBe(0);
  });

  it('keeps the local time across daylight-saving changes, and takes a time the clocks skip as it passes', () => {
    // New York springs forward at 02:00 on 14 March 2027: 02:30 does not exist that day.
    expect(nextAt('02:30', 'America/New_York', '2027-03-14T05:00:00Z')).toBe('2027-03-14T07:30:00.000Z');
    expect(nextAt('03:00', 'America/New_York', '2027-03-13T12:00:00Z')).toBe('2027-03-14T07:00:00.000Z');
    // Berlin falls back at 03:00 on 25 October 2026: 02:30 happens twice, and the backup is at one
    // of them (from the day before's noon, the second, CET): once that day either way.
    expect(nextAt('02:30', 'Europe/Berlin', '2026-10-24T12:00:00Z')).toBe('2026-10-25T01:30:00.000Z');
    expect(nextAt('04:00', 'Europe/Berlin', '2026-10-24T12:00:00Z')).toBe('2026-10-25T03:00:00.000Z');
    // Sydney springs forward at 02:00 on 4 October 2026: 04:00 that day is AEDT (UTC+11).
    expect(nextAt('04:00', 'Australia/Sydney', '2026-10-03T00:00:00Z')).toBe('2026-10-03T17:00:00.000Z');
  });
});
