/**
 * Checks the shape of booking requests field by field. Each problem becomes a short code under the
 * field's name (`{ email: 'INVALID' }`); the values themselves are never echoed back.
 */
import { DateTime } from 'luxon';
import { hasControl, isEmailAddress, isPhoneNumber, PATIENT_LIMITS } from '../../src/api/patient-fields.ts';
import type { BookingRequest, PatientDetails } from '../../src/api/types.ts';
import { civilFromDays, parseDate } from '../../src/civil-date.ts';

export type FieldErrors = Record<string, string>;
export type Checked<T> = { ok: true; value: T } | { ok: false; fieldErrors: FieldErrors };

const MAX_ID = 500;
/** A start further than this from now is no slot of any clinic (the engine's window is 10 years). */
const MAX_START_DISTANCE_MS = 20 * 366 * 86_400_000;
/** The earliest calendar date on Earth at any instant is UTC−12; the latest, UTC+14. */
const LATEST_ZONE = 'Etc/GMT-14';

/** A `POST /bookings` body, trimmed, or the problems found in it. */
export function checkBookingRequest(body: unknown, now: number): Checked<BookingRequest> {
  const input = asRecord(body);
  const errors: FieldErrors = {};
  const appointmentTypeId = requireId(input.appointmentTypeId, 'appointmentTypeId', errors);
  const providerId = requireId(input.providerId, 'providerId', errors);
  const start = requireInstant(input.start, 'start', now, errors);
  const patient = checkPatient(asRecord(input.patient), now, errors);
  const offerEarlier = checkOfferEarlier(input.offerEarlier, errors);
  const answers = input.answers;
  // Only the shape here: the answers are checked against the type's questions in the booking
  // step, with the rules version the slot is checked with.
  const noAnswers = answers === undefined || answers === null;
  if (!noAnswers && (typeof answers !== 'object' || Array.isArray(answers))) errors.answers = 'WRONG_TYPE';
  if (Object.keys(errors).length > 0 || !patient) return { ok: false, fieldErrors: errors };
  const value: BookingRequest = { appointmentTypeId, providerId, start, patient };
  if (offerEarlier) value.offerEarlier = offerEarlier;
  if (!noAnswers) value.answers = answers as BookingRequest['answers'];
  return { ok: true, value };
}

/**
 * The earlier-slot opt-in: `'same-provider'`, `'any-provider'`, or absent/`null` for none
 * (`PUT /bookings/{token}/offer-earlier` sets it later, `null` clears it).
 */
export function checkOfferEarlier(
  value: unknown,
  errors: FieldErrors,
): 'same-provider' | 'any-provider' | null {
  if (value === undefined || value === null) return null;
  if (value === 'same-provider' || value === 'any-provider') return value;
  errors.offerEarlier = 'INVALID';
  return null;
}

/** A reschedule body `{ start, providerId }`, or the problems found in it. */
export function checkReschedule(body: unknown, now: number): Checked<{ start: number; providerId: string }> {
  const input = asRecord(body);
  const errors: FieldErrors = {};
  const providerId = requireId(input.providerId, 'providerId', errors);
  const start = requireInstant(input.start, 'start', now, errors);
  if (Object.keys(errors).length > 0) return { ok: false, fieldErrors: errors };
  return { ok: true, value: { start, providerId } };
}

function checkPatient(
  input: Record<string, unknown>,
  now: number,
  errors: FieldErrors,
): PatientDetails | null {
  const name = requireText(input.name, 'name', PATIENT_LIMITS.nameLength, errors);
  const dateOfBirth = checkDateOfBirth(input.dateOfBirth, now, errors);
  const email = requireText(input.email, 'email', PATIENT_LIMITS.emailLength, errors);
  if (email && !isEmailAddress(email)) errors.email = 'INVALID';
  const phone = requireText(input.phone, 'phone', PATIENT_LIMITS.phoneLength, errors);
  if (phone && !isPhoneNumber(phone)) errors.phone = 'INVALID';
  const patientStatus = input.patientStatus;
  if (patientStatus === undefined || patientStatus === '') errors.patientStatus = 'REQUIRED';
  else if (patientStatus !== 'new' && patientStatus !== 'existing') errors.patientStatus = 'INVALID';
  let reason: string | undefined;
  if (input.reason !== undefined && input.reason !== null) {
    if (typeof input.reason !== 'string') errors.reason = 'INVALID';
    else if (input.reason.length > PATIENT_LIMITS.reasonLength) errors.reason = 'TOO_LONG';
    else if (hasControl(input.reason, true)) errors.reason = 'INVALID';
    else if (input.reason.trim() !== '') reason = input.reason.trim();
  }
  if (input.consent !== true) errors.consent = 'REQUIRED';
  if (
    !name ||
    !dateOfBirth ||
    !email ||
    !phone ||
    (patientStatus !== 'new' && patientStatus !== 'existing')
  ) {
    return null;
  }
  const patient: PatientDetails = { name, dateOfBirth, email, phone, patientStatus, consent: true };
  if (reason !== undefined) patient.reason = reason;
  return patient;
}

function checkDateOfBirth(value: unknown, now: number, errors: FieldErrors): string | null {
  if (value === undefined || value === null || value === '') {
    errors.dateOfBirth = 'REQUIRED';
    return null;
  }
  // Compared with the latest date anywhere, so a baby born "today" in Auckland is never refused.
  const latestToday = DateTime.fromMillis(now, { zone: LATEST_ZONE });
  const epochDay = parseDate(value);
  if (
    typeof value !== 'string' ||
    epochDay === null ||
    civilFromDays(epochDay)[0] < latestToday.year - PATIENT_LIMITS.maxAgeYears
  ) {
    errors.dateOfBirth = 'INVALID';
    return null;
  }
  if (value > latestToday.toISODate()!) {
    errors.dateOfBirth = 'IN_FUTURE';
    return null;
  }
  return value;
}

function requireId(value: unknown, field: string, errors: FieldErrors): string {
  if (typeof value !== 'string' || value === '') {
    errors[field] = value === undefined || value === '' ? 'REQUIRED' : 'INVALID';
    return '';
  }
  if (value.length > MAX_ID || hasControl(value)) errors[field] = 'INVALID';
  return value;
}

function requireInstant(value: unknown, field: string, now: number, errors: FieldErrors): number {
  if (value === undefined || value === null) {
    errors[field] = 'REQUIRED';
    return 0;
  }
  if (
    typeof value !== 'number' ||
    !Number.isSafeInteger(value) ||
    Math.abs(value - now) > MAX_START_DISTANCE_MS
  ) {
    errors[field] = 'INVALID';
    return 0;
  }
  return value;
}

function requireText(value: unknown, field: string, max: number, errors: FieldErrors): string | null {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    errors[field] = 'REQUIRED';
    return null;
  }
  if (typeof value !== 'string') {
    errors[field] = 'INVALID';
    return null;
  }
  const text = value.trim();
  if (text.length > max) {
    errors[field] = 'TOO_LONG';
    return null;
  }
  if (hasControl(text)) {
    errors[field] = 'INVALID';
    return null;
  }
  return text;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
