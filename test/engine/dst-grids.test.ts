import { describe, expect, it } from 'vitest';
import { clinic, everyDay, provider, slotsFor, startsOf, visitType } from './clinic.ts';

/** A clinic whose only provider works `start`–`end` every day in `zone`, with `minutes`-long visits. */
function dayClinic(zone: string, start: string, end: string, minutes: number, step?: number) {
  return clinic({
    timezone: zone,
    providers: [provider('lee', { weekly: everyDay({ start, end }) })],
    appointmentTypes: [visitType({ durationMinutes: minutes, ...(step ? { stepMinutes: step } : {}) })],
  });
}

function starts(zone: string, date: string, start: string, end: string, minutes: number, step?: number) {
  return startsOf(slotsFor(dayClinic(zone, start, end, minutes, step), { from: date, to: date }).slots);
}

describe('slot grids step in elapsed time through DST changes', () => {
  it('New York spring: 01:00–04:00 holds two real hours', () => {
    expect(starts('America/New_York', '2026-03-08', '01:00', '04:00', 30)).toEqual([
      '2026-03-08T06:00:00.000Z',
      '2026-03-08T06:30:00.000Z',
      '2026-03-08T07:00:00.000Z',
      '2026-03-08T07:30:00.000Z',
    ]);
  });

  it('New York spring: a span starting in the gap starts with EST', () => {
    expect(starts('America/New_York', '2026-03-08', '02:30', '04:00', 30)).toEqual([
      '2026-03-08T07:30:00.000Z',
    ]);
  });

  it('New York autumn: 00:00–03:00 holds four real hours, the repeated hour once each', () => {
    expect(starts('America/New_York', '2026-11-01', '00:00', '03:00', 30)).toEqual([
      '2026-11-01T04:00:00.000Z',
      '2026-11-01T04:30:00.000Z',
      '2026-11-01T05:00:00.000Z',
      '2026-11-01T05:30:00.000Z',
      '2026-11-01T06:00:00.000Z',
      '2026-11-01T06:30:00.000Z',
      '2026-11-01T07:00:00.000Z',
      '2026-11-01T07:30:00.000Z',
    ]);
  });

  it('New York autumn: a 45-minute step keeps its rhythm across the repeat', () => {
    expect(starts('America/New_York', '2026-11-01', '00:30', '02:30', 30, 45)).toEqual([
      '2026-11-01T04:30:00.000Z',
      '2026-11-01T05:15:00.000Z',
      '2026-11-01T06:00:00.000Z',
      '2026-11-01T06:45:00.000Z',
    ]);
  });

  it('London autumn: 00:00–03:00 is four hours', () => {
    expect(starts('Europe/London', '2026-10-25', '00:00', '03:00', 60)).toEqual([
      '2026-10-24T23:00:00.000Z',
      '2026-10-25T00:00:00.000Z',
      '2026-10-25T01:00:00.000Z',
      '2026-10-25T02:00:00.000Z',
    ]);
  });

  it('London spring: 00:00–03:00 is two hours', () => {
    expect(starts('Europe/London', '2026-03-29', '00:00', '03:00', 60)).toEqual([
      '2026-03-29T00:00:00.000Z',
      '2026-03-29T01:00:00.000Z',
    ]);
  });

  it('Santiago spring: a 00:00 start does not exist and opens at the jump', () => {
    expect(starts('America/Santiago', '2026-09-06', '00:00', '02:00', 60)).toEqual([
      '2026-09-06T04:00:00.000Z',
    ]);
  });

  it('Santiago autumn: 22:00–24:00 holds three real hours', () => {
    expect(starts('America/Santiago', '2026-04-04', '22:00', '24:00', 60)).toEqual([
      '2026-04-05T01:00:00.000Z',
      '2026-04-05T02:00:00.000Z',
      '2026-04-05T03:00:00.000Z',
    ]);
  });

  it('Lord Howe spring: the half-hour shift leaves 2½ hours in 01:00–04:00', () => {
    expect(starts('Australia/Lord_Howe', '2026-10-04', '01:00', '04:00', 60)).toEqual([
      '2026-10-03T14:30:00.000Z',
      '2026-10-03T15:30:00.000Z',
    ]);
    expect(starts('Australia/Lord_Howe', '2026-10-04', '01:00', '04:00', 30)).toHaveLength(5);
  });

  it('Kathmandu: quarter-hour offset', () => {
    expect(starts('Asia/Kathmandu', '2026-11-23', '09:00', '10:00', 30)).toEqual([
      '2026-11-23T03:15:00.000Z',
      '2026-11-23T03:45:00.000Z',
    ]);
  });

  it('Chatham spring: 02:00–05:00 holds two hours', () => {
    expect(starts('Pacific/Chatham', '2026-09-27', '02:00', '05:00', 60)).toEqual([
      '2026-09-26T13:15:00.000Z',
      '2026-09-26T14:15:00.000Z',
    ]);
  });

  it('Havana autumn: the day before ends at the first midnight, the day itself has 25 hours', () => {
    expect(starts('America/Havana', '2026-10-31', '20:00', '24:00', 60)).toEqual([
      '2026-11-01T00:00:00.000Z',
      '2026-11-01T01:00:00.000Z',
      '2026-11-01T02:00:00.000Z',
      '2026-11-01T03:00:00.000Z',
    ]);
    expect(starts('America/Havana', '2026-11-01', '00:00', '03:00', 60)).toEqual([
      '2026-11-01T04:00:00.000Z',
      '2026-11-01T05:00:00.000Z',
      '2026-11-01T06:00:00.000Z',
      '2026-11-01T07:00:00.000Z',
    ]);
    expect(starts('America/Havana', '2026-11-01', '00:00', '24:00', 60)).toHaveLength(25);
  });

  it('Havana spring: midnight is skipped, the day has 23 hours', () => {
    expect(starts('America/Havana', '2026-03-08', '00:00', '03:00', 60)).toEqual([
      '2026-03-08T05:00:00.000Z',
      '2026-03-08T06:00:00.000Z',
    ]);
    expect(starts('America/Havana', '2026-03-08', '00:00', '24:00', 60)).toHaveLength(23);
  });

  it('keeps whole-millisecond starts under historical local mean time', () => {
    const rules = dayClinic('America/New_York', '09:00', '10:00', 30);
    const result = slotsFor(rules, { from: '1880-01-01', to: '1880-01-01', now: '1879-12-01T00:00:00Z' });
    expect(startsOf(result.slots)).toEqual(['1880-01-01T13:56:02.000Z', '1880-01-01T14:26:02.000Z']);
  });

  it('offers a start once when two wall-clock spans overlap in real time across a gap', () => {
    // 02:00–02:30 does not exist on 2026-03-08 in New York: read with EST it is 07:00Z–07:30Z,
    // which is also where 03:00–04:00 EDT begins.
    const rules = clinic({
      providers: [
        provider('lee', {
          weekly: {
            sun: [
              { start: '02:00', end: '02:30' },
              { start: '03:00', end: '04:00' },
            ],
          },
        }),
      ],
    });
    expect(startsOf(slotsFor(rules, { from: '2026-03-08', to: '2026-03-08' }).slots)).toEqual([
      '2026-03-08T07:00:00.000Z',
      '2026-03-08T07:30:00.000Z',
    ]);
  });
});
