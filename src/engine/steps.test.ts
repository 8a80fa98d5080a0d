import { describe, expect, it } from 'vitest';
import { generateSlots, slotSteps } from './generate.ts';
import type { SlotsResult } from './types.ts';

const rules = {
  version: 1,
  timezone: 'America/New_York',
  providers: [
    {
      id: 'lee',
      name: 'Dr. Lee',
      weekly: { mon: [{ start: '09:00', end: '10:00' }], tue: [{ start: '09:00', end: '10:00' }] },
    },
    { id: 'kim', name: 'Dr. Kim', weekly: { mon: [{ start: '09:00', end: '09:30' }] } },
  ],
  appointmentTypes: [{ id: 'visit', name: 'Visit', providerIds: ['lee', 'kim'], durationMinutes: 30 }],
};
/** Monday 7 to Thursday 10 December 2026: four dates, two providers. */
const query = {
  appointmentTypeId: 'visit',
  from: '2026-12-07',
  to: '2026-12-10',
  now: '2026-11-24T12:00:00Z',
};

/** Runs the steps to the end, counting the pauses. */
function countSteps(steps: Generator<void, SlotsResult, void>): { pauses: number; result: SlotsResult } {
  let pauses = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { pauses, result: step.value };
    pauses++;
  }
}

describe('slotSteps', () => {
  it('pauses once the document is prepared and after each provider-day, and answers as generateSlots', () => {
    const { pauses, result } = countSteps(slotSteps(rules, query));
    expect(pauses).toBe(1 + 4 * 2);
    expect(result).toEqual(generateSlots(rules, query));
    expect(
      result.ok && result.slots.map((s) => `${new Date(s.start).toISOString()} ${s.providerId}`),
    ).toEqual([
      '2026-12-07T14:00:00.000Z kim',
      '2026-12-07T14:00:00.000Z lee',
      '2026-12-07T14:30:00.000Z lee',
      '2026-12-08T14:00:00.000Z lee',
      '2026-12-08T14:30:00.000Z lee',
    ]);
  });

  it('answers a refused document or query at once, without pausing', () => {
    const refused = countSteps(slotSteps({ version: 3 }, query));
    expect(refused.pauses).toBe(0);
    expect(refused.result.ok).toBe(false);
    const badQuery = countSteps(slotSteps(rules, { ...query, to: '2026-12-01' }));
    expect(badQuery.pauses).toBe(0);
    expect(badQuery.result).toEqual(generateSlots(rules, { ...query, to: '2026-12-01' }));
  });

  it('stops pausing at a query cut that is final: later dates are not computed', () => {
    const { pauses, result } = countSteps(slotSteps(rules, { ...query, to: '2027-01-31', maxSlots: 2 }));
    expect(result.ok && result.slots).toHaveLength(2);
    expect(pauses).toBeLessThan(1 + 56 * 2);
  });
});
