/**
 * An appointment type's intake `questions`: what the patient answers on the details step. They
 * change which bookings the server accepts (a required question unanswered is refused), so a
 * document that has them must be version 2 and require `intake-questions`: an older widget then
 * refuses the document instead of booking without the answers.
 */

import { NUMBER_RANGES, QUESTION_LIMITS } from './limits.ts';
import type { QuestionKind } from './types.ts';
import type { QuestionsAllowed } from './validate-facts.ts';
import { type ListRef, readOwn, type Scope } from './validate-read.ts';
import { checkEntriesWithIds } from './validate-references.ts';
import { pointer, type Report } from './validate-report.ts';
import { formatCount, quote } from './validate-text.ts';

export const QUESTION_KINDS: readonly QuestionKind[] = [
  'text',
  'long-text',
  'one-choice',
  'several-choices',
  'yes-no',
  'date',
];
const QUESTION_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'kind',
  'label',
  'required',
  'help',
  'minLength',
  'maxLength',
  'choices',
]);
/** The length of a `YYYY-MM-DD` answer. */
const DATE_LENGTH = 10;

/** Checks `type.questions` against `allowed`, then each question and the type's answer budget. */
export function checkQuestions(report: Report, type: Scope, allowed: QuestionsAllowed): void {
  if (readOwn(type.target, 'questions') === undefined) return;
  if (allowed === 'version-1') {
    // Version 1 means what it always meant: the field is unknown there, and ignored.
    report.warn(
      'UNKNOWN_FIELD',
      pointer(type.path, 'questions'),
      `${type.owner}: the field "questions" is not part of rules format v1 and is ignored; questions need version 2 with "intake-questions" in "requires".`,
    );
    return;
  }
  if (allowed === 'not-required') {
    report.error(
      'INVALID_FIELD',
      pointer(type.path, 'questions'),
      `${type.owner} asks questions, but the document does not require "intake-questions"; add it to "requires", so that a widget that cannot ask them refuses the document.`,
    );
    return;
  }
  const list = type.list('questions', false, QUESTION_LIMITS.questionsPerType);
  if (list === undefined) return;
  let budget = 0;
  checkEntriesWithIds(report, list, 'Question', (scope) => {
    const checked = checkQuestion(report, scope, type.owner);
    budget += checked.longestAnswer;
    return checked.id;
  });
  if (budget <= QUESTION_LIMITS.answerLengthPerType) return;
  report.error(
    'TOO_LARGE',
    list.path,
    `${type.owner}: the answers to its questions could be ${formatCount(budget)} characters long; at most ${formatCount(QUESTION_LIMITS.answerLengthPerType)} are allowed (shorten "maxLength" or the choices).`,
  );
}

/** One question; `longestAnswer` is the longest answer it accepts, in UTF-16 code units. */
function checkQuestion(
  report: Report,
  scope: Scope,
  typeOwner: string,
): { id: string | undefined; longestAnswer: number } {
  scope.owner = `${typeOwner}, question ${scope.owner.slice('Question '.length)}`;
  const id = scope.string('id', true);
  if (id !== undefined) scope.owner = `${typeOwner}, question ${quote(id)}`;
  scope.warnUnknownFields(QUESTION_FIELDS);
  const kind = scope.field('kind', true) === undefined ? undefined : scope.choice('kind', QUESTION_KINDS);
  scope.string('label', true);
  scope.boolean('required');
  scope.string('help', false, QUESTION_LIMITS.longTextLength);
  const isText = kind === 'text' || kind === 'long-text';
  const isChoice = kind === 'one-choice' || kind === 'several-choices';
  let longestAnswer = kind === 'date' ? DATE_LENGTH : 0;
  if (kind !== undefined && !isText) {
    only(scope, 'minLength', 'text and long-text');
    only(scope, 'maxLength', 'text and long-text');
  }
  if (kind !== undefined && !isChoice) only(scope, 'choices', 'one-choice and several-choices');
  if (isText) longestAnswer = checkLengths(scope, kind);
  if (isChoice) {
    const lengths = checkChoices(report, scope);
    longestAnswer = kind === 'one-choice' ? Math.max(0, ...lengths) : lengths.reduce((a, b) => a + b, 0);
  }
  return { id, longestAnswer };
}

/** `minLength` and `maxLength` of a text question; returns its longest answer. */
function checkLengths(scope: Scope, kind: 'text' | 'long-text'): number {
  const ceiling = kind === 'text' ? QUESTION_LIMITS.textLength : QUESTION_LIMITS.longTextLength;
  const min = scope.integer('minLength', false);
  let max = scope.integer('maxLength', false);
  if (max !== undefined && max > ceiling) {
    scope.report.error(
      'INVALID_NUMBER',
      pointer(scope.path, 'maxLength'),
      `${scope.owner}: "maxLength" of a ${kind} question must be a whole number from ${formatCount(NUMBER_RANGES.maxLength[0])} to ${formatCount(ceiling)}, but it is ${formatCount(max)}.`,
    );
    max = undefined;
  }
  const longest = max ?? ceiling;
  if (min !== undefined && min > longest) {
    scope.report.error(
      'INVALID_NUMBER',
      pointer(scope.path, 'minLength'),
      `${scope.owner}: "minLength" is ${formatCount(min)}, more than the longest answer allowed (${formatCount(longest)}), so no answer could be accepted.`,
    );
  }
  return longest;
}

/** The `choices` of a choice question: texts, each once; returns their lengths. */
function checkChoices(report: Report, scope: Scope): number[] {
  const list = scope.list('choices', true, QUESTION_LIMITS.choicesPerQuestion);
  if (list === undefined) return [];
  if (list.length === 0) {
    report.error('INVALID_FIELD', list.path, `${scope.owner}: "choices" must offer at least one choice.`);
    return [];
  }
  const lengths: number[] = [];
  const seen = new Set<string>();
  for (let index = 0; index < list.length && !report.stopped; index += 1) {
    const choice = readChoice(report, scope, list, index);
    if (choice === undefined) continue;
    if (seen.has(choice)) {
      report.error(
        'DUPLICATE_ID',
        pointer(list.path, index),
        `${scope.owner} offers the choice ${quote(choice)} twice; offer each choice once.`,
      );
      continue;
    }
    seen.add(choice);
    lengths.push(choice.length);
  }
  return lengths;
}

function readChoice(report: Report, scope: Scope, list: ListRef, index: number): string | undefined {
  const value = readOwn(list.target, index);
  const path = pointer(list.path, index);
  if (typeof value !== 'string' || value.trim() === '') {
    report.error('INVALID_FIELD', path, `${scope.owner}: choice #${index + 1} must be a non-empty text.`);
    return undefined;
  }
  if (value.length > QUESTION_LIMITS.choiceLength) {
    report.error(
      'TOO_LARGE',
      path,
      `${scope.owner}: choice #${index + 1} is ${formatCount(value.length)} characters long; at most ${formatCount(QUESTION_LIMITS.choiceLength)} are allowed.`,
    );
    return undefined;
  }
  return value;
}

/** A field that only questions of other kinds have. */
function only(scope: Scope, key: string, kinds: string): void {
  if (readOwn(scope.target, key) === undefined) return;
  scope.report.error(
    'INVALID_FIELD',
    pointer(scope.path, key),
    `${scope.owner}: "${key}" is only for ${kinds} questions; remove it or change "kind".`,
  );
}
