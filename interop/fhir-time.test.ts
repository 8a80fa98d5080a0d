import { describe, expect, it } from 'vitest';
import { readBound, readClock, readInstant, utcInstant } from './fhir-time.ts';
import { LocalTime } from './local-time.ts';

describe('readClock', () => {
  it.each([
    ['09:00:00', 'start', { ok: true, time: '09:00' }],
    ['17:30:00.000', 'end', { ok: true, time: '17:30' }],
    ['24:00:00', 'end', { ok: true, time: '24:00' }],
    ['24:00:00', 'start', { ok: false, reason: '"24:00:00" cannot start a span' }],
    ['09:00:30', 'start', { ok: false, reason: '"09:00:30" has seconds; hours are whole minutes' }],
    ['25:00:00', 'end', { ok: false, reason: '"25:00:00" is not a time of day' }],
    ['9:00', 'start', { ok: false, reason: '"9:00" is not a time of day (HH:mm:ss)' }],
  ] as const)('reads %s as a %s', (value, as, expected) => {
    expect(readClock(value, as)).toEqual(expected);
  });
});

describe('readInstant', () => {
  it.each([
    ['2026-12-01T09:00:00-05:00', Date.UTC(2026, 11, 1, 14)],
    ['2026-12-01T14:00:00Z', Date.UTC(2026, 11, 1, 14)],
    ['2026-12-01T14:00:00.250+05:30', Date.UTC(2026, 11, 1, 8, 30, 0, 250)],
    ['2026-12-01T09:00:00', null],
    ['2026-02-30T09:00:00Z', null],
    ['2026-12-01', null],
  ])('reads %s', (text, expected) => {
    expect(readInstant(text)).toBe(expected);
  });

  it('writes instants in UTC without milliseconds when there are none', () => {
    expect(utcInstant(Date.UTC(2026, 11, 1, 14))).toBe('2026-12-01T14:00:00Z');
    expect(utcInstant(Date.UTC(2026, 11, 1, 14, 0, 0, 5))).toBe('2026-12-01T14:00:00.005Z');
  });
});

describe('readBound', () => {
  it('reads a year, a month and a day in the zone, ends at the end of them', () => {
    const zone = 'America/New_York';
    expect(readBound('2027', 'end', zone)).toEqual({
      ok: true,
      ms: Date.UTC(2028, 0, 1, 5),
      assumedZone: false,
    });
    expect(readBound('2027-03', 'start', zone)).toEqual({
      ok: true,
      ms: Date.UTC(2027, 2, 1, 5),
      assumedZone: false,
    });
    // 14 March 2027 is 23 hours long in New York: its end is 04:00 UTC, not 05:00.
    expect(readBound('2027-03-14', 'end', zone)).toEqual({
      ok: true,
      ms: Date.UTC(2027, 2, 15, 4),
      assumedZone: false,
    });
  });

  it('reads a date-time without an offset in the zone, and says so', () => {
    expect(readBound('2026-12-24T09:00:00', 'start', 'Asia/Tokyo')).toEqual({
      ok: true,
      ms: Date.UTC(2026, 11, 24, 0),
      assumedZone: true,
    });
  });
});

describe('LocalTime', () => {
  it('writes an instant with the offset of its zone on both sides of a DST change', () => {
    const local = new LocalTime();
    expect(local.iso('America/New_York', Date.UTC(2027, 2, 13, 14))).toBe('2027-03-13T09:00:00.000-05:00');
    expect(local.iso('America/New_York', Date.UTC(2027, 2, 15, 13))).toBe('2027-03-15T09:00:00.000-04:00');
    expect(local.iso('Asia/Kolkata', Date.UTC(2027, 2, 15, 3, 30))).toBe('2027-03-15T09:00:00.000+05:30');
    expect(local.iso('UTC', Date.UTC(2027, 2, 15, 9))).toBe('2027-03-15T09:00:00.000Z');
  });

  it("files a late Sunday under its own ISO week, not the next day's in UTC", () => {
    const local = new LocalTime();
    const sunday = Date.UTC(2026, 11, 7, 4); // Sunday 6 December 20:00 in Los Angeles
    expect([local.date('America/Los_Angeles', sunday), local.week('America/Los_Angeles', sunday)]).toEqual([
      '2026-12-06',
      '2026-W49',
    ]);
    expect(local.week('UTC', sunday)).toBe('2026-W50');
  });
});
