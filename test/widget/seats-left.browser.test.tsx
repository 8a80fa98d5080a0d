import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { fakeApi } from './fakes.ts';
import { clinicRules } from './fixtures.ts';
import { axeViolations, eventually, mountWithFakes, removeWidgetsAfterEach } from './shadow.ts';

/**
 * A group visit's seats left in real Chromium, from a busy window's `seats` map (rules format
 * version 2): in each time's label, so in the radio's accessible name; desktop and phone, English
 * and Spanish; axe-core finds nothing.
 */
removeWidgetsAfterEach({ resetViewport: true });

/** December 2024 in New York as one window; 5 of the class's 8 seats taken on December 3 at 9:00 AM. */
function groupRules() {
  const rules = { ...clinicRules(), version: 2 as const };
  rules.appointmentTypes.push({
    id: 'class',
    name: 'Diabetes class',
    providerIds: ['ada'],
    durationMinutes: 60,
    capacity: 8,
  });
  const start = Date.parse('2024-12-01T05:00:00Z');
  return {
    ...rules,
    busyWindows: [
      {
        month: '2024-12',
        start,
        end: Date.parse('2025-01-01T05:00:00Z'),
        seats: { ada: [[3420, 60, 'class', 5]] },
      },
    ],
  };
}

for (const [screen, size] of [
  ['desktop', [1280, 800]],
  ['phone', [375, 667]],
] as const) {
  for (const [locale, first] of [
    ['en', /^9:00\sAM 3 of 8 seats left$/],
    ['es', /^9:00 Quedan 3 de 8 plazas$/],
  ] as const) {
    describe(`seats left on a ${screen}, ${locale}`, () => {
      it('are part of the time’s accessible name, and axe finds nothing', async () => {
        await page.viewport(size[0], size[1]);
        const m = mountWithFakes(
          { appointmentTypeId: 'class', providerId: 'ada', locale },
          { apiClient: fakeApi(groupRules()), patientTimezone: 'America/New_York' },
        );
        await eventually(() =>
          expect(m.root.querySelectorAll('input[type=radio]').length).toBeGreaterThan(0),
        );
        const radio = m.root.querySelector<HTMLInputElement>('input[type=radio]')!;
        const name = (radio.closest('label')?.textContent ?? '').replace(/\s+/g, ' ').trim();
        expect(name).toMatch(first);
        radio.click();
        await eventually(() => expect(radio.checked).toBe(true));
        expect(await axeViolations(m.host)).toEqual([]);
      });
    });
  }
}
