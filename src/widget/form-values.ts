/**
 * The details form's values, their names and their message keys: what the widget's state holds
 * from the first screen on. Their checks (validation.ts) come with the details step.
 */
import type { Messages } from './i18n/index.ts';

export interface FormValues {
  name: string;
  dateOfBirth: string;
  email: string;
  phone: string;
  patientStatus: '' | 'new' | 'existing';
  reason: string;
  consent: boolean;
}

export type FieldName = keyof FormValues;

/** The fields in the order they appear (focus goes to the first with a problem). */
export const FIELD_ORDER: readonly FieldName[] = [
  'name',
  'dateOfBirth',
  'email',
  'phone',
  'patientStatus',
  'reason',
  'consent',
];

export type MessageKey = {
  [K in keyof Messages]: Messages[K] extends string ? K : never;
}[keyof Messages];

/** A message key per field that has a problem (fields without one are absent). */
export type FieldProblems = Partial<Record<FieldName, MessageKey>>;

export const EMPTY_FORM: FormValues = {
  name: '',
  dateOfBirth: '',
  email: '',
  phone: '',
  patientStatus: '',
  reason: '',
  consent: false,
};
