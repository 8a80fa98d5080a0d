import { leaveField, pressInForm, setField, submitDetails } from '../actions/booking.ts';
import { goBack } from '../actions/flow.ts';
import { useBackButtonInSteps } from '../back-button.ts';
import { fieldErrors } from '../form-errors.ts';
import type { Store } from '../state.ts';
import { Field, FieldError, useFieldFocus } from './Field.tsx';
import { Heading } from './Heading.tsx';
import { Questions } from './Questions.tsx';

/**
 * Step 4: the patient's details and the type's intake questions. Checked on blur and on submit;
 * focus goes to the first problem.
 */
export function DetailsStep({ store }: { store: Store }) {
  useBackButtonInSteps(store);
  const t = store.t.value;
  return (
    <form
      noValidate
      onPointerDown={() => pressInForm(store)}
      onSubmit={(e) => {
        e.preventDefault();
        submitDetails(store);
      }}
    >
      <Heading store={store} text={t.detailsTitle} />
      <Field store={store} field="name" label={t.name} autoComplete="name" />
      <Field
        store={store}
        field="dateOfBirth"
        label={t.dateOfBirth}
        hint={t.dateOfBirthHint}
        autoComplete="bday"
        inputMode="numeric"
      />
      <Field
        store={store}
        field="email"
        label={t.email}
        type="email"
        autoComplete="email"
        inputMode="email"
      />
      <Field store={store} field="phone" label={t.phone} type="tel" autoComplete="tel" inputMode="tel" />
      <PatientStatus store={store} />
      <Field store={store} field="reason" label={t.reason} required={false} multiline />
      <Questions store={store} />
      <Consent store={store} />
      <div class="cs-actions">
        <button type="button" class="cs-button cs-button--quiet" part="button" onClick={() => goBack(store)}>
          {t.back}
        </button>
        <button type="submit" class="cs-button" part="button">
          {t.continue}
        </button>
      </div>
    </form>
  );
}

function PatientStatus({ store }: { store: Store }) {
  const t = store.t.value;
  const id = `${store.idPrefix}-patientStatus`;
  const problem = fieldErrors(store).value.patientStatus;
  const ref = useFieldFocus(store, 'patientStatus');
  const value = store.form.value.patientStatus;
  const options = [
    ['new', t.statusNew],
    ['existing', t.statusExisting],
  ] as const;
  return (
    <fieldset class="cs-field" aria-describedby={problem ? `${id}-error` : undefined}>
      <legend>{t.statusLegend}</legend>
      {options.map(([option, label], index) => (
        <label key={option} class="cs-check">
          <input
            ref={index === 0 ? ref : undefined}
            type="radio"
            name={`${store.idPrefix}-patientStatus`}
            value={option}
            checked={value === option}
            aria-invalid={problem ? 'true' : 'false'}
            onChange={() => setField(store, 'patientStatus', option)}
            onBlur={() => leaveField(store, 'patientStatus')}
          />
          {label}
        </label>
      ))}
      <FieldError id={`${id}-error`} store={store} field="patientStatus" />
    </fieldset>
  );
}

function Consent({ store }: { store: Store }) {
  const t = store.t.value;
  const id = `${store.idPrefix}-consent`;
  const problem = fieldErrors(store).value.consent;
  const ref = useFieldFocus(store, 'consent');
  return (
    <div class="cs-field">
      <div class="cs-check">
        <input
          ref={ref}
          id={id}
          type="checkbox"
          checked={store.form.value.consent}
          aria-invalid={problem ? 'true' : 'false'}
          aria-describedby={problem ? `${id}-error` : undefined}
          aria-required="true"
          onChange={(e) => setField(store, 'consent', e.currentTarget.checked)}
          onBlur={() => leaveField(store, 'consent')}
        />
        <label for={id}>{t.consent}</label>
      </div>
      <FieldError id={`${id}-error`} store={store} field="consent" />
    </div>
  );
}
