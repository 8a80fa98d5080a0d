import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { RulesDocument } from '../../src/engine/types.ts';
import { fakeApi } from './fakes.ts';
import { clinicRules } from './fixtures.ts';
import { axeViolations, eventually, mountWithFakes, removeWidgetsAfterEach } from './shadow.ts';

/**
 * Hours per visit type and per location in real Chromium (rules format version 2): Dr. Ada Lee
 * works at Main Street in the mornings and at the North clinic in the afternoons, and check-ups
 * are offered on Tuesdays only. The location filter is labelled, narrows the times to one place,
 * and each time names its place while all are shown; desktop and phone, English and Spanish; axe
 * finds nothing.
 */
removeWidgetsAfterEach({ resetViewport: true });

function twoPlaces(): RulesDocument {
  const rules = clinicRules();
  rules.version = 2;
  rules.requires = ['type-hours', 'span-locations'];
  rules.locations!.push({ id: 'north', name: 'North Clinic', address: '9 North Road' });
  const day = [
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '16:00', locationId: 'north' },
  ];
  rules.providers[0]!.weekly = { mon: day, tue: day, wed: day, thu: day, fri: day };
  rules.appointmentTypes[0]!.hours = { tue: [{ start: '00:00', end: '24:00' }] };
  return rules;
}

const text = (element: Element | null | undefined) =>
  (element?.textContent ?? '')
    .replace(/[\u202f\u00a0]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

for (const [screen, size] of [
  ['desktop', [1280, 800]],
  ['phone', [375, 667]],
] as const) {
  for (const [locale, label, first, northFirst, closed] of [
    ['en', 'Location', '9:00 AM at Riverside Main Street', '1:00 PM', /, no availability$/],
    ['es', 'Ubicación', '9:00 en Riverside Main Street', '13:00', /, sin disponibilidad$/],
  ] as const) {
    describe(`the location filter on a ${screen}, ${locale}`, () => {
      it('is labelled, narrows the times to one place, and axe finds nothing', async () => {
        await page.viewport(size[0], size[1]);
        const m = mountWithFakes(
          { appointmentTypeId: 'checkup', providerId: 'ada', locale },
          { apiClient: fakeApi(twoPlaces()), patientTimezone: 'America/New_York' },
        );
        const radios = () => [...m.root.querySelectorAll<HTMLInputElement>('input[name$="-slot"]')];
        await eventually(() => expect(radios().length).toBe(12));
        const select = m.root.querySelector<HTMLSelectElement>('select')!;
        expect(text(m.root.querySelector(`label[for="${select.id}"]`))).toBe(label);
        expect(text(radios()[0]!.closest('label'))).toBe(first);
        // Check-ups are offered on Tuesdays only: Wednesday, December 4 has no times.
        expect(m.root.querySelector('[data-date="2024-12-04"]')?.getAttribute('aria-label')).toMatch(closed);
        expect(await axeViolations(m.host)).toEqual([]);
        select.value = 'north';
        select.dispatchEvent(new Event('change', { bubbles: true }));
        await eventually(() => expect(radios().length).toBe(6));
        expect(text(radios()[0]!.closest('label'))).toBe(northFirst);
        radios()[0]!.click();
        await eventually(() => expect(radios()[0]!.checked).toBe(true));
        expect(await axeViolations(m.host)).toEqual([]);
      });
    });
  }
}
