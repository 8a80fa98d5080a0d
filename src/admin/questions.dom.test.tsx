import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { NO_CHANGES, NOW, smallClinic } from '../../test/admin/admin-fakes.ts';
import { renderTypesTab } from '../../test/admin/types-tab.tsx';
import type { StaffBooking } from '../api/types.ts';
import { createBookings } from './bookings.ts';
import { BookingsPanel } from './components/BookingsPanel.tsx';
import {
  addInsuranceQuestions,
  INSURANCE_QUESTIONS,
  questionChanges,
  withQuestionsFeature,
} from './questions.ts';

afterEach(cleanup);

const setup = renderTypesTab;

type Doc = Record<string, unknown> & { appointmentTypes: Array<Record<string, unknown>> };
const draftOf = (store: ReturnType<typeof setup>['store']) => store.draft.value as Doc;

describe("the admin page and a type's intake questions", () => {
  it('inserts the insurer and member number, requiring the feature, and drops it with the last question', () => {
    const { store, preview } = setup();
    expect(screen.getByText('Patients are asked no questions.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '+ insurer and member number' }));
    expect(draftOf(store).appointmentTypes[0]!.questions).toEqual(INSURANCE_QUESTIONS);
    expect(screen.getByTestId('questions-preview').textContent).toBe(
      'Patients are asked, after their details: Insurance company (short text, required); Member number (short text, required).',
    );
    expect(draftOf(store).version).toBe(2);
    expect(draftOf(store).requires).toEqual(['intake-questions']);
    expect((preview.shown.at(-1) as Doc).requires).toEqual(['intake-questions']);
    fireEvent.click(screen.getByRole('button', { name: 'Remove Question 2' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove Question 1' }));
    expect('questions' in draftOf(store).appointmentTypes[0]!).toBe(false);
    expect('requires' in draftOf(store)).toBe(false);
  });

  it('edits a question: its text, kind, choices, required switch and help', () => {
    const { store } = setup();
    fireEvent.click(screen.getByRole('button', { name: '+ question' }));
    const group = within(screen.getByRole('group', { name: 'Question 1' }));
    fireEvent.input(group.getByLabelText('Question text'), { target: { value: 'Symptoms' } });
    fireEvent.change(group.getByLabelText('Answered with'), { target: { value: 'several-choices' } });
    fireEvent.input(group.getByLabelText('Choices (one per line)'), { target: { value: 'Fever\nCough' } });
    fireEvent.click(group.getByRole('checkbox', { name: 'Patients must answer it' }));
    fireEvent.input(group.getByLabelText('Help shown under the question'), {
      target: { value: 'Tick all.' },
    });
    expect(draftOf(store).appointmentTypes[0]!.questions).toEqual([
      {
        id: 'question-1',
        kind: 'several-choices',
        label: 'Symptoms',
        choices: ['Fever', 'Cough'],
        required: true,
        help: 'Tick all.',
      },
    ]);
    fireEvent.change(group.getByLabelText('Answered with'), { target: { value: 'text' } });
    fireEvent.input(group.getByLabelText(/^Longest answer/), { target: { value: '80' } });
    expect(draftOf(store).appointmentTypes[0]!.questions).toEqual([
      { id: 'question-1', kind: 'text', label: 'Symptoms', required: true, help: 'Tick all.', maxLength: 80 },
    ]);
  });

  it('lists a required question with no text as an error at its field', async () => {
    setup();
    fireEvent.click(screen.getByRole('button', { name: '+ insurer and member number' }));
    const field = within(screen.getByRole('group', { name: 'Question 1' })).getByLabelText('Question text');
    fireEvent.input(field, { target: { value: ' ' } });
    const list = await screen.findByTestId('diagnostics');
    const item = within(list).getByRole('button', { name: /INVALID_FIELD/ });
    expect(item.textContent).toContain('/appointmentTypes/0/questions/0/label');
    expect(item.textContent).toContain('question "insurer": "label" must not be empty.');
    expect(field.getAttribute('aria-invalid')).toBe('true');
  });

  it('shows in the diff which types ask other questions', () => {
    const before = withQuestionsFeature(smallClinic());
    const after = addInsuranceQuestions(before, 0);
    expect(questionChanges(before, after)).toEqual([
      {
        typeId: 'follow-up',
        typeName: 'Follow-up visit',
        path: '/appointmentTypes/0/questions',
        before: 'No questions.',
        after: 'Insurance company (short text, required); Member number (short text, required)',
      },
    ]);
    expect(questionChanges(after, after)).toEqual([]);
  });
});

describe("the staff's bookings list", () => {
  it('shows each booking’s answers under the questions as the patient read them', async () => {
    const booking: StaffBooking = {
      id: 'bk_1',
      appointmentTypeId: 'follow-up',
      providerId: 'lee',
      start: NOW + 86_400_000,
      end: NOW + 86_400_000 + 1_800_000,
      status: 'confirmed',
      mode: 'in-person',
      seats: 1,
      patient: {
        name: 'Maria Garcia',
        dateOfBirth: '1984-03-09',
        email: 'maria@example.com',
        phone: '+1 555 010 2030',
        patientStatus: 'existing',
        consent: true,
      },
      answers: [
        { id: 'insurer', label: 'Insurance company', value: 'Aetna' },
        { id: 'pregnant', label: 'Are you pregnant?', value: false },
        { id: 'symptoms', label: 'Symptoms', value: ['Fever', 'Cough'] },
      ],
    };
    const bookings = createBookings({
      api: {
        ...NO_CHANGES.api,
        listBookings: async () => ({ ok: true, value: { bookings: [booking], truncated: false } }),
      },
      freeTimes: NO_CHANGES.freeTimes,
      now: () => NOW,
      onSignedOut: () => undefined,
    });
    await bookings.load('America/New_York');
    render(<BookingsPanel bookings={bookings} rules={smallClinic()} zone="America/New_York" />);
    const row = screen.getByTestId('bookings').querySelector('tbody tr')!;
    const answers = [...row.querySelectorAll('dt')].map((dt) => [
      dt.textContent,
      dt.nextElementSibling?.textContent,
    ]);
    expect(answers).toEqual([
      ['Insurance company', 'Aetna'],
      ['Are you pregnant?', 'No'],
      ['Symptoms', 'Fever, Cough'],
    ]);
  });
});
