/**
 * The chosen type's intake questions on the details step: which are asked, the problem shown
 * under each, and what the booking request carries. Answers are checked with the module the
 * server uses (src/intake.ts), so an answer the form accepts is never refused for its shape.
 * Part of the later part of the widget, like the form's other checks.
 */
import { computed, type ReadonlySignal } from '@preact/signals';
import type { IntakeQuestion } from '../engine/types.ts';
import {
  type Answer,
  type AnswerProblem,
  type AnswerProblems,
  type Answers,
  askedQuestions,
  checkAnswers,
  longestAnswer,
} from '../intake.ts';
import type { Messages } from './i18n/index.ts';
import type { Store } from './state.ts';

interface IntakeView {
  questions: ReadonlySignal<readonly IntakeQuestion[]>;
  /** Each question's shown problem: after its blur or a submit; the server's word wins. */
  shown: ReadonlySignal<AnswerProblems>;
}

function viewOf(store: Store): IntakeView {
  return store.derivedOnce(viewOf, () => {
    const questions = computed(() => {
      const rules = store.rules.value;
      const type = store.type.value;
      return rules && type ? askedQuestions(rules.doc, type) : [];
    });
    const problems = computed(() => {
      const checked = checkAnswers(questions.value, store.answers.value);
      return checked.ok ? {} : checked.problems;
    });
    const shown = computed(() => {
      const out: AnswerProblems = {};
      for (const { id } of questions.value) {
        const local =
          store.submitted.value || store.answersTouched.value.has(id) ? problems.value[id] : undefined;
        const problem = store.answerServerErrors.value[id] ?? local;
        if (problem) out[id] = problem;
      }
      return out;
    });
    return { questions, shown };
  });
}

/** The questions the chosen type asks (none in a document that does not require them). */
export function questionsOf(store: Store): ReadonlySignal<readonly IntakeQuestion[]> {
  return viewOf(store).questions;
}

/** The problem shown under each question. Reactive. */
export function answerErrors(store: Store): ReadonlySignal<AnswerProblems> {
  return viewOf(store).shown;
}

/** The first question, in order, with a shown problem. */
export function firstAnswerProblem(store: Store): string | undefined {
  const shown = answerErrors(store).peek();
  return questionsOf(store)
    .peek()
    .find((question) => shown[question.id] !== undefined)?.id;
}

/** Answers a question; the server's complaint about it goes away as the patient edits it. */
export function setAnswer(store: Store, id: string, value: Answer | undefined): void {
  const next = { ...store.answers.peek() };
  if (value === undefined) delete next[id];
  else next[id] = value;
  store.answers.value = next;
  if (store.answerServerErrors.peek()[id]) {
    const { [id]: _gone, ...rest } = store.answerServerErrors.peek();
    store.answerServerErrors.value = rest;
  }
}

/** Marks a question as visited, so its problem shows. */
export function touchAnswer(store: Store, id: string): void {
  if (store.answersTouched.peek().has(id)) return;
  store.answersTouched.value = new Set([...store.answersTouched.peek(), id]);
}

/**
 * What the booking request carries: the answers to the chosen type's questions (trimmed, in
 * their order), or `undefined` when it asks none. An answer kept from another type is left out.
 */
export function answersToSend(store: Store): Answers | undefined {
  const questions = questionsOf(store).peek();
  if (questions.length === 0) return undefined;
  const checked = checkAnswers(questions, pick(questions, store.answers.peek()));
  if (!checked.ok) return undefined;
  return Object.fromEntries(checked.answers.map((answer) => [answer.id, answer.value]));
}

function pick(questions: readonly IntakeQuestion[], answers: Readonly<Record<string, Answer>>) {
  return Object.fromEntries(
    questions.filter((q) => Object.hasOwn(answers, q.id)).map((q) => [q.id, answers[q.id]]),
  );
}

/** The sentence under a question for its problem. */
export function answerMessage(t: Messages, question: IntakeQuestion, problem: AnswerProblem): string {
  switch (problem) {
    case 'REQUIRED':
      return t.errAnswerRequired;
    case 'TOO_LONG':
      return t.errAnswerLong(longestAnswer(question));
    case 'TOO_SHORT':
      return t.errAnswerShort(question.minLength ?? 1);
    case 'NOT_A_CHOICE':
      return t.errAnswerChoice;
    case 'INVALID':
      return question.kind === 'date' ? t.errAnswerDate : t.errAnswerInvalid;
    default:
      return t.errServerField;
  }
}

/**
 * The server's field errors about answers (`answers/{id}`, the id escaped as in a JSON Pointer;
 * `answers` for the whole): by question id for the questions the form shows, and whether any
 * names a question it does not (the rules changed since the page read them).
 */
export function mapServerAnswerErrors(
  fieldErrors: Record<string, string> | undefined,
  questions: readonly IntakeQuestion[],
): { problems: AnswerProblems; unknown: boolean } {
  const problems: [string, AnswerProblem][] = [];
  let unknown = false;
  for (const [path, code] of Object.entries(fieldErrors ?? {})) {
    if (path !== 'answers' && !path.startsWith('answers/')) continue;
    const id = path.slice('answers/'.length).replace(/~1/g, '/').replace(/~0/g, '~');
    if (path !== 'answers' && code !== 'NOT_ASKED' && questions.some((q) => q.id === id)) {
      problems.push([id, code as AnswerProblem]);
    } else {
      unknown = true;
    }
  }
  return { problems: Object.fromEntries(problems), unknown };
}
