import { describe, expect, it } from 'vitest';
import { checkSlot, generateSlots } from '../../src/engine/index.ts';
import type { RulesDocument } from '../../src/engine/types.ts';

/**
 * A month of a small clinic computed in real Chromium: the engine must run unchanged in a page
 * and give the same exact instants as in Node, whatever the browser's own zone.
 */
const weekday = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '17:00' },
];
const rules: RulesDocument = {
  version: 1,
  timezone: 'America/New_York',
  locations: [
    { id: 'main', name: 'Main St' },
    { id: 'lake', name: 'Lakeside', timezone: 'America/Chicago' },
  ],
  providers: [
    {
      id: 'lee',
      name: 'Dr. Ana Lee',
      locationId: 'main',
      weekly: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday },
    },
    {
      id: 'ada',
      name: 'Dr. Ada Obi',
      locationId: 'lake',
      weekly: { tue: [{ start: '08:00', end: '12:00' }], thu: [{ start: '08:00', end: '12:00' }] },
    },
  ],
  appointmentTypes: [
    { id: 'visit', name: 'Visit', providerIds: ['lee', 'ada'], durationMinutes: 30, stepMinutes: 30 },
  ],
  closures: [{ date: '2026-03-17', name: 'Staff training' }],
  busy: [{ providerId: 'lee', start: '2026-03-10T14:00:00Z', end: '2026-03-10T15:00:00Z' }],
};

describe('the engine in Chromium', () => {
  it('computes March 2026 (with the DST change) exactly', () => {
    const result = generateSlots(rules, {
      appointmentTypeId: 'visit',
      from: '2026-03-01',
      to: '2026-03-31',
      now: '2026-02-20T12:00:00Z',
    });
    if (!result.ok) expect.fail(JSON.stringify(result.errors));
    // Lee: 22 weekdays × 14 slots; Ada: 9 Tuesdays/Thursdays × 8. The closure removes one day of
    // each (14 + 8); the busy hour removes two of Lee's slots.
    expect(result.slots).toHaveLength(22 * 14 + 9 * 8 - 22 - 2);
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(result.slots.slice(0, 2).map((slot) => `${iso(slot.start)} ${slot.providerId}`)).toEqual([
      '2026-03-02T14:00:00.000Z lee',
      '2026-03-02T14:30:00.000Z lee',
    ]);
    // After 2026-03-08 New York is on EDT: 09:00 is 13:00Z; Chicago's 08:00 CDT is 13:00Z too.
    const tenth = result.slots.filter((slot) => iso(slot.start).startsWith('2026-03-10'));
    expect(tenth.slice(0, 3).map((slot) => `${iso(slot.start)} ${slot.providerId}`)).toEqual([
      '2026-03-10T13:00:00.000Z ada',
      '2026-03-10T13:00:00.000Z lee',
      '2026-03-10T13:30:00.000Z ada',
    ]);
    expect(iso(result.slots.at(-1)!.start)).toBe('2026-03-31T20:30:00.000Z');
    expect(result.truncated).toBe(false);
  });

  it('checks a booking the same way', () => {
    const check = { appointmentTypeId: 'visit', providerId: 'lee', now: '2026-02-20T12:00:00Z' };
    expect(checkSlot(rules, { ...check, start: '2026-03-10T15:00:00Z' })).toEqual({ ok: true });
    expect(checkSlot(rules, { ...check, start: '2026-03-10T14:30:00Z' })).toMatchObject({
      ok: false,
      code: 'BUSY',
    });
    expect(checkSlot(rules, { ...check, start: '2026-03-17T13:00:00Z' })).toEqual({
      ok: false,
      code: 'NOT_ON_SCHEDULE',
      message: 'The clinic is closed on 2026-03-17 (Staff training).',
    });
  });
});
