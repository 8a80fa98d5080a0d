import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { daysFromCivil, parseClockMinutes } from './civil.ts';
import { ZoneClock } from './wall-time.ts';

/** The instant (ISO, UTC) of a wall time `HH:mm` on a date in a zone. */
function resolve(zone: string, date: string, time: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const ms = new ZoneClock(zone).wallTime(daysFromCivil(year, month, day), parseClockMinutes(time));
  return new Date(ms).toISOString();
}

describe('wall time to instant (RFC 5545 / Temporal "compatible")', () => {
  it('New York: a skipped time is read with EST, the offset before the gap', () => {
    // 2026-03-08: 02:00 EST → 03:00 EDT.
    expect(resolve('America/New_York', '2026-03-08', '01:30')).toBe('2026-03-08T06:30:00.000Z');
    expect(resolve('America/New_York', '2026-03-08', '02:00')).toBe('2026-03-08T07:00:00.000Z');
    expect(resolve('America/New_York', '2026-03-08', '02:30')).toBe('2026-03-08T07:30:00.000Z');
    expect(resolve('America/New_York', '2026-03-08', '03:00')).toBe('2026-03-08T07:00:00.000Z');
  });

  it('New York: a repeated time is its first occurrence (EDT)', () => {
    // 2026-11-01: 02:00 EDT → 01:00 EST.
    expect(resolve('America/New_York', '2026-11-01', '01:00')).toBe('2026-11-01T05:00:00.000Z');
    expect(resolve('America/New_York', '2026-11-01', '01:30')).toBe('2026-11-01T05:30:00.000Z');
    expect(resolve('America/New_York', '2026-11-01', '02:00')).toBe('2026-11-01T07:00:00.000Z');
  });

  it('London: the gap 01:00–02:00 and the repeat 01:00–02:00', () => {
    expect(resolve('Europe/London', '2026-03-29', '01:30')).toBe('2026-03-29T01:30:00.000Z');
    expect(resolve('Europe/London', '2026-03-29', '02:00')).toBe('2026-03-29T01:00:00.000Z');
    expect(resolve('Europe/London', '2026-10-25', '01:30')).toBe('2026-10-25T00:30:00.000Z');
  });

  it('Santiago: midnight does not exist on the spring day and 23:00–24:00 repeats in autumn', () => {
    // 2026-09-06: 00:00 −04 → 01:00 −03. 00:00 is read with −04, so it is the moment of the jump.
    expect(resolve('America/Santiago', '2026-09-06', '00:00')).toBe('2026-09-06T04:00:00.000Z');
    expect(resolve('America/Santiago', '2026-09-06', '00:30')).toBe('2026-09-06T04:30:00.000Z');
    expect(resolve('America/Santiago', '2026-09-06', '01:00')).toBe('2026-09-06T04:00:00.000Z');
    expect(resolve('America/Santiago', '2026-09-05', '24:00')).toBe('2026-09-06T04:00:00.000Z');
    // 2026-04-04: 24:00 −03 → 23:00 −04; 23:30 first happens under −03.
    expect(resolve('America/Santiago', '2026-04-04', '23:00')).toBe('2026-04-05T02:00:00.000Z');
    expect(resolve('America/Santiago', '2026-04-04', '23:30')).toBe('2026-04-05T02:30:00.000Z');
    expect(resolve('America/Santiago', '2026-04-04', '24:00')).toBe('2026-04-05T04:00:00.000Z');
  });

  it('Lord Howe: a 30-minute shift', () => {
    // 2026-10-04: 02:00 +10:30 → 02:30 +11.
    expect(resolve('Australia/Lord_Howe', '2026-10-04', '02:15')).toBe('2026-10-03T15:45:00.000Z');
    expect(resolve('Australia/Lord_Howe', '2026-10-04', '09:00')).toBe('2026-10-03T22:00:00.000Z');
    // 2026-04-05: 02:00 +11 → 01:30 +10:30; 01:45 first happens under +11.
    expect(resolve('Australia/Lord_Howe', '2026-04-05', '01:45')).toBe('2026-04-04T14:45:00.000Z');
    expect(resolve('Australia/Lord_Howe', '2026-04-05', '09:00')).toBe('2026-04-04T22:30:00.000Z');
  });

  it('Kathmandu: +05:45 all year', () => {
    expect(resolve('Asia/Kathmandu', '2026-11-24', '09:00')).toBe('2026-11-24T03:15:00.000Z');
    expect(resolve('Asia/Kathmandu', '2026-06-24', '00:00')).toBe('2026-06-23T18:15:00.000Z');
  });

  it('Chatham: +12:45 / +13:45, shifting at 02:45 and 03:45', () => {
    // 2026-09-27: 02:45 +12:45 → 03:45 +13:45.
    expect(resolve('Pacific/Chatham', '2026-09-27', '03:00')).toBe('2026-09-26T14:15:00.000Z');
    expect(resolve('Pacific/Chatham', '2026-09-27', '09:00')).toBe('2026-09-26T19:15:00.000Z');
    // 2026-04-05: 03:45 +13:45 → 02:45 +12:45; 03:00 first happens under +13:45.
    expect(resolve('Pacific/Chatham', '2026-04-05', '03:00')).toBe('2026-04-04T13:15:00.000Z');
  });

  it('Havana: midnight is skipped in spring and repeated in autumn', () => {
    // 2026-03-08: 00:00 CST → 01:00 CDT.
    expect(resolve('America/Havana', '2026-03-08', '00:00')).toBe('2026-03-08T05:00:00.000Z');
    expect(resolve('America/Havana', '2026-03-07', '24:00')).toBe('2026-03-08T05:00:00.000Z');
    // 2026-11-01: 01:00 CDT → 00:00 CST; the day starts at its first midnight (CDT).
    expect(resolve('America/Havana', '2026-11-01', '00:00')).toBe('2026-11-01T04:00:00.000Z');
    expect(resolve('America/Havana', '2026-10-31', '24:00')).toBe('2026-11-01T04:00:00.000Z');
    expect(resolve('America/Havana', '2026-11-01', '01:00')).toBe('2026-11-01T06:00:00.000Z');
  });

  it('Sydney and Beirut, where luxon picks the other offset', () => {
    expect(resolve('Australia/Sydney', '2026-10-04', '02:30')).toBe('2026-10-03T16:30:00.000Z');
    expect(resolve('Australia/Sydney', '2026-04-05', '02:30')).toBe('2026-04-04T15:30:00.000Z');
    expect(resolve('Asia/Beirut', '2026-03-29', '00:30')).toBe('2026-03-28T22:30:00.000Z');
    expect(resolve('Asia/Beirut', '2026-10-24', '23:30')).toBe('2026-10-24T20:30:00.000Z');
  });

  it('reports local dates of instants in the zone', () => {
    const clock = new ZoneClock('Pacific/Chatham');
    expect(clock.localDay(Date.UTC(2026, 10, 24, 11, 0))).toBe(daysFromCivil(2026, 11, 25));
    expect(clock.localDay(Date.UTC(2026, 10, 24, 11, 14))).toBe(daysFromCivil(2026, 11, 25));
    expect(clock.localDay(Date.UTC(2026, 10, 24, 10, 14))).toBe(daysFromCivil(2026, 11, 24));
  });
});

describe('historical offsets with seconds', () => {
  it('resolves to whole milliseconds (New York kept local mean time, −04:56:02, until 1883)', () => {
    const ms = new ZoneClock('America/New_York').wallTime(
      daysFromCivil(1880, 1, 1),
      parseClockMinutes('09:00'),
    );
    expect(Number.isInteger(ms)).toBe(true);
    expect(new Date(ms).toISOString()).toBe('1880-01-01T13:56:02.000Z');
    const kolkata = new ZoneClock('Asia/Kolkata').wallTime(
      daysFromCivil(1900, 1, 1),
      parseClockMinutes('09:00'),
    );
    expect(new Date(kolkata).toISOString()).toBe('1900-01-01T03:38:50.000Z');
  });
});

describe('remembered offsets', () => {
  it('equal the zone’s own offset at any instant, on change days too', () => {
    const zones = [
      'America/New_York',
      'America/Havana',
      'Australia/Lord_Howe',
      'Pacific/Chatham',
      'Asia/Kathmandu',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }),
        fc.integer({ min: 0, max: 120 }),
        (zone, around, minutes) => {
          const clock = new ZoneClock(zone);
          const luxon = IANAZone.create(zone);
          for (const ms of [
            around,
            around + minutes * 60_000,
            Date.UTC(2026, 10, 1, 5, minutes),
            Date.UTC(2026, 2, 8, 6, minutes),
          ]) {
            expect(clock.offsetMinutes(ms)).toBe(luxon.offset(ms));
          }
        },
      ),
    );
  });
});
