import type { IntakeQuestion } from '../../engine/types.ts';
import type { Answer } from '../../intake.ts';
import { leaveAnswer } from '../actions/booking.ts';
import { answerErrors, answerMessage, questionsOf, setAnswer } from '../intake-form.ts';
import type { Store } from '../state.ts';
import { useFocusTarget } from './Field.tsx';

/** The chosen type's intake questions, in the clinic's order, after the patient's own details. */
export function Questions({ store }: { store: Store }) {
  const questions = questionsOf(store).value;
  return (
    <>
      {questions.map((question, index) => (
        <Question key={question.id} store={store} question={question} index={index} />
      ))}
    </>
  );
}

interface QuestionProps {
  store: Store;
  question: IntakeQuestion;
  index: number;
}

/**
 * One question: its label (marked optional when it is), the clinic's help and the problem tied
 * to the control with aria-describedby. Ids use the question's position, not its id, which is the
 * clinic's free text.
 */
function Question({ store, question, index }: QuestionProps) {
  const t = store.t.value;
  const id = `${store.idPrefix}-q${index}`;
  const problem = answerErrors(store).value[question.id];
  const describedBy =
    [question.help && `${id}-help`, problem && `${id}-error`].filter(Boolean).join(' ') || undefined;
  const label = question.required ? question.label : `${question.label} ${t.optional}`;
  const help = question.help && (
    <p id={`${id}-help`} class="cs-meta">
      {question.help}
    </p>
  );
  const error = problem && (
    <p id={`${id}-error`} class="cs-error">
      {answerMessage(t, question, problem)}
    </p>
  );
  const control = { store, question, id, describedBy, invalid: problem !== undefined };
  if (question.kind === 'text' || question.kind === 'long-text' || question.kind === 'date') {
    return (
      <div class="cs-field">
        <label for={id}>{label}</label>
        {help}
        <TextAnswer {...control} />
        {error}
      </div>
    );
  }
  return (
    <fieldset class="cs-field" aria-describedby={describedBy}>
      <legend>{label}</legend>
      {help}
      <ChoiceAnswer {...control} />
      {error}
    </fieldset>
  );
}

interface ControlProps {
  store: Store;
  question: IntakeQuestion;
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
}

function TextAnswer({ store, question, id, describedBy, invalid }: ControlProps) {
  const ref = useFocusTarget(store, `answer:${question.id}`);
  const value = store.answers.value[question.id];
  const common = {
    id,
    class: 'cs-input',
    value: typeof value === 'string' ? value : '',
    'aria-invalid': invalid ? ('true' as const) : ('false' as const),
    'aria-describedby': describedBy,
    'aria-required': question.required ? ('true' as const) : undefined,
    onInput: (e: { currentTarget: { value: string } }) =>
      setAnswer(store, question.id, e.currentTarget.value),
    onBlur: () => leaveAnswer(store, question.id),
  };
  if (question.kind === 'long-text') return <textarea ref={ref} rows={3} {...common} />;
  return <input ref={ref} type={(question.kind === 'date' ? 'date' : 'text') as 'text'} {...common} />;
}

/** Yes/no and one choice as radios, several choices as checkboxes. */
function ChoiceAnswer({ store, question, id, invalid }: ControlProps) {
  const t = store.t.value;
  const ref = useFocusTarget(store, `answer:${question.id}`);
  const value = store.answers.value[question.id];
  const several = question.kind === 'several-choices';
  const options: Array<[string, Answer, string]> =
    question.kind === 'yes-no'
      ? [
          ['yes', true, t.answerYes],
          ['no', false, t.answerNo],
        ]
      : (question.choices ?? []).map((choice, index) => [String(index), choice, choice]);
  const chosen = (option: Answer) =>
    several ? Array.isArray(value) && value.includes(option as string) : value === option;
  const toggle = (option: Answer, checked: boolean) => {
    if (!several) return setAnswer(store, question.id, option);
    const list = Array.isArray(value) ? value : [];
    const next = checked ? [...list, option as string] : list.filter((choice) => choice !== option);
    setAnswer(store, question.id, next);
  };
  return (
    <>
      {options.map(([key, option, text], index) => (
        <label key={key} class="cs-check">
          <input
            ref={index === 0 ? ref : undefined}
            type={several ? 'checkbox' : 'radio'}
            name={id}
            checked={chosen(option)}
            aria-invalid={invalid ? 'true' : 'false'}
            onChange={(e) => toggle(option, e.currentTarget.checked)}
            onBlur={() => leaveAnswer(store, question.id)}
          />
          {text}
        </label>
      ))}
    </>
  );
}
