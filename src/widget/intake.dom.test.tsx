import { waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, fakeApi } from '../../test/widget/fakes.ts';
import { clinicRules } from '../../test/widget/fixtures.ts';
import { fillDetails, type Mounted, mountForTest, toDetails } from '../../test/widget/render.ts';
import type { IntakeQuestion, RulesDocument } from '../engine/types.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const fixed = { appointmentTypeId: 'checkup', providerId: 'ada' };

const QUESTIONS: IntakeQuestion[] = [
  {
    id: 'insurer',
    kind: 'text',
    label: 'Insurance company',
    required: true,
    maxLength: 20,
    help: 'As printed on your card.',
  },
  { id: 'pregnant', kind: 'yes-no', label: 'Are you pregnant?', required: true },
  { id: 'symptoms', kind: 'several-choices', label: 'Symptoms', choices: ['Fever', 'Cough', 'Rash'] },
  { id: 'since', kind: 'date', label: 'Since when?' },
];

/** The fixture clinic as version 2 with the check-up asking `questions`. */
function withQuestions(questions = QUESTIONS, requires = ['intake-questions']): RulesDocument {
  const rules = clinicRules();
  rules.appointmentTypes[0]!.questions = questions;
  return { ...rules, version: 2, requires };
}

describe('intake questions on the details step', () => {
  it('asks them with labels, help tied to the field, and errors like the other fields', async () => {
    mounted = mountForTest({ options: fixed, api: fakeApi(withQuestions()) });
    const { user, view } = await toDetails(mounted);
    const insurer = view.getByLabelText('Insurance company');
    const help = mounted.container.querySelector(`#${insurer.getAttribute('aria-describedby')}`);
    expect(help?.textContent).toBe('As printed on your card.');
    expect(insurer.getAttribute('aria-required')).toBe('true');
    expect(view.getByRole('group', { name: 'Are you pregnant?' })).toBeTruthy();
    expect(view.getByRole('group', { name: 'Symptoms (optional)' })).toBeTruthy();
    expect(view.getByLabelText('Since when? (optional)').getAttribute('type')).toBe('date');

    await fillDetails(user, mounted.container);
    await user.type(insurer, 'The Very Long Insurer Name');
    await user.click(view.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(mounted!.container.ownerDocument.activeElement).toBe(insurer));
    expect(insurer.getAttribute('aria-invalid')).toBe('true');
    const described = (insurer.getAttribute('aria-describedby') ?? '').split(' ');
    expect(described.map((id) => mounted!.container.querySelector(`#${id}`)?.textContent)).toEqual([
      'As printed on your card.',
      'Keep the answer to 20 characters or fewer.',
    ]);
    const pregnant = view.getByRole('group', { name: 'Are you pregnant?' });
    expect(within(pregnant).getByText('Answer this question.')).toBeTruthy();
  });

  it('shows the answers on the review step and sends them, never in an event', async () => {
    const api = fakeApi(withQuestions());
    mounted = mountForTest({ options: fixed, api });
    const { user, view } = await toDetails(mounted);
    await fillDetails(user, mounted.container);
    await user.type(view.getByLabelText('Insurance company'), '  Aetna  ');
    await user.click(within(view.getByRole('group', { name: 'Are you pregnant?' })).getByLabelText('No'));
    await user.click(view.getByLabelText('Rash'));
    await user.click(view.getByLabelText('Fever'));
    await user.click(view.getByRole('button', { name: 'Continue' }));
    await view.findByRole('heading', { name: 'Review and confirm' });
    const terms = [...mounted.container.querySelectorAll('dt')].map((dt) => [
      dt.textContent,
      dt.nextElementSibling?.textContent,
    ]);
    expect(terms.slice(-3)).toEqual([
      ['Insurance company', 'Aetna'],
      ['Are you pregnant?', 'No'],
      ['Symptoms', 'Fever, Rash'],
    ]);
    await user.click(view.getByRole('button', { name: 'Confirm booking' }));
    await view.findByRole('heading', { name: /booked/i });
    expect(api.bookingCalls[0]?.request.answers).toEqual({
      insurer: 'Aetna',
      pregnant: false,
      symptoms: ['Fever', 'Rash'],
    });
    expect(JSON.stringify(mounted.events)).not.toContain('Aetna');
    expect(JSON.stringify(mounted.events)).not.toContain('Rash');
    const ics = mounted.container.querySelector<HTMLAnchorElement>('a[download="appointment.ics"]');
    expect(decodeURIComponent(ics?.href ?? '')).toContain('BEGIN:VCALENDAR');
    expect(decodeURIComponent(ics?.href ?? '')).not.toContain('Aetna');
    expect(mounted.container.ownerDocument.location.href).not.toContain('Aetna');
  });

  it('puts the server’s refusal of an answer under its question and focuses it', async () => {
    const api = fakeApi(withQuestions());
    api.bookingAnswers.push(
      apiError('VALIDATION', { status: 422, fieldErrors: { 'answers/since': 'INVALID' } }),
    );
    mounted = mountForTest({ options: fixed, api });
    const { user, view } = await toDetails(mounted);
    await fillDetails(user, mounted.container);
    await user.type(view.getByLabelText('Insurance company'), 'Aetna');
    await user.click(view.getByLabelText('Yes'));
    await user.click(view.getByRole('button', { name: 'Continue' }));
    await user.click(await view.findByRole('button', { name: 'Confirm booking' }));
    const since = await view.findByLabelText('Since when? (optional)');
    await waitFor(() => expect(mounted!.container.ownerDocument.activeElement).toBe(since));
    expect(mounted.container.querySelector(`#${since.getAttribute('aria-describedby')}`)?.textContent).toBe(
      'Enter a real date.',
    );
    expect(view.getByRole('alert').textContent).toBe('Please check the highlighted details.');
  });

  it('reads the rules again when the server names a question the page does not know', async () => {
    const api = fakeApi(withQuestions());
    api.bookingAnswers.push(
      apiError('VALIDATION', { status: 422, fieldErrors: { 'answers/member-number': 'REQUIRED' } }),
    );
    mounted = mountForTest({ options: fixed, api });
    const { user, view } = await toDetails(mounted);
    await fillDetails(user, mounted.container);
    await user.type(view.getByLabelText('Insurance company'), 'Aetna');
    await user.click(view.getByLabelText('Yes'));
    await user.click(view.getByRole('button', { name: 'Continue' }));
    const calls = api.fetchRulesCalls;
    await user.click(await view.findByRole('button', { name: 'Confirm booking' }));
    await view.findByRole('heading', { name: 'Your details' });
    expect(view.getByRole('alert').textContent).toBe(
      "The clinic's questions have changed; please check your answers.",
    );
    await waitFor(() => expect(api.fetchRulesCalls).toBe(calls + 1));
  });

  it('asks in Spanish: optional marks and messages', async () => {
    mounted = mountForTest({ options: fixed, api: fakeApi(withQuestions()) });
    const { user, view } = await toDetails(mounted);
    mounted.handle.update({ locale: 'es' });
    await view.findByRole('heading', { name: 'Sus datos' });
    expect(view.getByRole('group', { name: 'Symptoms (opcional)' })).toBeTruthy();
    const yes = within(view.getByRole('group', { name: 'Are you pregnant?' }));
    expect(yes.getByLabelText('Sí')).toBeTruthy();
    await user.type(view.getByLabelText('Insurance company'), 'x'.repeat(21));
    await user.click(view.getByRole('button', { name: 'Continuar' }));
    expect(view.getByText('La respuesta debe tener 20 caracteres como máximo.')).toBeTruthy();
    expect(view.getByText('Responda a esta pregunta.')).toBeTruthy();
  });

  it('asks nothing, and sends no answers, when the document does not require the feature', async () => {
    const rules = { ...clinicRules(), version: 1 as const };
    rules.appointmentTypes[0]!.questions = QUESTIONS;
    const api = fakeApi(rules);
    mounted = mountForTest({ options: fixed, api });
    const { user, view } = await toDetails(mounted);
    expect(view.queryByLabelText('Insurance company')).toBeNull();
    await fillDetails(user, mounted.container);
    await user.click(view.getByRole('button', { name: 'Continue' }));
    await user.click(await view.findByRole('button', { name: 'Confirm booking' }));
    await waitFor(() => expect(api.bookingCalls).toHaveLength(1));
    expect('answers' in (api.bookingCalls[0]?.request ?? {})).toBe(false);
  });
});
