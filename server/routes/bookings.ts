/**
 * The booking endpoints: the patient's (book, open a manage link, reschedule, cancel) and the
 * clinic's cancellation for a patient, by a signed-in staff member.
 */
import type { FastifyInstance } from 'fastify';
import { requireStaff } from '../auth/sessions.ts';
import {
  book,
  cancelBooking,
  cancelForPatient,
  moveForPatient,
  openBooking,
  rescheduleBooking,
  withOfferEarlier,
} from '../booking/bookings.ts';
import { fingerprint, once, readIdempotencyKey } from '../booking/idempotency.ts';
import { checkBookingRequest, checkReschedule } from '../booking/request.ts';
import { invalidFields } from '../errors.ts';
import { answerChange, bookingContext, tokenChange, tokenParams } from './changes.ts';

/**
 * The patient's details fit in 64 KiB with room to spare; the answers add at most
 * `answerLengthPerType` code units of values and `questionsPerType` ids as keys, each code unit at
 * most 6 bytes of JSON (`\uXXXX`): about 186 KB more, so 256 KiB bounds any valid request.
 */
export const MAX_BOOKING_BYTES = 256 * 1024;
/** A reschedule or a cancel carries a start and a provider at most. */
const MAX_CHANGE_BYTES = 64 * 1024;

/**
 * Bodies are refused before a handler runs when they are not objects or carry unknown fields;
 * the fields' own values are checked by `checkBookingRequest`, which names each refused field.
 */
const patientSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: {},
    dateOfBirth: {},
    email: {},
    phone: {},
    patientStatus: {},
    reason: {},
    consent: {},
  },
} as const;

const bookingBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    appointmentTypeId: {},
    providerId: {},
    start: {},
    patient: patientSchema,
    offerEarlier: {},
    answers: {},
  },
} as const;

const rescheduleBody = {
  type: 'object',
  additionalProperties: false,
  properties: { providerId: {}, start: {} },
} as const;

/** A booking's id in a staff route's path. */
const bookingIdParams = {
  type: 'object',
  properties: { id: { type: 'string', maxLength: 64 } },
} as const;

export async function bookingRoutes(app: FastifyInstance): Promise<void> {
  const context = app.clinic;

  app.post(
    '/bookings',
    { bodyLimit: MAX_BOOKING_BYTES, schema: { body: bookingBody } },
    async (request, reply) => {
      const key = readIdempotencyKey(request.headers['idempotency-key']);
      const now = context.now();
      const checked = checkBookingRequest(request.body, now);
      if (!checked.ok) throw invalidFields(checked.fieldErrors);
      const booking = bookingContext(context, request, now);
      const print = fingerprint('POST /bookings', checked.value);
      const outcome = await book(context.db, booking, key, print, checked.value);
      return answerChange(context, request, reply, outcome, booking);
    },
  );

  app.get<{ Params: { token: string } }>(
    '/bookings/:token',
    { schema: { params: tokenParams } },
    async (request) => {
      const booking = await openBooking(context.db, request.clinicId, request.params.token, context.now());
      return { booking: await withOfferEarlier(context.db, request.clinicId, booking) };
    },
  );

  app.post<{ Params: { token: string } }>(
    '/bookings/:token/reschedule',
    { bodyLimit: MAX_CHANGE_BYTES, schema: { params: tokenParams, body: rescheduleBody } },
    async (request, reply) => {
      const key = readIdempotencyKey(request.headers['idempotency-key']);
      const now = context.now();
      const checked = checkReschedule(request.body, now);
      if (!checked.ok) throw invalidFields(checked.fieldErrors);
      const { token } = request.params;
      const booking = bookingContext(context, request, now);
      const print = fingerprint(`POST /bookings/${fingerprint('token', token)}/reschedule`, checked.value);
      const outcome = await once(context.db, request.clinicId, key, print, now, (tx) =>
        rescheduleBooking(tx, booking, token, checked.value),
      );
      return answerChange(context, request, reply, outcome, booking);
    },
  );

  tokenChange(app, 'bookings', 'cancel', MAX_CHANGE_BYTES, cancelBooking);

  // Any staff member: the front desk cancels for the patient who phones. No Idempotency-Key: a
  // second cancellation of a cancelled booking answers it as it is and sends nothing.
  app.post<{ Params: { id: string } }>(
    '/staff/bookings/:id/cancel',
    {
      bodyLimit: MAX_CHANGE_BYTES,
      schema: { params: bookingIdParams, body: { type: 'object', additionalProperties: false } },
    },
    async (request, reply) => {
      const now = context.now();
      const session = await requireStaff(context.db, request, request.clinicId, now, 'any');
      const booking = bookingContext(context, request, now);
      const outcome = await context.db.transaction((tx) => cancelForPatient(tx, booking, request.params.id));
      request.log.info(
        { bookingId: request.params.id, staffId: session.staff.id },
        'booking cancelled by staff',
      );
      return answerChange(context, request, reply, { ...outcome, replayed: false }, booking);
    },
  );

  // Any staff member: the front desk moves the visit of the patient who phones. No
  // Idempotency-Key: asked again for the time it has moved to, it answers the booking as it is and
  // sends nothing.
  app.post<{ Params: { id: string } }>(
    '/staff/bookings/:id/move',
    { bodyLimit: MAX_CHANGE_BYTES, schema: { params: bookingIdParams, body: rescheduleBody } },
    async (request, reply) => {
      const now = context.now();
      const session = await requireStaff(context.db, request, request.clinicId, now, 'any');
      const checked = checkReschedule(request.body, now);
      if (!checked.ok) throw invalidFields(checked.fieldErrors);
      const booking = bookingContext(context, request, now);
      const outcome = await context.db.transaction((tx) =>
        moveForPatient(tx, booking, request.params.id, checked.value),
      );
      request.log.info({ bookingId: request.params.id, staffId: session.staff.id }, 'booking moved by staff');
      return answerChange(context, request, reply, { ...outcome, replayed: false }, booking);
    },
  );
}
