import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, type FormValues } from './form-values.ts';
import {
  checkField,
  checkForm,
  mapServerFieldErrors,
  normalizeDateOfBirth,
  toPatientDetails,
} from './validation.ts';

const TODAY = '2024-12-02';
const valid: FormValues = {
  name: ' Maria Gomez ',
  dateOfBirth: '1985-04-23',
  email: 'maria@example.com',
  phone: '+1 (555) 123-4567',
  patientStatus: 'new',
  reason: '',
  consent: true,
};

describe('the details form', () => {
  it('accepts a complete form', () => {
    expect(checkForm(valid, TODAY)).toEqual({});
  });

  it('names each missing field', () => {
    expect(checkForm(EMPTY_FORM, TODAY)).toEqual({
      name: 'errName',
      dateOfBirth: 'errDobMissing',
      email: 'errEmailMissing',
      phone: 'errPhoneMissing',
      patientStatus: 'errStatus',
      consent: 'errConsent',
    });
  });

  it.each([
    ['1985-02-30', 'errDobInvalid'],
    ['85-04-23', 'errDobInvalid'],
    ['1850-01-01', 'errDobInvalid'],
    ['2024-12-03', 'errDobFuture'],
    ['2024-12-02', null],
    ['19850423', null],
    ['1985/4/23', null],
    ['19851323', 'errDobInvalid'],
    ['04/23/1985', 'errDobInvalid'],
    ['23041985', 'errDobInvalid'],
  ])('date of birth %s → %s', (dateOfBirth, expected) => {
    expect(checkField('dateOfBirth', { ...valid, dateOfBirth }, TODAY)).toBe(expected);
  });

  it.each([
    ['maria@', 'errEmailInvalid'],
    ['maria example.com', 'errEmailInvalid'],
    ['m@x.io', null],
  ])('email %s → %s', (email, expected) => {
    expect(checkField('email', { ...valid, email }, TODAY)).toBe(expected);
  });

  it.each([
    ['12345', 'errPhoneInvalid'],
    ['call me', 'errPhoneInvalid'],
    ['555.123.4567', null],
  ])('phone %s → %s', (phone, expected) => {
    expect(checkField('phone', { ...valid, phone }, TODAY)).toBe(expected);
  });

  it('limits the reason to the length the server accepts', () => {
    expect(checkField('reason', { ...valid, reason: 'x'.repeat(1000) }, TODAY)).toBeNull();
    expect(checkField('reason', { ...valid, reason: 'x'.repeat(1001) }, TODAY)).toBe('errReasonLong');
  });

  it.each([
    ['19850423', '1985-04-23'],
    [' 1985-04-23 ', '1985-04-23'],
    ['1985/4/23', '1985-04-23'],
    ['1985.04.3', '1985-04-03'],
    ['1985 04 23', '1985-04-23'],
    ['04/23/1985', '04/23/1985'],
    ['198504231', '198504231'],
    ['1985-04', '1985-04'],
  ])('reads the date of birth %j as %j', (typed, read) => {
    expect(normalizeDateOfBirth(typed)).toBe(read);
  });

  it('sends trimmed details and leaves an empty reason out', () => {
    expect(toPatientDetails(valid)).toEqual({
      name: 'Maria Gomez',
      dateOfBirth: '1985-04-23',
      email: 'maria@example.com',
      phone: '+1 (555) 123-4567',
      patientStatus: 'new',
      consent: true,
    });
  });

  it('sends a date of birth typed as digits only as YYYY-MM-DD', () => {
    expect(toPatientDetails({ ...valid, dateOfBirth: '19850423' }).dateOfBirth).toBe('1985-04-23');
  });

  it('refuses a patient status the visit is not for, and says which patients it is for', () => {
    expect(checkForm({ ...valid, patientStatus: 'new' }, TODAY, 'existing')).toEqual({
      patientStatus: 'errForExisting',
    });
    expect(checkForm({ ...valid, patientStatus: 'existing' }, TODAY, 'new')).toEqual({
      patientStatus: 'errForNew',
    });
    expect(checkForm({ ...valid, patientStatus: 'new' }, TODAY, 'new')).toEqual({});
    expect(checkForm({ ...valid, patientStatus: 'existing' }, TODAY, 'any')).toEqual({});
    expect(checkForm({ ...valid, patientStatus: '' }, TODAY, 'existing')).toEqual({
      patientStatus: 'errStatus',
    });
  });

  it("maps the server's NOT_FOR_TYPE to the visit's patients, from the status the patient gave", () => {
    expect(mapServerFieldErrors({ 'patient.patientStatus': 'NOT_FOR_TYPE' }, 'new').fields).toEqual({
      patientStatus: 'errForExisting',
    });
    expect(mapServerFieldErrors({ patientStatus: 'NOT_FOR_TYPE' }, 'existing').fields).toEqual({
      patientStatus: 'errForNew',
    });
  });

  it('maps server field errors onto fields, and slot fields apart', () => {
    expect(mapServerFieldErrors({ 'patient.email': 'INVALID', name: 'REQUIRED' })).toEqual({
      fields: { email: 'errEmailInvalid', name: 'errName' },
      slotRejected: false,
    });
    expect(mapServerFieldErrors({ start: 'INVALID' })).toEqual({ fields: {}, slotRejected: true });
  });
});
