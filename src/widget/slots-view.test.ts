import { describe, expect, it } from 'vitest';
import type { Slot } from '../engine/types.ts';
import { groupByDayPart, onePerTime, slotsByDay } from './slots-view.ts';
import { dateInZone } from './time.ts';

const at = (iso: string, providerId: string): Slot => {
  const start = Date.parse(iso);
  return { start, end: start + 30 * 60_000, providerId, seatsLeft: 1 };
};

describe('slots for the patient', () => {
  it('buckets by the calendar day of the shown zone', () => {
    const slots = [at('2024-12-03T14:00:00Z', 'ada'), at('2024-12-03T15:00:00Z', 'ada')];
    expect([...slotsByDay(slots, 'America/New_York').keys()]).toEqual(['2024-12-03']);
    expect([...slotsByDay(slots, 'Asia/Tokyo').entries()].map(([day, list]) => [day, list.length])).toEqual([
      ['2024-12-03', 1],
      ['2024-12-04', 1],
    ]);
  });

  it('puts every 5-minute slot of two months on its own day, across DST changes and odd offsets', () => {
    const from = Date.parse('2026-09-25T00:00:00Z');
    const slots: Slot[] = [];
    // Two providers, each in time order, one after the other (as the engine lists them).
    for (const providerId of ['ada', 'ben'])
      for (let start = from; start < from + 62 * 86_400_000; start += 300_000)
        slots.push({ start, end: start + 300_000, providerId, seatsLeft: 1 });
    for (const zone of [
      'America/New_York',
      'Australia/Lord_Howe',
      'Pacific/Chatham',
      'Asia/Kathmandu',
      'Europe/London',
    ]) {
      const wrong = [...slotsByDay(slots, zone)].flatMap(([day, list]) =>
        list
          .filter((slot) => dateInZone(slot.start, zone) !== day)
          .map((slot) => `${zone} ${slot.start} ${day}`),
      );
      expect(wrong).toEqual([]);
      expect([...slotsByDay(slots, zone).values()].reduce((n, list) => n + list.length, 0)).toBe(
        slots.length,
      );
    }
  });

  it('"any available" keeps one slot per time, for the provider with the most free times that day', () => {
    const day = [
      at('2024-12-03T14:00:00Z', 'ben'),
      at('2024-12-03T14:00:00Z', 'ada'),
      at('2024-12-03T14:30:00Z', 'ada'),
      at('2024-12-03T15:00:00Z', 'ben'),
      at('2024-12-03T15:00:00Z', 'cy'),
    ];
    // ada: 2 free, ben: 2 free, cy: 1 free. 14:00 ada vs ben ties → the type's order (ben first).
    expect(onePerTime(day, ['ben', 'ada', 'cy']).map((s) => s.providerId)).toEqual(['ben', 'ada', 'ben']);
    expect(onePerTime(day, ['ada', 'ben', 'cy']).map((s) => s.providerId)).toEqual(['ada', 'ada', 'ben']);
  });

  it('splits a day at noon and at 17:00', () => {
    const day = [
      at('2024-12-03T16:30:00Z', 'ada'),
      at('2024-12-03T17:00:00Z', 'ada'),
      at('2024-12-03T22:00:00Z', 'ada'),
    ];
    expect(groupByDayPart(day, 'America/New_York').map((g) => [g.part, g.slots.length])).toEqual([
      ['morning', 1],
      ['afternoon', 1],
      ['evening', 1],
    ]);
  });
});
