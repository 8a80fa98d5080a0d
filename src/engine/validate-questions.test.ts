import { describe, expect, it } from 'vitest';
import type { Diagnostic } from './types.ts';
import { validateRules } from './validate.ts';

const INSURER = { id: 'insurer', kind: 'text', label: 'Insurer', required: true };

function doc(questions: unknown, top: Record<string, unknown> = {}): unknown {
  return {
    version: 2,
    requires: ['intake-questions'],
    timezone: 'America/New_York',
    providers: [{ id: 'lee', name: 'Dr. Ana Lee', weekly: { mon: [{ start: '09:00', end: '12:00' }] } }],
    appointmentTypes: [
      { id: 'follow-up', name: 'Follow-up', providerIds: ['lee'], durationMinutes: 30, questions },
    ],
    ...top,
  };
}

function errorsOf(input: unknown): Array<[string, string, string]> {
  const result = validateRules(input);
  if (result.ok) return [];
  return result.errors.map((e: Diagnostic) => [e.code, e.path, e.message]);
}

describe("a type's intake questions", () => {
  it('accepts every kind of question and keeps them as written', () => {
    const questions = [
      { ...INSURER, help: 'As printed on your card.', minLength: 2, maxLength: 100 },
      { id: 'history', kind: 'long-text', label: 'Anything we should know?' },
      { id: 'visit', kind: 'one-choice', label: 'First visit here?', choices: ['Yes', 'No, returning'] },
      { id: 'symptoms', kind: 'several-choices', label: 'Symptoms', choices: ['Fever', 'Cough'] },
      { id: 'pregnant', kind: 'yes-no', label: 'Are you pregnant?', required: true },
      { id: 'since', kind: 'date', label: 'Since when?' },
    ];
    const result = validateRules(doc(questions));
    expect(result).toEqual({ ok: true, rules: expect.anything(), warnings: [] });
    if (result.ok) expect(result.rules.appointmentTypes[0]!.questions).toEqual(questions);
  });

  it('refuses questions in a version-2 document that does not require intake-questions', () => {
    expect(errorsOf(doc([INSURER], { requires: ['busy-windows'] }))).toEqual([
      [
        'INVALID_FIELD',
        '/appointmentTypes/0/questions',
        'Appointment type "Follow-up" asks questions, but the document does not require "intake-questions"; add it to "requires", so that a widget that cannot ask them refuses the document.',
      ],
    ]);
  });

  it('ignores questions in a version-1 document, as it always did, with a warning', () => {
    const { requires: _none, ...v1 } = doc([INSURER], { version: 1 }) as Record<string, unknown>;
    const result = validateRules(v1);
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      {
        code: 'UNKNOWN_FIELD',
        path: '/appointmentTypes/0/questions',
        message:
          'Appointment type "Follow-up": the field "questions" is not part of rules format v1 and is ignored; questions need version 2 with "intake-questions" in "requires".',
      },
    ]);
  });

  it('refuses a document requiring a feature next to intake-questions that this engine does not know', () => {
    expect(errorsOf(doc([INSURER], { requires: ['intake-questions', 'waitlists'] }))).toEqual([
      [
        'UNSUPPORTED_FEATURE',
        '/requires/1',
        'This document requires the feature "waitlists", which this engine does not know (it knows "busy-windows", "intake-questions", "type-hours", "span-locations"); its slots cannot be computed.',
      ],
    ]);
  });

  it('refuses two questions with one id, at the later one', () => {
    expect(errorsOf(doc([INSURER, { ...INSURER, label: 'Your insurer' }]))).toEqual([
      [
        'DUPLICATE_ID',
        '/appointmentTypes/0/questions/1/id',
        'The question id "insurer" is used twice (by questions #1 and #2); ids must be unique.',
      ],
    ]);
  });

  it('refuses a question with 10,000 choices before reading them', () => {
    const choices = Array.from({ length: 10_000 }, (_, i) => `Choice ${i}`);
    expect(errorsOf(doc([{ id: 'pick', kind: 'one-choice', label: 'Pick one', choices }]))).toEqual([
      [
        'TOO_LARGE',
        '/appointmentTypes/0/questions/0/choices',
        'Appointment type "Follow-up", question "pick": "choices" has 10,000 entries; at most 50 are allowed.',
      ],
    ]);
  });

  it('refuses more than 20 questions on one type', () => {
    const questions = Array.from({ length: 21 }, (_, i) => ({ id: `q${i}`, kind: 'yes-no', label: `Q${i}` }));
    expect(errorsOf(doc(questions))).toEqual([
      [
        'TOO_LARGE',
        '/appointmentTypes/0/questions',
        'Appointment type "Follow-up": "questions" has 21 entries; at most 20 are allowed.',
      ],
    ]);
  });

  it('refuses an empty label, a missing kind and an unknown kind', () => {
    expect(
      errorsOf(
        doc([
          { id: 'a', kind: 'text', label: '  ' },
          { id: 'b', label: 'B' },
          { id: 'c', kind: 'number', label: 'C' },
        ]),
      ),
    ).toEqual([
      [
        'INVALID_FIELD',
        '/appointmentTypes/0/questions/0/label',
        'Appointment type "Follow-up", question "a": "label" must not be empty.',
      ],
      [
        'MISSING_FIELD',
        '/appointmentTypes/0/questions/1/kind',
        'Appointment type "Follow-up", question "b" has no "kind"; it is required.',
      ],
      [
        'INVALID_FIELD',
        '/appointmentTypes/0/questions/2/kind',
        'Appointment type "Follow-up", question "c": "kind" must be one of "text", "long-text", "one-choice", "several-choices", "yes-no" or "date", but it is the text "number".',
      ],
    ]);
  });

  it('refuses a question without an id, naming it by its position', () => {
    expect(errorsOf(doc([{ kind: 'yes-no', label: 'Pregnant?' }]))).toEqual([
      [
        'MISSING_FIELD',
        '/appointmentTypes/0/questions/0/id',
        'Appointment type "Follow-up", question #1 has no "id"; it is required.',
      ],
    ]);
  });

  it('refuses a minimum length above the maximum, and a text maximum above 500', () => {
    expect(
      errorsOf(
        doc([
          { id: 'a', kind: 'text', label: 'A', minLength: 10, maxLength: 5 },
          { id: 'b', kind: 'text', label: 'B', maxLength: 501 },
          { id: 'c', kind: 'long-text', label: 'C', maxLength: 2001 },
          { id: 'd', kind: 'text', label: 'D', minLength: -1 },
        ]),
      ),
    ).toEqual([
      [
        'INVALID_NUMBER',
        '/appointmentTypes/0/questions/0/minLength',
        'Appointment type "Follow-up", question "a": "minLength" is 10, more than the longest answer allowed (5), so no answer could be accepted.',
      ],
      [
        'INVALID_NUMBER',
        '/appointmentTypes/0/questions/1/maxLength',
        'Appointment type "Follow-up", question "b": "maxLength" of a text question must be a whole number from 1 to 500, but it is 501.',
      ],
      [
        'INVALID_NUMBER',
        '/appointmentTypes/0/questions/2/maxLength',
        'Appointment type "Follow-up", question "c": "maxLength" must be a whole number from 1 to 2,000, but it is 2001.',
      ],
      [
        'INVALID_NUMBER',
        '/appointmentTypes/0/questions/3/minLength',
        'Appointment type "Follow-up", question "d": "minLength" must be a whole number from 0 to 2,000, but it is -1.',
      ],
    ]);
  });

  it('refuses fields that belong to other kinds, and a choice question without choices', () => {
    expect(
      errorsOf(
        doc([
          { id: 'a', kind: 'yes-no', label: 'A', maxLength: 5, choices: ['x'] },
          { id: 'b', kind: 'one-choice', label: 'B' },
          { id: 'c', kind: 'several-choices', label: 'C', choices: [] },
        ]),
      ),
    ).toEqual([
      [
        'INVALID_FIELD',
        '/appointmentTypes/0/questions/0/maxLength',
        'Appointment type "Follow-up", question "a": "maxLength" is only for text and long-text questions; remove it or change "kind".',
      ],
      [
        'INVALID_FIELD',
        '/appointmentTypes/0/questions/0/choices',
        'Appointment type "Follow-up", question "a": "choices" is only for one-choice and several-choices questions; remove it or change "kind".',
      ],
      [
        'MISSING_FIELD',
        '/appointmentTypes/0/questions/1/choices',
        'Appointment type "Follow-up", question "b" has no "choices"; it is required.',
      ],
      [
        'INVALID_FIELD',
        '/appointmentTypes/0/questions/2/choices',
        'Appointment type "Follow-up", question "c": "choices" must offer at least one choice.',
      ],
    ]);
  });

  it('refuses a choice offered twice, an empty choice and one past 200 characters', () => {
    const choices = ['Aetna', 'Aetna', '', 'x'.repeat(201)];
    expect(errorsOf(doc([{ id: 'ins', kind: 'one-choice', label: 'Insurer', choices }]))).toEqual([
      [
        'DUPLICATE_ID',
        '/appointmentTypes/0/questions/0/choices/1',
        'Appointment type "Follow-up", question "ins" offers the choice "Aetna" twice; offer each choice once.',
      ],
      [
        'INVALID_FIELD',
        '/appointmentTypes/0/questions/0/choices/2',
        'Appointment type "Follow-up", question "ins": choice #3 must be a non-empty text.',
      ],
      [
        'TOO_LARGE',
        '/appointmentTypes/0/questions/0/choices/3',
        'Appointment type "Follow-up", question "ins": choice #4 is 201 characters long; at most 200 are allowed.',
      ],
    ]);
  });

  it('refuses a required flag that is not true or false, and a help text past 2,000 characters', () => {
    expect(errorsOf(doc([{ ...INSURER, required: 'yes', help: 'h'.repeat(2001) }]))).toEqual([
      [
        'INVALID_FIELD',
        '/appointmentTypes/0/questions/0/required',
        'Appointment type "Follow-up", question "insurer": "required" must be true or false, but it is the text "yes".',
      ],
      [
        'TOO_LARGE',
        '/appointmentTypes/0/questions/0/help',
        'Appointment type "Follow-up", question "insurer": "help" is 2,001 characters long; at most 2,000 are allowed.',
      ],
    ]);
  });

  it('refuses questions whose answers could together pass 20,000 characters', () => {
    const questions = Array.from({ length: 11 }, (_, i) => ({
      id: `q${i}`,
      kind: 'long-text',
      label: `Q${i}`,
    }));
    expect(errorsOf(doc(questions))).toEqual([
      [
        'TOO_LARGE',
        '/appointmentTypes/0/questions',
        'Appointment type "Follow-up": the answers to its questions could be 22,000 characters long; at most 20,000 are allowed (shorten "maxLength" or the choices).',
      ],
    ]);
    expect(errorsOf(doc(questions.map((q) => ({ ...q, maxLength: 1800 }))))).toEqual([]);
  });

  it('refuses questions that are not a list, and a question that is not an object', () => {
    expect(errorsOf(doc({ insurer: INSURER }))).toEqual([
      [
        'INVALID_FIELD',
        '/appointmentTypes/0/questions',
        'Appointment type "Follow-up": "questions" must be a list, but it is an object.',
      ],
    ]);
    expect(errorsOf(doc(['Insurer?']))).toEqual([
      [
        'INVALID_FIELD',
        '/appointmentTypes/0/questions/0',
        'Question #1 must be an object, but it is the text "Insurer?".',
      ],
    ]);
  });

  it('warns about a field no question has', () => {
    const result = validateRules(doc([{ ...INSURER, placeholder: 'Aetna' }]));
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => [w.code, w.path])).toEqual([
      ['UNKNOWN_FIELD', '/appointmentTypes/0/questions/0/placeholder'],
    ]);
  });
});
