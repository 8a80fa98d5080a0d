import { afterEach, describe, expect, it } from 'vitest';
import {
  formatDayLong,
  formatMonth,
  formatTime,
  formatWeekday,
  formatZoneName,
  prepareFormatters,
} from './format.ts';
import { dayPartOf, wallClock } from './time.ts';

const real = Intl.DateTimeFormat;

/** Counts the `Intl.DateTimeFormat` objects built while `work` runs. */
function built(work: () => void): number {
  let count = 0;
  Intl.DateTimeFormat = new Proxy(real, {
    construct(target, args) {
      count++;
      return new target(...(args as ConstructorParameters<typeof real>));
    },
  });
  try {
    work();
  } finally {
    Intl.DateTimeFormat = real;
  }
  return count;
}

afterEach(() => {
  Intl.DateTimeFormat = real;
});

describe('prepareFormatters', () => {
  // 2026-03-08 16:00 UTC: the morning of the spring-forward day in Knox, Indiana (Central time).
  // Zones no other test uses: the formatters are kept for the module's life, shared by the files
  // of a worker.
  const at = Date.UTC(2026, 2, 8, 16);

  it('builds every formatter the calendar and the day’s times draw with, so drawing builds none', () => {
    expect(built(() => prepareFormatters('en-US', 'America/Indiana/Knox', at))).toBeGreaterThan(0);
    const drawing = built(() => {
      expect(formatTime(at, 'America/Indiana/Knox', 'en-US')).toBe('11:00 AM');
      expect(formatDayLong('2026-03-09', 'en-US')).toBe('Monday, March 9');
      expect(formatMonth('2026-04', 'en-US')).toBe('April 2026');
      expect(formatWeekday('2026-03-10', 'en-US')).toEqual({ short: 'Tue', long: 'Tuesday' });
      expect(formatZoneName('America/Indiana/Knox', 'en-US', at)).toBe('Central Daylight Time');
      expect(wallClock(at, 'America/Indiana/Knox')).toEqual({ date: '2026-03-08', hour: 11, minute: 0 });
      expect(dayPartOf(at, 'America/Indiana/Knox')).toBe('morning');
    });
    expect(drawing).toBe(0);
  });

  it('is per locale and zone: another one still builds its own', () => {
    prepareFormatters('es', 'Asia/Kathmandu', at);
    expect(built(() => expect(formatTime(at, 'Asia/Kathmandu', 'es')).toBe('21:45'))).toBe(0);
    expect(built(() => expect(formatTime(at, 'Pacific/Chatham', 'es')).toBe('5:45'))).toBe(1);
  });
});
