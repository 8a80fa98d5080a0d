import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  formatDate,
  isCalendarDate,
  parseDate,
  weekdayNumber,
} from './civil-date.ts';

describe('calendar arithmetic on epoch days', () => {
  it('numbers known dates exactly', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2000, 3, 1)).toBe(11_017);
    expect(daysFromCivil(1969, 12, 31)).toBe(-1);
    expect(civilFromDays(20_416)).toEqual([2025, 11, 24]);
    expect(formatDate(daysFromCivil(2026, 11, 24))).toBe('2026-11-24');
  });

  it('agrees with luxon in UTC for any date from 1900 to 2200', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25_567, max: 84_000 }), (epochDay) => {
        const luxon = DateTime.fromMillis(epochDay * 86_400_000, { zone: 'UTC' });
        expect(civilFromDays(epochDay)).toEqual([luxon.year, luxon.month, luxon.day]);
        expect(daysFromCivil(luxon.year, luxon.month, luxon.day)).toBe(epochDay);
        expect(weekdayNumber(epochDay)).toBe(luxon.weekday % 7);
      }),
    );
  });

  it('reads only real YYYY-MM-DD dates', () => {
    expect(parseDate('2024-02-29')).toBe(daysFromCivil(2024, 2, 29));
    expect(parseDate('2026-02-29')).toBeNull();
    expect(parseDate('2026-02-30')).toBeNull();
    expect(parseDate('2026-13-01')).toBeNull();
    expect(parseDate('2026-1-01')).toBeNull();
    expect(parseDate('2026-01-01T00:00')).toBeNull();
    expect(parseDate(20260101)).toBeNull();
  });

  it('knows the length of every month, leap years included', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((month) => daysInMonth(2026, month))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect([daysInMonth(2024, 2), daysInMonth(2100, 2), daysInMonth(2000, 2)]).toEqual([29, 28, 29]);
  });
});

describe('isCalendarDate', () => {
  it('accepts real days, leap days included', () => {
    expect(['2024-02-29', '2000-02-29', '2023-12-31', '2023-04-30'].map(isCalendarDate)).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });

  it('rejects days that do not exist and other shapes', () => {
    const bad = [
      '1900-02-29',
      '2023-04-31',
      '2023-13-01',
      '2023-00-10',
      '2023-1-5',
      '2023-01-05T00:00',
      'today',
    ];
    expect(bad.map(isCalendarDate)).toEqual(bad.map(() => false));
  });
});
