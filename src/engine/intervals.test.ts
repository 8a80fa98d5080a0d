import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BusyIndex } from './busy-index.ts';
import { lowerBound, mergeIntervals, overlapsSet, upperBound } from './intervals.ts';
import { ZoneClock } from './wall-time.ts';

describe('sorted arrays and intervals', () => {
  it('finds bounds', () => {
    expect(lowerBound([1, 3, 3, 5], 3)).toBe(1);
    expect(upperBound([1, 3, 3, 5], 3)).toBe(3);
    expect(lowerBound([], 3)).toBe(0);
    expect(upperBound([1, 3], 9)).toBe(2);
  });

  it('merges overlapping and touching intervals', () => {
    const set = mergeIntervals([
      { start: 20, end: 30 },
      { start: 1, end: 5 },
      { start: 5, end: 9 },
      { start: 25, end: 26 },
    ]);
    expect([...set.starts]).toEqual([1, 20]);
    expect([...set.ends]).toEqual([9, 30]);
  });

  it('treats touching as not overlapping', () => {
    const set = mergeIntervals([{ start: 10, end: 20 }]);
    expect(overlapsSet(set, 20, 30)).toBe(false);
    expect(overlapsSet(set, 0, 10)).toBe(false);
    expect(overlapsSet(set, 19, 30)).toBe(true);
    expect(overlapsSet(set, 0, 11)).toBe(true);
    expect(overlapsSet(set, 12, 13)).toBe(true);
  });

  it('counts overlapping busy entries like a scan would', () => {
    const entry = fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 30 }));
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 30 }), entry, (entries, [start, length]) => {
        const busy = entries.map(([from, span]) => ({
          start: from,
          end: from + span,
          typeId: undefined,
          seats: 1,
        }));
        const scan = busy.filter((item) => item.start < start + length && item.end > start).length;
        expect(new BusyIndex(busy, new ZoneClock('UTC')).overlapCount(start, start + length)).toBe(scan);
      }),
    );
  });

  it('sums group seats at an instant and counts bookings per local date', () => {
    const hour = 3_600_000;
    const day = 20_454; // 2026-01-01
    const at = (hours: number) => day * 24 * hour + hours * hour;
    const entries = [
      { start: at(10), end: at(11), typeId: 'class', seats: 2 },
      { start: at(10), end: at(11), typeId: 'class', seats: 1 },
      { start: at(10), end: at(11), typeId: 'visit', seats: 1 },
      { start: at(30), end: at(31), typeId: 'class', seats: 1 },
    ];
    const busy = new BusyIndex(entries, new ZoneClock('UTC'));
    expect(busy.seatsAt('class', at(10))).toEqual({ entries: 2, seats: 3 });
    expect(busy.seatsAt('class', at(11))).toEqual({ entries: 0, seats: 0 });
    expect(busy.countOnDay('class', day)).toBe(2);
    expect(busy.countOnDay('class', day + 1)).toBe(1);
    expect(busy.countOnDay('visit', day)).toBe(1);
    // 2026-01-01T10:00Z is already 2026-01-02 in Kiritimati (+14): all three fall on the 2nd.
    const kiritimati = new BusyIndex(entries, new ZoneClock('Pacific/Kiritimati'));
    expect(kiritimati.countOnDay('class', day)).toBe(0);
    expect(kiritimati.countOnDay('class', day + 1)).toBe(3);
  });
});
