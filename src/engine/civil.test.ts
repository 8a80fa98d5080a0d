import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFromCivil, formatClockMinutes, formatInstant, parseClockMinutes, weekdayOf } from './civil.ts';

describe('engine dates and clock times', () => {
  it('names weekdays (1970-01-01 was a Thursday)', () => {
    expect(weekdayOf(0)).toBe('thu');
    expect(weekdayOf(-1)).toBe('wed');
    expect(weekdayOf(daysFromCivil(2026, 11, 23))).toBe('mon');
  });

  it('formats instants as UTC ISO strings like Date#toISOString', () => {
    expect(formatInstant(1_796_133_600_000)).toBe('2026-12-01T14:00:00.000Z');
    fc.assert(
      fc.property(fc.integer({ min: -2_208_988_800_000, max: 4_102_444_800_000 }), (ms) => {
        expect(formatInstant(ms)).toBe(new Date(ms).toISOString());
      }),
    );
  });

  it('converts HH:mm to minutes and back, with 24:00 as 1440', () => {
    expect(parseClockMinutes('09:15')).toBe(555);
    expect(parseClockMinutes('24:00')).toBe(1440);
    expect(formatClockMinutes(1440)).toBe('24:00');
    expect(formatClockMinutes(65)).toBe('01:05');
  });
});
