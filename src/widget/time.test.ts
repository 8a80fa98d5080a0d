import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addMonthsToDate,
  dateInZone,
  dayPartOf,
  daysInMonth,
  monthGrid,
  sameOffset,
  startOfWeek,
  wallClock,
  weekdayOf,
} from './time.ts';

describe('calendar date arithmetic', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addMonths('2024-12', 1)).toBe('2025-01');
    expect(addMonths('2025-01', -13)).toBe('2023-12');
    expect(addMonthsToDate('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonthsToDate('2024-03-31', -1)).toBe('2024-02-29');
    expect(daysInMonth('2024-02')).toBe(29);
  });

  it('is not moved by a DST change (dates are not instants)', () => {
    expect(addDays('2024-03-09', 1)).toBe('2024-03-10');
    expect(addDays('2024-03-10', 1)).toBe('2024-03-11');
    expect(addDays('2024-11-03', 1)).toBe('2024-11-04');
  });

  it('knows weekdays and week starts', () => {
    expect(weekdayOf('2024-12-03')).toBe(2);
    expect(startOfWeek('2024-12-03', 0)).toBe('2024-12-01');
    expect(startOfWeek('2024-12-03', 1)).toBe('2024-12-02');
    expect(startOfWeek('2024-12-01', 1)).toBe('2024-11-25');
  });

  it('lays a month out in weeks with blanks outside it', () => {
    const grid = monthGrid('2024-12', 0);
    expect(grid).toHaveLength(5);
    expect(grid[0]).toEqual([
      '2024-12-01',
      '2024-12-02',
      '2024-12-03',
      '2024-12-04',
      '2024-12-05',
      '2024-12-06',
      '2024-12-07',
    ]);
    expect(grid[4]).toEqual(['2024-12-29', '2024-12-30', '2024-12-31', null, null, null, null]);
    const monday = monthGrid('2024-12', 1);
    expect(monday[0]).toEqual([null, null, null, null, null, null, '2024-12-01']);
    expect(monday).toHaveLength(6);
  });
});

describe('instants read in a zone', () => {
  const instant = Date.parse('2024-12-03T14:00:00Z');

  it('gives the calendar date and wall time of that zone', () => {
    expect(dateInZone(instant, 'America/New_York')).toBe('2024-12-03');
    expect(dateInZone(Date.parse('2024-12-03T15:00:00Z'), 'Asia/Tokyo')).toBe('2024-12-04');
    expect(wallClock(instant, 'Asia/Tokyo')).toEqual({ date: '2024-12-03', hour: 23, minute: 0 });
    expect(wallClock(Date.parse('2024-12-03T05:00:00Z'), 'America/New_York')).toEqual({
      date: '2024-12-03',
      hour: 0,
      minute: 0,
    });
  });

  it('splits the day into parts in the shown zone', () => {
    expect(dayPartOf(instant, 'America/New_York')).toBe('morning');
    expect(dayPartOf(instant, 'Europe/Madrid')).toBe('afternoon');
    expect(dayPartOf(instant, 'Asia/Tokyo')).toBe('evening');
  });

  it('compares offsets, not names', () => {
    expect(sameOffset('America/New_York', 'America/Toronto', instant)).toBe(true);
    expect(sameOffset('America/New_York', 'America/Chicago', instant)).toBe(false);
    // Europe and the US change clocks on different dates: equal in winter only for equal offsets.
    expect(sameOffset('Europe/London', 'UTC', instant)).toBe(true);
    expect(sameOffset('Europe/London', 'UTC', Date.parse('2024-07-01T12:00:00Z'))).toBe(false);
  });
});
