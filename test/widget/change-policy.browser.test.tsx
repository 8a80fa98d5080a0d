import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { ChangePolicy } from '../../src/engine/types.ts';
import { fakeApi } from './fakes.ts';
import { bookedCheckup, clinicRules } from './fixtures.ts';
import {
  axeViolations,
  byText,
  eventually,
  fillPatient,
  mountWithFakes,
  removeWidgetsAfterEach,
  type ShadowMount,
} from './shadow.ts';

/**
 * A type's change policy in real Chromium, on a desktop and a phone, in English and Spanish: the
 * review step says until when the booking can be changed online and shows the clinic's text;
 * the manage view past the cut-off says why there is no button and links the clinic's phone.
 * axe-core finds nothing in either.
 */
removeWidgetsAfterEach({ resetViewport: true });

/** The check-up's first time is December 3, 9:00 AM; "now" is December 2, 5:00 PM (New York). */
const OPEN: ChangePolicy = { cutoffMinutes: 600, text: 'Cancellations within 10 hours may be charged.' };
const CLOSED: ChangePolicy = { cutoffMinutes: 1440, text: 'Cancellations within 24 hours may be charged.' };

const TEXT = {
  en: {
    continue: 'Continue',
    review: 'Review and confirm',
    manage: 'Your appointment',
    until:
      'You can reschedule or cancel online until Monday, December 2, 2024 at 11:00 PM (Eastern Standard Time).',
    closed: 'This appointment can no longer be changed online: online changes close 1 day before the visit.',
    call: 'Call +1 555 0100 to reschedule or cancel.',
  },
  es: {
    continue: 'Continuar',
    review: 'Revise y confirme',
    manage: 'Su cita',
    until:
      'Puede cambiar la hora o cancelar en línea hasta el lunes, 2 de diciembre de 2024, 23:00 (hora estándar oriental).',
    closed:
      'Esta cita ya no se puede cambiar en línea: los cambios en línea se cierran 1 día antes de la cita.',
    call: 'Llame al +1 555 0100 para cambiar la hora o cancelar.',
  },
} as const;

function rules(policy: ChangePolicy) {
  const document = clinicRules();
  document.appointmentTypes[0]!.changePolicy = policy;
  return document;
}

function policyParagraphs(m: ShadowMount): string[] {
  return [...m.root.querySelectorAll('.cs-policy dd p')].map((p) =>
    (p.textContent ?? '').replace(/\s+/g, ' '),
  );
}

/** Nothing reaches past the widget's frame, and the frame does not scroll sideways. */
function fits(m: ShadowMount): void {
  const root = m.root.querySelector<HTMLElement>('.cs-root')!;
  expect(root.scrollWidth).toBeLessThanOrEqual(root.clientWidth);
  for (const el of m.root.querySelectorAll<HTMLElement>('.cs-policy *')) {
    expect(el.getBoundingClientRect().right).toBeLessThanOrEqual(root.getBoundingClientRect().right + 0.5);
  }
}

for (const [screen, size] of [
  ['desktop', [1280, 800]],
  ['phone', [375, 667]],
] as const) {
  for (const locale of ['en', 'es'] as const) {
    const t = TEXT[locale];
    describe(`the change policy on a ${screen}, in ${locale === 'en' ? 'English' : 'Spanish'}`, () => {
      it('on the review step: until when, and the clinic’s text', async () => {
        await page.viewport(size[0], size[1]);
        const m = mountWithFakes(
          { appointmentTypeId: 'checkup', providerId: 'ada', locale },
          { apiClient: fakeApi(rules(OPEN)), patientTimezone: 'America/New_York' },
        );
        await eventually(() =>
          expect(m.root.querySelectorAll('input[type=radio]').length).toBeGreaterThan(0),
        );
        m.root.querySelector<HTMLInputElement>('input[type=radio]')!.click();
        await eventually(() =>
          expect(byText(m.root, 'button', t.continue).hasAttribute('disabled')).toBe(false),
        );
        byText(m.root, 'button', t.continue).click();
        await eventually(() => expect(m.root.querySelector('[name=email]')).not.toBeNull());
        fillPatient(m);
        m.root.querySelector<HTMLInputElement>('input[type=radio][value=new]')!.click();
        byText(m.root, 'button', t.continue).click();
        await eventually(() => byText(m.root, 'h2', t.review));
        expect(policyParagraphs(m)).toEqual([t.until, OPEN.text]);
        fits(m);
        expect(await axeViolations(m.host)).toEqual([]);
      });

      it('in the manage view past the cut-off: why, the phone to call, no buttons', async () => {
        await page.viewport(size[0], size[1]);
        const api = fakeApi(rules(CLOSED));
        api.getAnswer = { ok: true, value: { booking: bookedCheckup() } };
        const m = mountWithFakes(
          { locale },
          {
            apiClient: api,
            locationHash: { get: () => '#booking=tok-9', set: () => {} },
            patientTimezone: 'America/New_York',
          },
        );
        await eventually(() => byText(m.root, 'h2', t.manage));
        await eventually(() => expect(policyParagraphs(m)).toEqual([t.closed, t.call, CLOSED.text]));
        expect(m.root.querySelectorAll('.cs-actions button')).toHaveLength(0);
        const phone = m.root.querySelector<HTMLAnchorElement>('.cs-policy a.cs-phone')!;
        expect(phone.getAttribute('href')).toBe('tel:+15550100');
        fits(m);
        expect(await axeViolations(m.host)).toEqual([]);
      });
    });
  }
}
