import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { byText, eventually, mountWithFakes, removeWidgetsAfterEach, type ShadowMount } from './shadow.ts';

/**
 * Real pointer events in Chromium (Playwright's mouse: a press, then a release): nothing the
 * patient presses may move between the two, or the click lands on nothing.
 */
removeWidgetsAfterEach();

/** The fixture's video follow-up (existing patients only, with Dr. Lee), on to the details. */
async function toDetails(locale: 'en' | 'es'): Promise<ShadowMount> {
  const m = mountWithFakes({ appointmentTypeId: 'video-followup', providerId: 'ada', locale });
  await eventually(() => expect(m.root.querySelector('input[name$="-slot"]')).not.toBeNull());
  await userEvent.click(m.root.querySelector('input[name$="-slot"]')!.closest('label')!);
  await userEvent.click(byText(m.root, 'button', locale === 'en' ? 'Continue' : 'Continuar'));
  await eventually(() => expect(m.root.querySelector('input[type=checkbox]')).not.toBeNull());
  return m;
}

describe('pressing in the details form', () => {
  for (const [locale, newPatient, message] of [
    ['en', "No, I'm a new patient", /^This visit is for existing patients only\./],
    ['es', 'No, soy paciente nuevo', /^Esta visita es solo para pacientes actuales\./],
  ] as const) {
    it(`ticks the consent box on the first click after a wrong answer for the visit (${locale})`, async () => {
      const m = await toDetails(locale);
      await userEvent.click(byText(m.root, 'label', newPatient));
      const consent = m.root.querySelector<HTMLInputElement>('input[type=checkbox]')!;
      await userEvent.click(consent);
      expect(consent.checked).toBe(true);
      // The radios' message still shows, once the click is done.
      await eventually(() => expect(byText(m.root, 'p.cs-error', message)).toBeTruthy());
    });
  }

  it('leaves a gap between each radio of new or existing patient and its words', async () => {
    const m = await toDetails('en');
    const label = byText(m.root, 'label', "No, I'm a new patient");
    const radio = label.querySelector('input')!.getBoundingClientRect();
    const words = document.createRange();
    words.selectNodeContents(label.lastChild!);
    expect(words.getBoundingClientRect().left - radio.right).toBeGreaterThanOrEqual(6);
  });

  it('shows a field left by the keyboard its problem at once', async () => {
    const m = await toDetails('en');
    m.root.querySelector<HTMLInputElement>('[name="email"]')!.focus();
    await userEvent.keyboard('{Tab}');
    await eventually(() => expect(byText(m.root, 'p.cs-error', 'Enter your email address.')).toBeTruthy());
  });
});
