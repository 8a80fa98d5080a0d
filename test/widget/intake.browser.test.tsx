import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { IntakeQuestion, RulesDocument } from '../../src/engine/types.ts';
import { fakeApi } from './fakes.ts';
import { clinicRules } from './fixtures.ts';
import {
  active,
  axeViolations,
  byText,
  eventually,
  fillPatient,
  mountWithFakes,
  removeWidgetsAfterEach,
} from './shadow.ts';

/**
 * Intake questions in real Chromium, on a desktop and a phone, in English and Spanish: the
 * details step asks them with their labels and the clinic's help, refuses a required one left
 * unanswered with the message tied to it and focus on it, and the review step shows the answers.
 * axe-core finds nothing on either step, errors shown included.
 */
removeWidgetsAfterEach({ resetViewport: true });

const QUESTIONS: IntakeQuestion[] = [
  {
    id: 'insurer',
    kind: 'text',
    label: 'Insurance company',
    required: true,
    help: 'As printed on your card.',
  },
  { id: 'pregnant', kind: 'yes-no', label: 'Are you pregnant?', required: true },
  { id: 'symptoms', kind: 'several-choices', label: 'Symptoms', choices: ['Fever', 'Cough'] },
  { id: 'history', kind: 'long-text', label: 'Anything else we should know?' },
];

const TEXT = {
  en: {
    continue: 'Continue',
    review: 'Review and confirm',
    required: 'Answer this question.',
    optional: 'Symptoms (optional)',
    no: 'No',
  },
  es: {
    continue: 'Continuar',
    review: 'Revise y confirme',
    required: 'Responda a esta pregunta.',
    optional: 'Symptoms (opcional)',
    no: 'No',
  },
} as const;

function rules(): RulesDocument {
  const document = clinicRules();
  document.appointmentTypes[0]!.questions = QUESTIONS;
  return { ...document, version: 2, requires: ['intake-questions'] };
}

function type(input: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

for (const [screen, size] of [
  ['desktop', [1280, 800]],
  ['phone', [375, 667]],
] as const) {
  for (const locale of ['en', 'es'] as const) {
    const t = TEXT[locale];
    describe(`intake questions on a ${screen}, in ${locale === 'en' ? 'English' : 'Spanish'}`, () => {
      it('asks them, ties help and errors to them, and shows the answers on the review', async () => {
        await page.viewport(size[0], size[1]);
        const api = fakeApi(rules());
        const m = mountWithFakes(
          { appointmentTypeId: 'checkup', providerId: 'ada', locale },
          { apiClient: api, patientTimezone: 'America/New_York' },
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
        const insurer = m.root.querySelector<HTMLInputElement>(
          `#${byText(m.root, 'label', 'Insurance company').getAttribute('for')}`,
        )!;
        expect(m.root.querySelector(`#${insurer.getAttribute('aria-describedby')}`)?.textContent).toBe(
          'As printed on your card.',
        );
        expect(byText(m.root, 'legend', t.optional)).toBeTruthy();
        fillPatient(m);
        m.root.querySelector<HTMLInputElement>('input[type=radio][value=new]')!.click();
        byText(m.root, 'button', t.continue).click();
        await eventually(() => expect(active(m)).toBe(insurer));
        expect(insurer.getAttribute('aria-invalid')).toBe('true');
        const described = (insurer.getAttribute('aria-describedby') ?? '').split(' ');
        expect(described.map((id) => m.root.querySelector(`#${id}`)?.textContent)).toEqual([
          'As printed on your card.',
          t.required,
        ]);
        const root = m.root.querySelector<HTMLElement>('.cs-root')!;
        expect(root.scrollWidth).toBeLessThanOrEqual(root.clientWidth);
        expect(await axeViolations(m.host)).toEqual([]);

        type(insurer, 'Aetna');
        const pregnant = byText(m.root, 'fieldset', /^Are you pregnant\?/);
        byText(pregnant, 'label', t.no).querySelector('input')!.click();
        byText(m.root, 'label', 'Cough').querySelector('input')!.click();
        byText(m.root, 'button', t.continue).click();
        await eventually(() => byText(m.root, 'h2', t.review));
        const terms = [...m.root.querySelectorAll('dt')].map((dt) => [
          dt.textContent,
          dt.nextElementSibling?.textContent,
        ]);
        expect(terms.slice(-3)).toEqual([
          ['Insurance company', 'Aetna'],
          ['Are you pregnant?', t.no],
          ['Symptoms', 'Cough'],
        ]);
        expect(await axeViolations(m.host)).toEqual([]);
      });
    });
  }
}
