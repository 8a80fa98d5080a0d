/**
 * The admin page's side of a type's intake `questions`: edits of a draft (which also keep the
 * document's `intake-questions` requirement in step with them), the ready-made insurer and member
 * number questions, and what changed between two documents (the slot diff cannot show it).
 */
import type { IntakeQuestion, QuestionKind } from '../engine/types.ts';
import { getAt, updateAt } from './pointer.ts';
import { asList, asRecord, asText } from './read.ts';
import { type TypeChange, typeFieldChanges } from './type-changes.ts';

type Draft = unknown;
export type QuestionField = 'id' | 'label' | 'kind' | 'required' | 'help' | 'maxLength' | 'choices';

const FEATURE = 'intake-questions';

/** The kinds in the editor's menu, with their names there. */
export const KIND_NAMES: ReadonlyArray<[QuestionKind, string]> = [
  ['text', 'Short text'],
  ['long-text', 'Long text'],
  ['one-choice', 'One choice'],
  ['several-choices', 'Several choices'],
  ['yes-no', 'Yes or no'],
  ['date', 'Date'],
];

/** The insurer and member number, asked the way most clinics ask them. */
export const INSURANCE_QUESTIONS: readonly IntakeQuestion[] = [
  {
    id: 'insurer',
    kind: 'text',
    label: 'Insurance company',
    required: true,
    maxLength: 100,
    help: 'As printed on your insurance card. Write "none" if you pay yourself.',
  },
  {
    id: 'member-number',
    kind: 'text',
    label: 'Member number',
    required: true,
    maxLength: 40,
    help: 'The member or policy number on your insurance card.',
  },
];

/** The questions of type `type` in a draft (a list, whatever the draft holds). */
export function questionsOf(draft: Draft, type: number): unknown[] {
  return asList(getAt(draft, ['appointmentTypes', type, 'questions']));
}

/**
 * The document requires `intake-questions` exactly when some type asks questions; requiring it
 * makes the document version 2 (a version-1 document ignores questions).
 */
export function withQuestionsFeature(draft: Draft): Draft {
  const doc = asRecord(draft);
  const asks = asList(doc.appointmentTypes).some((type) => asList(asRecord(type).questions).length > 0);
  const requires = asList(doc.requires).filter((feature) => feature !== FEATURE);
  if (asks) return { ...doc, version: 2, requires: [...requires, FEATURE] };
  const { requires: _old, ...rest } = doc;
  return requires.length > 0 ? { ...rest, requires } : rest;
}

function editQuestions(draft: Draft, type: number, edit: (list: unknown[]) => unknown[]): Draft {
  const next = updateAt(draft, ['appointmentTypes', type, 'questions'], (list) => {
    const edited = edit(asList(list));
    return edited.length === 0 ? undefined : edited;
  });
  return withQuestionsFeature(next);
}

/** An id not yet used by the type's questions: `base`, else `base-2`, `base-3`, … */
function freshId(list: unknown[], base: string): string {
  const used = new Set(list.map((question) => asText(asRecord(question).id)));
  if (!used.has(base)) return base;
  let n = 2;
  while (used.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

/** Appends a new short-text question with a fresh id and a label to fill in. */
export function addQuestion(draft: Draft, type: number): Draft {
  return editQuestions(draft, type, (list) => [
    ...list,
    { id: freshId(list, `question-${list.length + 1}`), kind: 'text', label: 'New question' },
  ]);
}

/** Appends the insurer and member number questions, with fresh ids when those are taken. */
export function addInsuranceQuestions(draft: Draft, type: number): Draft {
  return editQuestions(draft, type, (list) => {
    const added = [...list];
    for (const question of INSURANCE_QUESTIONS) added.push({ ...question, id: freshId(added, question.id) });
    return added;
  });
}

export function removeQuestion(draft: Draft, type: number, question: number): Draft {
  return editQuestions(draft, type, (list) => list.filter((_, index) => index !== question));
}

/**
 * Sets one field of a question as typed: an empty text removes an optional field; `maxLength` is
 * written as a number when it reads as one; `choices` is one choice per line. A change of kind
 * drops the fields the new kind does not have.
 */
export function setQuestionField(
  draft: Draft,
  type: number,
  question: number,
  field: QuestionField,
  value: string | boolean,
): Draft {
  return editQuestions(draft, type, (list) =>
    list.map((item, index) => (index === question ? withField(asRecord(item), field, value) : item)),
  );
}

function withField(question: Record<string, unknown>, field: QuestionField, value: string | boolean) {
  const next = { ...question };
  let written: unknown = value;
  if (field === 'maxLength' && typeof value === 'string') {
    const trimmed = value.trim();
    written = trimmed === '' ? undefined : Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
  } else if (field === 'choices' && typeof value === 'string') {
    // As typed, a line being started included: validation names an empty choice.
    written = value.split('\n');
  } else if ((field === 'help' && value === '') || (field === 'required' && value === false)) {
    written = undefined;
  }
  if (written === undefined) delete next[field];
  else next[field] = written;
  if (field === 'kind') {
    const choice = value === 'one-choice' || value === 'several-choices';
    const text = value === 'text' || value === 'long-text';
    if (!choice) delete next.choices;
    else if (!Array.isArray(next.choices)) next.choices = ['Yes', 'No'];
    if (!text) {
      delete next.minLength;
      delete next.maxLength;
    }
  }
  return next;
}

/** The types whose questions differ between `before` and `after` (types present in both). */
export function questionChanges(before: unknown, after: unknown): TypeChange[] {
  return typeFieldChanges(before, after, 'questions', summary);
}

/** The questions in one line: `Insurance company (required); Pregnant? (yes or no)`. */
export function summary(questions: unknown): string {
  const list = asList(questions);
  if (list.length === 0) return 'No questions.';
  return list
    .map((item) => {
      const question = asRecord(item);
      const kind = KIND_NAMES.find(([k]) => k === question.kind)?.[1].toLowerCase() ?? 'unknown kind';
      const label = asText(question.label).trim() || '(no text)';
      return `${label} (${kind}${question.required === true ? ', required' : ''})`;
    })
    .join('; ');
}
