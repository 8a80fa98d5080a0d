import { within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { clinicRules, DEC3_0900 } from '../../test/widget/fixtures.ts';
import { type Mounted, mountForTest } from '../../test/widget/render.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

/** A class of 8 seats with Dr. Ada Lee, 5 of them taken at 9:00 AM on December 3. */
function groupRules() {
  const rules = clinicRules();
  rules.appointmentTypes.push({
    id: 'class',
    name: 'Diabetes class',
    providerIds: ['ada'],
    durationMinutes: 60,
    capacity: 8,
  });
  rules.busy = [
    {
      providerId: 'ada',
      start: new Date(DEC3_0900).toISOString(),
      end: new Date(DEC3_0900 + 3_600_000).toISOString(),
      appointmentTypeId: 'class',
      seats: 5,
    },
  ];
  return rules;
}

describe('seats left on a group visit', () => {
  it('names the seats left in each time’s accessible name, in English and Spanish', async () => {
    for (const [locale, first, second] of [
      ['en', /^9:00\sAM 3 of 8 seats left$/, /^10:00\sAM 8 of 8 seats left$/],
      ['es', /^9:00 Quedan 3 de 8 plazas$/, /^10:00 Quedan 8 de 8 plazas$/],
    ] as const) {
      mounted = mountForTest({
        rules: groupRules(),
        options: { appointmentTypeId: 'class', providerId: 'ada', locale },
      });
      const view = within(mounted.container);
      expect(await view.findByRole('radio', { name: first })).toBeTruthy();
      expect(view.getByRole('radio', { name: second })).toBeTruthy();
      mounted.unmount();
      mounted = undefined;
    }
  });

  it('says "1 of 8" in the singular in Spanish, and shows no seats for a one-seat visit', async () => {
    const rules = groupRules();
    rules.busy![0]!.seats = 7;
    mounted = mountForTest({
      rules,
      options: { appointmentTypeId: 'class', providerId: 'ada', locale: 'es' },
    });
    const view = within(mounted.container);
    expect(await view.findByRole('radio', { name: /^9:00 Queda 1 de 8 plazas$/ })).toBeTruthy();
    mounted.unmount();
    mounted = mountForTest({ options: { appointmentTypeId: 'checkup', providerId: 'ada' } });
    const checkup = within(mounted.container);
    expect(await checkup.findByRole('radio', { name: /^9:00\sAM$/ })).toBeTruthy();
    expect(mounted.container.querySelector('.cs-seats')).toBeNull();
  });
});
