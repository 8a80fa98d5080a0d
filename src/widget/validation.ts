/**
 * The details form's checks. Pure: each check returns the message key of the
 * first problem, so the same rules run on blur, on submit and in tests.
 * The form's values and names are in form-values.ts, which the first screen needs without these.
 */
import { isEmailAddress, isPhoneNumber, PATIENT_LIMITS } from '../api/patient-fields.ts';
import type { PatientDetails } from '../api/types.ts';
import { isCalendarDate } from '../civil-date.ts';
import type { PatientKind } from '../engine/types.ts';
import {
  FIELD_ORDER,
  type FieldName,
  type FieldProblems,
  type FormValues,
  type MessageKey,
} from './form-values.ts';
import type { IsoDate } from './time.ts';

const { nameLength, reasonLength, maxAgeYears } = PATIENT_LIMITS;

/** Year, month and day as typed: eight digits, or three groups with anything between them. */
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const SEPARATED_DATE = /^(\d{4})\D+(\d{1,2})\D+(\d{1,2})$/;

/**
 * A date of birth typed year first, as `YYYY-MM-DD`: `19850423`, `1985/4/23` and `1985 04 23`
 * all become `1985-04-23`. A phone's number pad (the field asks for one) has no "-" on an iPhone,
 * so eight digits must do. Anything else is returned trimmed, as typed, for the checks to refuse:
 * a day-first or month-first date is never guessed at.
 */
export function normalizeDateOfBirth(value: string): string {
  const typed = value.trim();
  const parts = COMPACT_DATE.exec(typed) ?? SEPARATED_DATE.exec(typed);
  if (!parts) return typed;
  const [, year = '', month = '', day = ''] = parts;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/**
 * The first problem of one field, or `null`. `today` is the patient's date; `visitFor` is who the
 * chosen visit is for (its type's `patients`), which the patient's answer must match.
 */
export function checkField(
  field: FieldName,
  values: FormValues,
  today: IsoDate,
  visitFor?: PatientKind,
): MessageKey | null {
  switch (field) {
    case 'name': {
      const name = values.name.trim();
      return name.length === 0 || name.length > nameLength ? 'errName' : null;
    }
    case 'dateOfBirth': {
      const dob = normalizeDateOfBirth(values.dateOfBirth);
      if (dob === '') return 'errDobMissing';
      if (!isCalendarDate(dob)) return 'errDobInvalid';
      if (dob > today) return 'errDobFuture';
      if (Number(dob.slice(0, 4)) < Number(today.slice(0, 4)) - maxAgeYears) return 'errDobInvalid';
      return null;
    }
    case 'email': {
      const email = values.email.trim();
      if (email === '') return 'errEmailMissing';
      return isEmailAddress(email) ? null : 'errEmailInvalid';
    }
    case 'phone': {
      const phone = values.phone.trim();
      if (phone === '') return 'errPhoneMissing';
      return isPhoneNumber(phone) ? null : 'errPhoneInvalid';
    }
    case 'patientStatus':
      if (values.patientStatus === '') return 'errStatus';
      return visitFor === undefined || visitFor === 'any' || visitFor === values.patientStatus
        ? null
        : notForThisVisit(values.patientStatus);
    case 'reason':
      return values.reason.length > reasonLength ? 'errReasonLong' : null;
    case 'consent':
      return values.consent ? null : 'errConsent';
  }
}

/** A visit for the other kind of patient than `answer`: who it is for, and what to do instead. */
function notForThisVisit(answer: 'new' | 'existing'): MessageKey {
  return answer === 'new' ? 'errForExisting' : 'errForNew';
}

/** Every field's problem (fields without one are absent). */
export function checkForm(values: FormValues, today: IsoDate, visitFor?: PatientKind): FieldProblems {
  const problems: FieldProblems = {};
  for (const field of FIELD_ORDER) {
    const problem = checkField(field, values, today, visitFor);
    if (problem) problems[field] = problem;
  }
  return problems;
}

/** What the API receives: trimmed, the date of birth as `YYYY-MM-DD`, an empty reason left out. */
export function toPatientDetails(values: FormValues): PatientDetails {
  const reason = values.reason.trim();
  return {
    name: values.name.trim(),
    dateOfBirth: normalizeDateOfBirth(values.dateOfBirth),
    email: values.email.trim(),
    phone: values.phone.trim(),
    patientStatus: values.patientStatus === 'existing' ? 'existing' : 'new',
    ...(reason ? { reason } : {}),
    consent: values.consent,
  };
}

const MISSING: FieldProblems = {
  name: 'errName',
  dateOfBirth: 'errDobMissing',
  email: 'errEmailMissing',
  phone: 'errPhoneMissing',
  patientStatus: 'errStatus',
  consent: 'errConsent',
};
const INVALID: FieldProblems = {
  name: 'errName',
  dateOfBirth: 'errDobInvalid',
  email: 'errEmailInvalid',
  phone: 'errPhoneInvalid',
  patientStatus: 'errStatus',
  reason: 'errReasonLong',
  consent: 'errConsent',
};

/**
 * The API's field errors (`{ 'patient.email': 'INVALID' }` or `{ email: 'REQUIRED' }`) as
 * message keys on our fields. Fields that are not the patient's (`start`, `providerId`) are
 * returned apart: they mean the chosen time is no longer valid. `NOT_FOR_TYPE` on the patient
 * status says who the visit is for: the other kind of patient than the `answer` sent.
 */
export function mapServerFieldErrors(
  fieldErrors: Record<string, string> | undefined,
  answer: FormValues['patientStatus'] = '',
): {
  fields: FieldProblems;
  slotRejected: boolean;
} {
  const fields: FieldProblems = {};
  let slotRejected = false;
  for (const [path, code] of Object.entries(fieldErrors ?? {})) {
    const name = path.split(/[./]/).pop() ?? path;
    if ((FIELD_ORDER as readonly string[]).includes(name)) {
      const field = name as FieldName;
      fields[field] =
        code === 'NOT_FOR_TYPE' && answer !== ''
          ? notForThisVisit(answer)
          : ((code === 'REQUIRED' ? MISSING[field] : INVALID[field]) ?? 'errServerField');
    } else {
      slotRejected = true;
    }
  }
  return { fields, slotRejected };
}
