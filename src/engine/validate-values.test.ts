import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseInstant } from './instant.ts';
import { calendarDay, clockMinutes, instantMillis, isZoneName, lacksOffset } from './validate-values.ts';

describe('clockMinutes', () => {
  it('reads HH:mm from 00:00 to 24:00', () => {
    expect(clockMinutes('00:00')).toBe(0);
    expect(clockMinutes('09:30')).toBe(570);
    expect(clockMinutes('23:59')).toBe(1439);
    expect(clockMinutes('24:00')).toBe(1440);
  });

  it.each([
    '24:01',
    '25:00',
    '9:30',
    '09:3',
    '09:60',
    '0930',
    '09:30:00',
    '09.30',
    ' 09:30',
    '',
    '２３:００',
  ])('refuses %j', (text) => {
    expect(clockMinutes(text)).toBeNull();
  });

  it('refuses what is not a text', () => {
    for (const value of [570, null, undefined, ['09:30'], { start: '09:30' }])
      expect(clockMinutes(value)).toBeNull();
  });
});

describe('calendarDay', () => {
  it('reads real dates as epoch days', () => {
    expect(calendarDay('1970-01-01')).toBe(0);
    expect(calendarDay('2028-02-29')).toBe(
      DateTime.fromISO('2028-02-29', { zone: 'UTC' }).toMillis() / 86_400_000,
    );
  });

  it.each([
    '2026-02-29',
    '2100-02-29',
    '2026-04-31',
    '2026-00-01',
    '2026-01-00',
    '2026-1-01',
    '2026-01-01T00:00',
    '20260101',
  ])('refuses %j', (text) => {
    expect(calendarDay(text)).toBeNull();
  });
});

describe('instantMillis', () => {
  it.each([
    ['2026-11-24T14:00:00Z', '2026-11-24T14:00:00.000Z'],
    ['2026-11-24T09:00-05:00', '2026-11-24T14:00:00.000Z'],
    ['2026-11-24T09:00:00.123456789-0500', '2026-11-24T14:00:00.123Z'],
    ['2026-11-25T01:45:00+13:45', '2026-11-24T12:00:00.000Z'],
    ['2026-11-24T00:00:00-00:00', '2026-11-24T00:00:00.000Z'],
  ])('reads %s as %s', (text, utc) => {
    expect(instantMillis(text)).toBe(DateTime.fromISO(utc, { zone: 'UTC' }).toMillis());
  });

  it.each([
    '2026-11-24T14:00:00',
    '2026-11-24',
    '2026-11-24 14:00:00Z',
    '2026-11-24t14:00:00z',
    '2026-11-24T24:00:00Z',
    '2026-11-24T14:00:60Z',
    '2026-11-24T14:00:00+24:00',
    '2026-11-24T14:00:00+05',
    '2026-02-29T14:00:00Z',
    '2026-W48-2T14:00:00Z',
    '1795528800000',
  ])('refuses %j', (text) => {
    expect(instantMillis(text)).toBeNull();
  });

  it('agrees with luxon on every instant it accepts', () => {
    const instant = fc.record({
      date: fc.date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('2199-12-31T00:00:00Z'),
        noInvalidDate: true,
      }),
      seconds: fc.option(fc.integer({ min: 0, max: 59 })),
      fraction: fc.option(fc.stringMatching(/^\d{1,9}$/)),
      offset: fc.option(fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 })),
      colon: fc.boolean(),
    });
    fc.assert(
      fc.property(instant, ({ date, seconds, fraction, offset, colon }) => {
        const day = DateTime.fromJSDate(date, { zone: 'UTC' });
        const two = (n: number) => String(n).padStart(2, '0');
        let text = day.toFormat("yyyy-MM-dd'T'HH:mm");
        if (seconds !== null) text += `:${two(seconds)}${fraction === null ? '' : `.${fraction}`}`;
        if (offset === null) text += 'Z';
        else {
          const size = Math.abs(offset);
          text += `${offset < 0 ? '-' : '+'}${two(Math.floor(size / 60))}${colon ? ':' : ''}${two(size % 60)}`;
        }
        const millis = instantMillis(text);
        expect(millis).toBe(DateTime.fromISO(text, { setZone: true }).toMillis());
        expect(millis).toBe(parseInstant(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('spots a date and time that only lacks its offset', () => {
    expect(lacksOffset('2026-12-28T00:00:00')).toBe(true);
    expect(lacksOffset('2026-12-28T00:00')).toBe(true);
    expect(lacksOffset('2026-12-28')).toBe(false);
    expect(lacksOffset('2026-12-28T00:00:00Z')).toBe(false);
  });
});

describe('isZoneName', () => {
  it('accepts IANA zones and UTC', () => {
    for (const zone of [
      'UTC',
      'America/New_York',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'Pacific/Chatham',
    ]) {
      expect(isZoneName(zone)).toBe(true);
    }
  });

  it.each(['', 'Eastern', 'America/NewYork', '+05:00', 'Z', 'x'.repeat(65), 5, null])(
    'refuses %j',
    (zone) => {
      expect(isZoneName(zone)).toBe(false);
    },
  );

  it('answers the same after more made-up names, and more spellings, than it keeps', () => {
    for (let index = 0; index < 1_500; index++) expect(isZoneName(`Nowhere/Place_${index}`)).toBe(false);
    expect(isZoneName('Nowhere/Place_1499')).toBe(false);
    // Intl takes any case of a name: 1,024 spellings of one zone, more than the names kept.
    for (let bits = 0; bits < 1_024; bits++) {
      const spelling = [...'Asia/Tokyo']
        .map((letter, index) => (bits & (1 << index) ? letter.toUpperCase() : letter.toLowerCase()))
        .join('');
      expect(isZoneName(spelling)).toBe(true);
    }
    expect(isZoneName('America/Santiago')).toBe(true);
    expect(isZoneName('Asia/Kathmandu')).toBe(true);
  });
});
