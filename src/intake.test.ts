import { describe, expect, it } from 'vitest';
import type { IntakeQuestion } from './engine/types.ts';
import { askedQuestions, checkAnswers } from './intake.ts';

const QUESTIONS: IntakeQuestion[] = [
  { id: 'insurer', kind: 'text', label: 'Insurer', required: true, minLength: 2, maxLength: 40 },
  { id: 'history', kind: 'long-text', label: 'Anything else?' },
  { id: 'visit', kind: 'one-choice', label: 'Visit', choices: ['First', 'Returning'] },
  { id: 'symptoms', kind: 'several-choices', label: 'Symptoms', choices: ['Fever', 'Cough', 'Rash'] },
  { id: 'pregnant', kind: 'yes-no', label: 'Pregnant?', required: true },
  { id: 'since', kind: 'date', label: 'Since when?' },
];

describe('checking answers against a type’s questions', () => {
  it('keeps every kind of answer, trimmed, in the questions’ order and the choices’ order', () => {
    const result = checkAnswers(QUESTIONS, {
      since: '2026-11-30',
      pregnant: false,
      symptoms: ['Rash', 'Fever'],
      visit: 'Returning',
      history: '  Line one\nline two  ',
      insurer: ' Aetna ',
    });
    expect(result).toEqual({
      ok: true,
      answers: [
        { id: 'insurer', label: 'Insurer', value: 'Aetna' },
        { id: 'history', label: 'Anything else?', value: 'Line one\nline two' },
        { id: 'visit', label: 'Visit', value: 'Returning' },
        { id: 'symptoms', label: 'Symptoms', value: ['Fever', 'Rash'] },
        { id: 'pregnant', label: 'Pregnant?', value: false },
        { id: 'since', label: 'Since when?', value: '2026-11-30' },
      ],
    });
  });

  it('leaves out optional questions left empty, and needs the required ones', () => {
    expect(checkAnswers(QUESTIONS, { insurer: '   ', history: '', symptoms: [] })).toEqual({
      ok: false,
      problems: { insurer: 'REQUIRED', pregnant: 'REQUIRED' },
    });
    expect(checkAnswers(QUESTIONS, { insurer: 'Aetna', pregnant: true, history: '' })).toEqual({
      ok: true,
      answers: [
        { id: 'insurer', label: 'Insurer', value: 'Aetna' },
        { id: 'pregnant', label: 'Pregnant?', value: true },
      ],
    });
  });

  it('refuses answers of the wrong type', () => {
    expect(
      checkAnswers(QUESTIONS, {
        insurer: 42,
        history: ['a'],
        visit: ['First'],
        symptoms: 'Fever',
        pregnant: 'yes',
        since: 20261130,
      }),
    ).toEqual({
      ok: false,
      problems: {
        insurer: 'WRONG_TYPE',
        history: 'WRONG_TYPE',
        visit: 'WRONG_TYPE',
        symptoms: 'WRONG_TYPE',
        pregnant: 'WRONG_TYPE',
        since: 'WRONG_TYPE',
      },
    });
    expect(checkAnswers(QUESTIONS, 'Aetna')).toEqual({ ok: false, problems: { '': 'WRONG_TYPE' } });
    expect(checkAnswers(QUESTIONS, [])).toEqual({ ok: false, problems: { '': 'WRONG_TYPE' } });
  });

  it('refuses an answer a megabyte long, and texts outside the question’s lengths', () => {
    const megabyte = 'x'.repeat(1024 * 1024);
    expect(checkAnswers(QUESTIONS, { insurer: megabyte, pregnant: true, history: megabyte })).toEqual({
      ok: false,
      problems: { insurer: 'TOO_LONG', history: 'TOO_LONG' },
    });
    expect(checkAnswers(QUESTIONS, { insurer: 'A', pregnant: true, history: 'h'.repeat(2001) })).toEqual({
      ok: false,
      problems: { insurer: 'TOO_SHORT', history: 'TOO_LONG' },
    });
    expect(checkAnswers(QUESTIONS, { insurer: 'x'.repeat(41), pregnant: true })).toEqual({
      ok: false,
      problems: { insurer: 'TOO_LONG' },
    });
  });

  it('refuses an answer to a question the type does not ask', () => {
    expect(checkAnswers(QUESTIONS, { insurer: 'Aetna', pregnant: true, memberNumber: '123' })).toEqual({
      ok: false,
      problems: { memberNumber: 'NOT_ASKED' },
    });
    expect(checkAnswers(undefined, { insurer: 'Aetna' })).toEqual({
      ok: false,
      problems: { insurer: 'NOT_ASKED' },
    });
    expect(checkAnswers(undefined, undefined)).toEqual({ ok: true, answers: [] });
  });

  it('refuses more answers than any type has questions without looking at them', () => {
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`q${i}`, 'x']));
    expect(checkAnswers(QUESTIONS, many)).toEqual({ ok: false, problems: { '': 'TOO_LONG' } });
  });

  it('refuses a choice not offered, a choice given twice and a date that is no date', () => {
    expect(
      checkAnswers(QUESTIONS, {
        insurer: 'Aetna',
        pregnant: true,
        visit: 'Urgent',
        symptoms: ['Fever', 'Fever'],
        since: '2026-02-30',
      }),
    ).toEqual({
      ok: false,
      problems: { visit: 'NOT_A_CHOICE', symptoms: 'INVALID', since: 'INVALID' },
    });
    expect(checkAnswers(QUESTIONS, { insurer: 'Aetna', pregnant: true, symptoms: ['Fever', 'Flu'] })).toEqual(
      {
        ok: false,
        problems: { symptoms: 'NOT_A_CHOICE' },
      },
    );
  });

  it('refuses control characters, and line breaks outside a long text', () => {
    expect(
      checkAnswers(QUESTIONS, { insurer: 'Aet\r\nna', pregnant: true, history: 'one\u202Etwo' }),
    ).toEqual({ ok: false, problems: { insurer: 'INVALID', history: 'INVALID' } });
  });

  it('reads an answer keyed "__proto__" as an answer to no question', () => {
    expect(
      checkAnswers(QUESTIONS, JSON.parse('{"insurer":"Aetna","pregnant":true,"__proto__":"x"}')),
    ).toEqual({
      ok: false,
      problems: { ['__proto__']: 'NOT_ASKED' },
    });
  });
});

describe('the questions a booking must answer', () => {
  const type = { id: 'visit', name: 'Visit', providerIds: [], durationMinutes: 30, questions: QUESTIONS };
  const base = { timezone: 'UTC', providers: [], appointmentTypes: [type] };

  it('are the type’s questions in a version-2 document that requires intake-questions', () => {
    expect(askedQuestions({ ...base, version: 2, requires: ['intake-questions'] }, type)).toBe(QUESTIONS);
  });

  it('are none in a version-1 document, or one that does not require them', () => {
    expect(askedQuestions({ ...base, version: 1 }, type)).toEqual([]);
    expect(askedQuestions({ ...base, version: 2, requires: ['busy-windows'] }, type)).toEqual([]);
  });
});
