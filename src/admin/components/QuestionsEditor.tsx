/** A type's intake questions: each one's text, kind, required switch, help, length or choices. */
import { useId } from 'preact/hooks';
import { toPointer } from '../pointer.ts';
import {
  addInsuranceQuestions,
  addQuestion,
  KIND_NAMES,
  type QuestionField,
  questionsOf,
  removeQuestion,
  setQuestionField,
  summary,
} from '../questions.ts';
import { asList, asRecord, asText } from '../read.ts';
import type { AdminStore } from '../store.ts';
import { TextAreaField, TextField } from './fields.tsx';

export function QuestionsEditor({ store, index }: { store: AdminStore; index: number }) {
  const questions = questionsOf(store.draft.value, index);
  return (
    <fieldset
      class="cs-admin-group"
      data-path={toPointer(['appointmentTypes', index, 'questions'])}
      tabIndex={-1}
    >
      <legend>Questions asked when booking</legend>
      <p class="cs-admin-muted" data-testid="questions-preview">
        {questions.length === 0
          ? 'Patients are asked no questions.'
          : `Patients are asked, after their details: ${summary(questions)}.`}
      </p>
      {questions.map((question, q) => (
        <QuestionFields key={q} store={store} type={index} index={q} question={asRecord(question)} />
      ))}
      <button type="button" class="cs-admin-add" onClick={() => store.edit((d) => addQuestion(d, index))}>
        + question
      </button>{' '}
      <button
        type="button"
        class="cs-admin-add"
        onClick={() => store.edit((d) => addInsuranceQuestions(d, index))}
      >
        + insurer and member number
      </button>
    </fieldset>
  );
}

interface QuestionProps {
  store: AdminStore;
  type: number;
  index: number;
  question: Record<string, unknown>;
}

function QuestionFields({ store, type, index, question }: QuestionProps) {
  const path = (field: string) => toPointer(['appointmentTypes', type, 'questions', index, field]);
  const set = (field: QuestionField, value: string | boolean) =>
    store.edit((d) => setQuestionField(d, type, index, field, value));
  const kindId = useId();
  const kind = asText(question.kind);
  const name = `Question ${index + 1}`;
  return (
    <fieldset
      class="cs-admin-group"
      data-path={toPointer(['appointmentTypes', type, 'questions', index])}
      tabIndex={-1}
    >
      <legend>{name}</legend>
      <div class="cs-admin-grid2">
        <TextField
          label="Question text"
          path={path('label')}
          value={asText(question.label)}
          invalid={store.isInvalid(path('label'))}
          onValue={(value) => set('label', value)}
        />
        <TextField
          label="Answer key (id)"
          path={path('id')}
          value={asText(question.id)}
          invalid={store.isInvalid(path('id'))}
          onValue={(value) => set('id', value)}
        />
        <div class="cs-admin-field">
          <label for={kindId}>Answered with</label>
          <select
            id={kindId}
            data-path={path('kind')}
            aria-invalid={store.isInvalid(path('kind')) ? 'true' : undefined}
            value={kind}
            onChange={(event) => set('kind', event.currentTarget.value)}
          >
            {KIND_NAMES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        {(kind === 'text' || kind === 'long-text') && (
          <TextField
            label="Longest answer (characters; empty = no limit of its own)"
            path={path('maxLength')}
            inputMode="numeric"
            value={asText(question.maxLength)}
            invalid={store.isInvalid(path('maxLength'))}
            onValue={(value) => set('maxLength', value)}
          />
        )}
      </div>
      <label class="cs-admin-check">
        <input
          type="checkbox"
          data-path={path('required')}
          aria-invalid={store.isInvalid(path('required')) ? 'true' : undefined}
          checked={question.required === true}
          onChange={(event) => set('required', event.currentTarget.checked)}
        />
        Patients must answer it
      </label>
      {(kind === 'one-choice' || kind === 'several-choices') && (
        <TextAreaField
          label="Choices (one per line)"
          rows={4}
          path={path('choices')}
          invalid={store.isInvalid(path('choices'))}
          value={asList(question.choices).map(asText).join('\n')}
          onValue={(value) => set('choices', value)}
        />
      )}
      <TextAreaField
        label="Help shown under the question"
        rows={2}
        path={path('help')}
        invalid={store.isInvalid(path('help'))}
        value={asText(question.help)}
        onValue={(value) => set('help', value)}
      />
      <button
        type="button"
        class="cs-admin-remove"
        aria-label={`Remove ${name}`}
        onClick={() => store.edit((d) => removeQuestion(d, type, index))}
      >
        Remove question
      </button>
    </fieldset>
  );
}
