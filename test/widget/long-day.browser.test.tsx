import { describe, expect, it } from 'vitest';
import { fakeApi } from './fakes.ts';
import { clinicRules } from './fixtures.ts';
import {
  axeViolations,
  byText,
  eventually,
  mountWithFakes,
  removeWidgetsAfterEach,
  type ShadowMount,
} from './shadow.ts';

/** A day of 1-minute check-ups with Dr. Lee: 360 times (09:00–12:00 and 13:00–16:00). */
function minuteRules() {
  const rules = clinicRules();
  const checkup = rules.appointmentTypes.find((type) => type.id === 'checkup');
  if (checkup) Object.assign(checkup, { durationMinutes: 1, stepMinutes: 1 });
  rules.limits = { maxSlotsPerDay: 1440 };
  return rules;
}

removeWidgetsAfterEach();

const radios = (m: ShadowMount) => m.root.querySelectorAll('input[name$="-slot"]');

describe('a day with hundreds of times', () => {
  for (const [locale, more, last] of [
    ['en', 'Show 48 more times', '9:47 AM'],
    ['es', 'Ver 48 horarios más', '9:47'],
  ] as const) {
    it(`draws 48 times at a time, and 48 more on request (${locale})`, async () => {
      const m = mountWithFakes(
        { appointmentTypeId: 'checkup', providerId: 'ada', locale },
        { apiClient: fakeApi(minuteRules()), patientTimezone: 'America/New_York' },
      );
      await eventually(() => expect(radios(m)).toHaveLength(48));
      expect(radios(m)[47]?.closest('label')?.textContent?.replace(/\s/g, ' ')).toBe(last);
      byText(m.root, 'button', more).click();
      await eventually(() => expect(radios(m)).toHaveLength(96));
      expect(await axeViolations(m.host)).toEqual([]);
    });
  }
});
