/**
 * The booking operations of the reference API. Each mutation runs inside the store's queue, so the
 * engine's `checkSlot` sees every booking accepted before it: of two requests for the last seat,
 * exactly one wins. Answers are `{ status, body }`; refusals are thrown as `HttpError`s.
 */
import type { Booking, BookingRequest } from '../src/api/types.ts';
import type { AppointmentType, Provider, RulesDocument } from '../src/engine/index.ts';
import { checkSlot, validateRules } from '../src/engine/index.ts';
import type { FieldErrors } from './booking-request.ts';
import { HttpError } from './http.ts';
import { withBookingsAsBusy } from './rules-source.ts';
import type { StoreData, StoredBooking } from './store.ts';
import { hashToken, newBookingId, newManageToken } from './tokens.ts';

export interface Outcome {
  status: number;
  body: unknown;
}

/** Engine refusals that mean "the request is malformed", not "the time is no longer free". */
const MALFORMED: Record<string, FieldErrors> = {
  UNKNOWN_APPOINTMENT_TYPE: { appointmentTypeId: 'UNKNOWN' },
  UNKNOWN_PROVIDER: { providerId: 'UNKNOWN' },
  PROVIDER_NOT_OFFERING: { providerId: 'NOT_OFFERING' },
  INVALID_START: { start: 'INVALID' },
};

const OUTBOX_LIMIT = 20;

/** The booking as the API shows it: no token hash, no patient data. */
export function publicBooking(stored: StoredBooking): Booking {
  const booking: Booking = {
    id: stored.id,
    appointmentTypeId: stored.appointmentTypeId,
    providerId: stored.providerId,
    start: stored.start,
    end: stored.end,
    status: stored.status,
    mode: stored.mode,
  };
  if (stored.locationId !== undefined) booking.locationId = stored.locationId;
  return booking;
}

/** Books `request` into `draft` (inside `store.mutate`). */
export function createBooking(
  draft: StoreData,
  baseRules: unknown,
  request: BookingRequest,
  now: number,
): Outcome {
  const rules = validRules(baseRules);
  const { type, provider } = resolve(rules, request.appointmentTypeId, request.providerId);
  const allowed = type.patients ?? 'any';
  if (allowed !== 'any' && allowed !== request.patient.patientStatus) {
    throw validation(
      { patientStatus: 'NOT_FOR_TYPE' },
      `This appointment type is for ${allowed} patients only.`,
    );
  }
  ensureFree(rules, draft, request.appointmentTypeId, request.providerId, request.start, now);
  const manageToken = newManageToken();
  const stored: StoredBooking = {
    id: newBookingId(),
    tokenHash: hashToken(manageToken),
    appointmentTypeId: type.id,
    providerId: provider.id,
    start: request.start,
    end: request.start + type.durationMinutes * 60_000,
    status: 'confirmed',
    ...placeOf(type, provider),
    patient: request.patient,
    createdAt: now,
    updatedAt: now,
  };
  draft.bookings.push(stored);
  sendEmail(draft, { kind: 'booked', bookingId: stored.id, manageToken, at: now });
  return { status: 201, body: { booking: publicBooking(stored), manageToken } };
}

/** The booking a manage token opens: 404 for an unknown token, 410 once the appointment is over. */
export function findByToken(data: StoreData, token: string, now: number): StoredBooking {
  const hash = hashToken(token);
  const booking = data.bookings.find((b) => b.tokenHash === hash);
  if (!booking) throw new HttpError(404, { code: 'NOT_FOUND', message: 'No booking matches this link.' });
  if (now >= booking.end) {
    throw new HttpError(410, {
      code: 'EXPIRED',
      message: 'This booking link has expired: the appointment is over.',
    });
  }
  return booking;
}

/** Moves the booking behind `token` to `change` (same appointment type). */
export function rescheduleBooking(
  draft: StoreData,
  baseRules: unknown,
  token: string,
  change: { start: number; providerId: string },
  now: number,
): Outcome {
  const booking = changeable(draft, token, now);
  const rules = validRules(baseRules);
  const { type, provider } = resolve(rules, booking.appointmentTypeId, change.providerId);
  ensureFree(rules, draft, type.id, provider.id, change.start, now, booking.id);
  booking.start = change.start;
  booking.end = change.start + type.durationMinutes * 60_000;
  booking.providerId = provider.id;
  delete booking.locationId;
  Object.assign(booking, placeOf(type, provider));
  booking.updatedAt = now;
  sendEmail(draft, { kind: 'rescheduled', bookingId: booking.id, manageToken: token, at: now });
  return { status: 200, body: { booking: publicBooking(booking), manageToken: token } };
}

/** Cancels the booking behind `token`; cancelling twice answers like the first time. */
export function cancelBooking(draft: StoreData, token: string, now: number): Outcome {
  const booking = findByToken(draft, token, now);
  if (booking.status === 'confirmed') {
    changeable(draft, token, now);
    booking.status = 'cancelled';
    booking.updatedAt = now;
    sendEmail(draft, { kind: 'cancelled', bookingId: booking.id, manageToken: token, at: now });
  }
  return { status: 200, body: { booking: publicBooking(booking) } };
}

function changeable(data: StoreData, token: string, now: number): StoredBooking {
  const booking = findByToken(data, token, now);
  if (booking.status === 'cancelled') {
    throw new HttpError(410, {
      code: 'EXPIRED',
      message: 'This booking was cancelled and can no longer be changed; book a new appointment instead.',
    });
  }
  if (now >= booking.start) {
    throw new HttpError(409, {
      code: 'TOO_LATE',
      message: 'This appointment has already started; please call the clinic.',
    });
  }
  return booking;
}

function validRules(baseRules: unknown): RulesDocument {
  const result = validateRules(baseRules);
  if (!result.ok) {
    throw new HttpError(503, {
      code: 'RULES_INVALID',
      message: "The clinic's rules have errors, so bookings are paused until an administrator fixes them.",
    });
  }
  return result.rules;
}

function resolve(rules: RulesDocument, typeId: string, providerId: string) {
  const type = rules.appointmentTypes.find((t) => t.id === typeId);
  if (!type) throw validation({ appointmentTypeId: 'UNKNOWN' }, 'There is no such appointment type.');
  const provider = rules.providers.find((p) => p.id === providerId);
  if (!provider) throw validation({ providerId: 'UNKNOWN' }, 'There is no such provider.');
  if (!type.providerIds.includes(provider.id)) {
    throw validation({ providerId: 'NOT_OFFERING' }, 'This provider does not offer this appointment type.');
  }
  return { type, provider };
}

/** Re-checks the time with the engine, with every other booking counted as busy. */
function ensureFree(
  rules: RulesDocument,
  data: StoreData,
  appointmentTypeId: string,
  providerId: string,
  start: number,
  now: number,
  except?: string,
): void {
  const withBusy = withBookingsAsBusy(rules, data.bookings, now, except);
  const check = checkSlot(withBusy, { appointmentTypeId, providerId, start, now });
  if (check.ok) return;
  const fields = MALFORMED[check.code];
  if (fields) throw validation(fields, check.message);
  // Stale requests (taken, full, past the notice, hours changed) all mean the same to a patient.
  throw new HttpError(409, {
    code: 'SLOT_TAKEN',
    message: 'That time is no longer available.',
    reason: check.code,
  });
}

function placeOf(type: AppointmentType, provider: Provider): Pick<StoredBooking, 'mode' | 'locationId'> {
  const mode = type.mode ?? 'in-person';
  return mode === 'in-person' && provider.locationId ? { mode, locationId: provider.locationId } : { mode };
}

function sendEmail(draft: StoreData, message: StoreData['outbox'][number]): void {
  draft.outbox.push(message);
  if (draft.outbox.length > OUTBOX_LIMIT) draft.outbox.splice(0, draft.outbox.length - OUTBOX_LIMIT);
}

function validation(fieldErrors: FieldErrors, message: string): HttpError {
  return new HttpError(422, { code: 'VALIDATION', message, fieldErrors });
}
