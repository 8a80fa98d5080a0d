import { describe, expect, it } from 'vitest';
import type { RulesDocument } from '../../src/engine/types.ts';
import { fakeApi } from './fakes.ts';
import { clinicRules } from './fixtures.ts';
import {
  byText,
  eventually,
  fillPatient,
  mountWithFakes,
  removeWidgetsAfterEach,
  type ShadowMount,
} from './shadow.ts';

/**
 * The patient's zone read from the browser itself (no injected zone). It only means something
 * when Chromium runs in another zone than the clinic's: it runs in a Vitest project whose
 * Playwright context sets `timezoneId: 'Asia/Tokyo'` (vitest.config.ts, project `browser-tokyo`).
 */
const browserZone = new Intl.DateTimeFormat().resolvedOptions().timeZone;

removeWidgetsAfterEach();

describe('the browser itself in Tokyo', () => {
  it('really runs with its clock in Tokyo', () => {
    expect(browserZone).toBe('Asia/Tokyo');
  });

  it('shows Tokyo days and both times without being told the zone', async () => {
    const m = mountWithFakes({ appointmentTypeId: 'checkup', providerId: 'ada' });
    await eventually(() =>
      expect(m.root.querySelector('[data-live="polite"]')?.textContent).toBe(
        '2 times available on Tuesday, December 3',
      ),
    );
    expect(byText(m.root, 'span', 'Times are shown in your time zone, Japan Standard Time.')).toBeTruthy();
    const first = m.root
      .querySelector('input[type=radio]')
      ?.closest('label')
      ?.textContent?.replace(/\s/g, ' ');
    expect(first).toBe('11:00 PM your time · 9:00 AM at the clinic');
  });

  it('fits two times per row on a 360 px phone, each time in both zones', async () => {
    const m = mountWithFakes({ appointmentTypeId: 'checkup', providerId: 'ada' });
    m.host.style.width = '360px';
    const slots = () => [...m.root.querySelectorAll<HTMLElement>('[part~="slot"]')];
    await eventually(() => expect(slots()).toHaveLength(2));
    const [first] = slots();
    const [a, b] = slots().map((slot) => slot.getBoundingClientRect());
    expect(b!.top).toBe(a!.top);
    expect(b!.left).toBeGreaterThan(a!.right);
    // Within an entry: the patient's time on its own line, the clinic's time below it.
    const [patient, clinic] = [...first!.querySelectorAll(':scope > span')].map((line) =>
      line.getBoundingClientRect(),
    );
    expect(clinic!.top).toBeGreaterThanOrEqual(patient!.bottom);
    expect([...first!.querySelectorAll(':scope > span')].map((line) => line.textContent)).toEqual([
      '11:00 PM your time · ',
      '9:00 AM at the clinic',
    ]);
  });
});

/**
 * The fixture clinic (New York) with a video visit offered by Dr. Ada Lee and by Dr. Sam Cruz, who
 * works from Chicago, 07:00–08:00 there, before Dr. Lee's day starts: "any available" mixes zones.
 */
function telehealthRules(): RulesDocument {
  const rules = clinicRules();
  rules.locations?.push({ id: 'tele', name: 'Telehealth', timezone: 'America/Chicago' });
  const hour = [{ start: '07:00', end: '08:00' }];
  rules.providers.push({ id: 'cruz', name: 'Dr. Sam Cruz', locationId: 'tele', weekly: { tue: hour } });
  const video = rules.appointmentTypes.find((type) => type.id === 'video-followup');
  if (video) video.providerIds = ['cruz', 'ada'];
  return rules;
}

const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** From the calendar's first time to the review, with an existing patient's details. */
async function bookFirstTime(m: ShadowMount, words: { next: string; review: string }) {
  m.root.querySelector<HTMLInputElement>('input[name$="-slot"]')!.click();
  await eventually(() =>
    expect((byText(m.root, 'button', words.next) as HTMLButtonElement).disabled).toBe(false),
  );
  byText(m.root, 'button', words.next).click();
  await eventually(() => expect(m.root.querySelector('[name="name"]')).not.toBeNull());
  fillPatient(m);
  byText(m.root, 'button', words.next).click();
  await eventually(() => byText(m.root, 'h2', words.review));
}

describe('a video visit with a provider in another zone than the clinic, seen from Tokyo', () => {
  it("shows the provider's Chicago time, said to be the provider's, on the time, the review and the confirmation", async () => {
    const m = mountWithFakes(
      { appointmentTypeId: 'video-followup' },
      { apiClient: fakeApi(telehealthRules()) },
    );
    await eventually(() => byText(m.root, 'button', 'Continue'));
    byText(m.root, 'button', 'Continue').click();
    await eventually(() => expect(m.root.querySelectorAll('input[name$="-slot"]').length).toBeGreaterThan(3));
    const labels = [...m.root.querySelectorAll('input[name$="-slot"]')].map((radio) =>
      text(radio.closest('label')),
    );
    // Tuesday, December 3: 7:00 AM in Chicago is 10:00 PM in Tokyo; Dr. Lee's 9:00 AM in New York, 11:00 PM.
    expect(labels[0]).toBe("10:00 PM your time · 7:00 AM provider's time with Dr. Sam Cruz");
    expect(labels).toContain('11:00 PM your time · 9:00 AM at the clinic with Dr. Ada Lee');
    await bookFirstTime(m, { next: 'Continue', review: 'Review and confirm' });
    const when = () => text(byText(m.root, 'dt', 'When').nextElementSibling);
    expect(when()).toBe(
      "Tuesday, December 3, 2024 at 10:00 PM (Japan Standard Time)7:00 AM (Central Standard Time) provider's time",
    );
    byText(m.root, 'button', 'Confirm booking').click();
    await eventually(() => byText(m.root, 'h2', "You're booked"));
    expect(when()).toBe(
      "Tuesday, December 3, 2024 at 10:00 PM (Japan Standard Time)7:00 AM (Central Standard Time) provider's time",
    );
  });

  it('says the same in Spanish', async () => {
    const m = mountWithFakes(
      { appointmentTypeId: 'video-followup', locale: 'es' },
      { apiClient: fakeApi(telehealthRules()) },
    );
    await eventually(() => byText(m.root, 'button', 'Continuar'));
    byText(m.root, 'button', 'Continuar').click();
    await eventually(() => expect(m.root.querySelectorAll('input[name$="-slot"]').length).toBeGreaterThan(3));
    const first = m.root.querySelector('input[name$="-slot"]')?.closest('label');
    expect(text(first)).toBe('22:00 su hora · 7:00 hora del profesional con Dr. Sam Cruz');
    await bookFirstTime(m, { next: 'Continuar', review: 'Revise y confirme' });
    expect(text(byText(m.root, 'dt', 'Cuándo').nextElementSibling)).toBe(
      'martes, 3 de diciembre de 2024, 22:00 (hora estándar de Japón)7:00 (hora estándar central) hora del profesional',
    );
  });
});
