import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { fakeApi } from './fakes.ts';
import { clinicRules } from './fixtures.ts';
import {
  axeViolations,
  byText,
  describeActive,
  eventually,
  mountWithFakes,
  removeWidgetsAfterEach,
  type ShadowMount,
} from './shadow.ts';

/**
 * A day without times chosen anyway, in real Chromium: by a click, and by arrows and Enter. The
 * fixture's Dr. Lee works on weekdays; "now" is Monday, December 2, 2024, after her hours.
 */
removeWidgetsAfterEach();

const live = (m: ShadowMount) => m.root.querySelector('[data-live="polite"]')?.textContent ?? '';
const cell = (m: ShadowMount, date: string) => m.root.querySelector<HTMLElement>(`[data-date="${date}"]`)!;

function mount(locale: 'en' | 'es', rules = clinicRules()) {
  return mountWithFakes(
    { appointmentTypeId: 'checkup', providerId: 'ada', locale },
    { apiClient: fakeApi(rules), patientTimezone: 'America/New_York' },
  );
}

describe('a day without times', () => {
  it('clicked: says so and offers the next day with times, which then has focus', async () => {
    const m = mount('en');
    await eventually(() => expect(live(m)).toBe('12 times available on Tuesday, December 3'));
    await userEvent.click(cell(m, '2024-12-07'));
    await eventually(() => byText(m.root, 'p', 'No times are available on Saturday, December 7.'));
    expect(m.root.textContent).not.toContain('Available times on Saturday');
    expect(await axeViolations(m.host)).toEqual([]);
    await userEvent.click(byText(m.root, 'button', 'Next available: Monday, December 9'));
    await eventually(() => expect(live(m)).toBe('12 times available on Monday, December 9'));
    await eventually(() => expect(describeActive(m)).toBe('td:Monday, December 9, 12 times available'));
  });

  it('chosen with arrows and Enter: the same, in Spanish', async () => {
    const m = mount('es');
    await eventually(() => expect(live(m)).toBe('12 horarios disponibles el martes, 3 de diciembre'));
    cell(m, '2024-12-03').focus();
    await userEvent.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}{Enter}');
    await eventually(() => byText(m.root, 'p', 'No hay horarios disponibles el sábado, 7 de diciembre.'));
    expect(byText(m.root, 'button', 'Próximo día disponible: lunes, 9 de diciembre')).toBeTruthy();
  });

  it('with no times left in its month: searches the months after', async () => {
    const rules = clinicRules();
    const ada = rules.providers[0]!;
    ada.timeOff = [{ start: '2024-12-20T00:00:00-05:00', end: '2025-01-06T00:00:00-05:00' }];
    const m = mount('en', rules);
    await eventually(() => expect(live(m)).toBe('12 times available on Tuesday, December 3'));
    await userEvent.click(cell(m, '2024-12-23'));
    await userEvent.click(byText(m.root, 'button', 'Go to next available'));
    await eventually(() => expect(live(m)).toBe('12 times available on Monday, January 6'));
    await eventually(() => expect(describeActive(m)).toBe('td:Monday, January 6, 12 times available'));
  });
});
