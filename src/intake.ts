/**
 * A booking's answers to its appointment type's intake questions, checked against the questions:
 * one module for the widget's details step and the server's booking step, so an answer the form
 * accepts is never refused by the server, and the server refuses exactly what a hand-made request
 * adds beyond the form. The questions themselves were checked by `validateRules`.
 */
import { hasControl } from './api/patient-fields.ts';
import { isCalendarDate } from './civil-date.ts';
import { QUESTION_LIMITS } from './engine/limits.ts';
import type { AppointmentType, IntakeQuestion, RulesDocument } from './engine/types.ts';

/** A text (`text`, `long-text`, `one-choice`, `date`), several choices, or yes (`true`) / no. */
export type Answer = string | string[] | boolean;

/** What the booking request carries: answers by question id. */
export type Answers = Record<string, Answer>;

/** An answer as stored with the booking and shown to staff: the question as it was asked. */
export interface StoredAnswer {
  id: string;
  label: string;
  value: Answer;
}

/**
 * Why an answer is refused. `REQUIRED`: a required question is unanswered; `WRONG_TYPE`: e.g. a
 * number, or a list for a one-choice question; `TOO_LONG`/`TOO_SHORT`: outside the question's
 * lengths; `NOT_A_CHOICE`: a choice the question does not offer; `NOT_ASKED`: an answer to a
 * question the type does not ask; `INVALID`: a date that is no date, a control character, a
 * choice given twice.
 */
export type AnswerProblem =
  | 'REQUIRED'
  | 'WRONG_TYPE'
  | 'TOO_LONG'
  | 'TOO_SHORT'
  | 'NOT_A_CHOICE'
  | 'NOT_ASKED'
  | 'INVALID';

/**
 * Problems by question id; the key `""` is the answers as a whole (not an object, or more
 * answers than any type has questions).
 */
export type AnswerProblems = Record<string, AnswerProblem>;

export type CheckedAnswers = { ok: true; answers: StoredAnswer[] } | { ok: false; problems: AnswerProblems };

/**
 * The questions a booking of `type` must answer: its `questions` when the document is version 2
 * and requires `intake-questions`; none otherwise (a version-1 document ignores the field).
 */
export function askedQuestions(rules: RulesDocument, type: AppointmentType): readonly IntakeQuestion[] {
  // Read defensively: the widget's preview shows an admin's draft, which may be malformed.
  const required =
    rules.version === 2 && Array.isArray(rules.requires) && rules.requires.includes('intake-questions');
  return required && Array.isArray(type.questions) ? type.questions : [];
}

/** An answer in words: yes/no in the reader's language, several choices joined by commas. */
export function answerText(value: Answer, yes: string, no: string): string {
  if (typeof value === 'boolean') return value ? yes : no;
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The longest answer a text question accepts: its `maxLength`, else its kind's ceiling. */
export function longestAnswer(question: IntakeQuestion): number {
  const ceiling = question.kind === 'text' ? QUESTION_LIMITS.textLength : QUESTION_LIMITS.longTextLength;
  return question.maxLength ?? ceiling;
}

/**
 * Checks `input` (the request's `answers`; `undefined` or `null` for none) against a type's
 * questions. Texts are trimmed; an empty text or an empty list of choices is no answer.
 * @returns the answers in the questions' order (choices in the order offered), or every problem
 * @example
 * checkAnswers([{ id: 'pregnant', kind: 'yes-no', label: 'Pregnant?', required: true }], {})
 * // { ok: false, problems: { pregnant: 'REQUIRED' } }
 * checkAnswers([], { insurer: 'Aetna' }) // { ok: false, problems: { insurer: 'NOT_ASKED' } }
 */
export function checkAnswers(
  questions: readonly IntakeQuestion[] | undefined,
  input: unknown,
): CheckedAnswers {
  const asked = questions ?? [];
  if (input === undefined || input === null) input = {};
  if (typeof input !== 'object' || Array.isArray(input)) return { ok: false, problems: { '': 'WRONG_TYPE' } };
  const given = input as Record<string, unknown>;
  const keys = Object.keys(given);
  if (keys.length > QUESTION_LIMITS.questionsPerType) return { ok: false, problems: { '': 'TOO_LONG' } };
  // A Map, not an object: an answer keyed `__proto__` must become a problem, not a prototype.
  const problems = new Map<string, AnswerProblem>();
  const byId = new Map(asked.map((question) => [question.id, question]));
  for (const key of keys) if (!byId.has(key)) problems.set(key, 'NOT_ASKED');
  const answers: StoredAnswer[] = [];
  for (const question of asked) {
    const value = Object.hasOwn(given, question.id) ? given[question.id] : undefined;
    const checked = checkAnswer(question, value);
    if (typeof checked === 'string') problems.set(question.id, checked);
    else if (checked !== null) answers.push({ id: question.id, label: question.label, value: checked.value });
  }
  return problems.size > 0 ? { ok: false, problems: Object.fromEntries(problems) } : { ok: true, answers };
}

/** One answer: its value, `null` when unanswered and allowed to be, or its problem. */
function checkAnswer(question: IntakeQuestion, value: unknown): { value: Answer } | null | AnswerProblem {
  const read = readAnswer(question, value);
  if (read === null) return question.required ? 'REQUIRED' : null;
  return read;
}

function readAnswer(question: IntakeQuestion, value: unknown): { value: Answer } | null | AnswerProblem {
  if (value === undefined || value === null) return null;
  switch (question.kind) {
    case 'yes-no':
      return typeof value === 'boolean' ? { value } : 'WRONG_TYPE';
    case 'several-choices':
      return readChoices(question.choices ?? [], value);
    default:
      break;
  }
  if (typeof value !== 'string') return 'WRONG_TYPE';
  // Checked before trimming, so a megabyte of text costs no more than its length.
  if (value.length > QUESTION_LIMITS.longTextLength * 2) return 'TOO_LONG';
  const text = value.trim();
  if (text === '') return null;
  switch (question.kind) {
    case 'date':
      return isCalendarDate(text) ? { value: text } : 'INVALID';
    case 'one-choice':
      return (question.choices ?? []).includes(text) ? { value: text } : 'NOT_A_CHOICE';
    default:
      if (text.length > longestAnswer(question)) return 'TOO_LONG';
      if (text.length < (question.minLength ?? 0)) return 'TOO_SHORT';
      return hasControl(text, question.kind === 'long-text') ? 'INVALID' : { value: text };
  }
}

function readChoices(offered: readonly string[], value: unknown): { value: string[] } | null | AnswerProblem {
  if (!Array.isArray(value) || value.some((choice) => typeof choice !== 'string')) return 'WRONG_TYPE';
  if (value.length === 0) return null;
  if (value.length > offered.length) return 'INVALID';
  const chosen = new Set(value as string[]);
  if (chosen.size !== value.length) return 'INVALID';
  for (const choice of chosen) if (!offered.includes(choice)) return 'NOT_A_CHOICE';
  return { value: offered.filter((choice) => chosen.has(choice)) };
}
