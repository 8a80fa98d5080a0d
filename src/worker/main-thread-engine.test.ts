import { describe, expect, it } from 'vitest';
import { generateSlots } from '../engine/generate.ts';
import { validateRules } from '../engine/validate.ts';
import { planSlices } from './main-thread-engine.ts';

const engine = { generateSlots, validateRules };
const rules = {
  version: 1,
  timezone: 'America/New_York',
  providers: [
    { id: 'lee', name: 'Dr. Lee' },
    { id: 'kim', name: 'Dr. Kim' },
  ],
  appointmentTypes: [{ id: 'visit', name: 'Visit', providerIds: ['lee', 'kim'], durationMinutes: 30 }],
};
const query = { appointmentTypeId: 'visit', from: '2026-12-30', to: '2027-01-02', now: 0 };

describe('planSlices', () => {
  it('splits a query into provider-days, days outer, across a year end', () => {
    const slices = planSlices(rules, query, engine);
    expect(slices?.map((slice) => `${slice.from}/${slice.to} ${slice.providerId}`)).toEqual([
      '2026-12-30/2026-12-30 lee',
      '2026-12-30/2026-12-30 kim',
      '2026-12-31/2026-12-31 lee',
      '2026-12-31/2026-12-31 kim',
      '2027-01-01/2027-01-01 lee',
      '2027-01-01/2027-01-01 kim',
      '2027-01-02/2027-01-02 lee',
      '2027-01-02/2027-01-02 kim',
    ]);
  });

  it('answers null for what the engine would refuse: a bad date, a reversed or too long range', () => {
    expect(planSlices(rules, { ...query, from: '2026-02-30' }, engine)).toBeNull();
    expect(planSlices(rules, { ...query, to: '2026-12-29' }, engine)).toBeNull();
    expect(planSlices(rules, { ...query, to: '2027-12-31' }, engine)).toBeNull();
    expect(planSlices({ version: 3 }, query, engine)).toBeNull();
  });
});
