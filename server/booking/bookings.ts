/**
 * The booking step. Each operation runs in one database transaction that takes an advisory lock
 * on the provider (every instance, the same lock), reads that provider's bookings near the start,
 * re-checks the slot with the engine's prepared checker for the current rules version, and writes.
 * Two requests for the last seat therefore run one after the other: the second sees the first's
 * booking and is refused. The exclusion constraint on `bookings` backs this up for single seats.
 * A new booking takes those steps in two statements (see `book`).
 */
import type { Booking, BookingRequest } from '../../src/api/types.ts';
import type { AppointmentType, Provider, RulesDocument, SlotChecker } from '../../src/engine/index.ts';
import { type AnswerProblems, askedQuestions, checkAnswers } from '../../src/intake.ts';
import { type FieldErrors, HttpError, invalidFields } from '../errors.ts';
import { addToOutbox, type Outbox, reminderDue, replaceReminder, sealedMessage } from '../messages/outbox.ts';
import type { PatientMessage } from '../messages/transport.ts';
import type { RulesCatalog } from '../rules/catalog.ts';
import {
  type BookedRow,
  bookedBetween,
  claimBooking,
  findBookingById,
  findBookingByToken,
  lockProviders,
  recordUnsent,
  type StoredBooking,
  updateBooking,
  writeNewBooking,
} from '../store/bookings.ts';
import type { Database, Queryable } from '../store/database.ts';
import { IDEMPOTENCY_LIFETIME_MS } from '../store/idempotency.ts';
import { offerEarlierOf } from '../store/offers.ts';
import { ensureChangeAllowed } from './change-policy.ts';
import { idempotencyKeyHash, type Outcome, type Replayable, replay, storedAnswer } from './idempotency.ts';
import { offerFreedTime } from './offers.ts';
import { hashToken, newBookingId, newManageToken } from './tokens.ts';

/** The bookings near a start that can affect it: its local day and the largest buffers, either side. */
const NEIGHBOURHOOD_MS = 3 * 86_400_000;

/** Engine refusals that mean "the request is malformed", not "the time is no longer free". */
const MALFORMED: Record<string, FieldErrors> = {
  UNKNOWN_APPOINTMENT_TYPE: { appointmentTypeId: 'UNKNOWN' },
  UNKNOWN_PROVIDER: { providerId: 'UNKNOWN' },
  PROVIDER_NOT_OFFERING: { providerId: 'NOT_OFFERING' },
  INVALID_START: { start: 'INVALID' },
};

export interface BookingContext {
  catalog: RulesCatalog;
  clinicId: string;
  now: number;
  /** Messages to send once the transaction has committed. */
  outbox: PatientMessage[];
  /** Whether this server emails patients: answers say so (`emailSent`), so the widget does too. */
  emails: boolean;
  /** The outbox's key and lease, to record each message for sending; null when none is sent. */
  sealing: Pick<Outbox, 'key' | 'settings'> | null;
}

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

/**
 * A booking as the API shows it to its patient, with their earlier-time opt-in: the manage view,
 * and the answers of a move (a move keeps the opt-in, and the widget shows it after the move).
 */
export async function withOfferEarlier(
  db: Queryable,
  clinicId: string,
  stored: StoredBooking,
): Promise<Booking> {
  const answer = publicBooking(stored);
  const choice = (await offerEarlierOf(db, clinicId, [stored.id])).get(stored.id);
  if (choice) answer.offerEarlier = choice;
  return answer;
}

/**
 * Books `request` once per Idempotency-Key, in one transaction of two statements: the claim (the
 * key's lock and stored answer, the rules version, the provider's lock and bookings nearby), then
 * the writes (booking, outbox row, stored answer). The check between them runs here, with the
 * compiled rules of that version; a refusal rolls everything back and stores no answer.
 */
export async function book(
  db: Database,
  context: BookingContext,
  key: string,
  print: string,
  request: BookingRequest,
): Promise<Replayable> {
  const { catalog, clinicId, now } = context;
  const keyHash = idempotencyKeyHash(key);
  return db.transaction(async (tx) => {
    const claim = await claimBooking(tx, clinicId, {
      keyHash,
      answersAfter: now - IDEMPOTENCY_LIFETIME_MS,
      providerId: request.providerId,
      from: request.start - NEIGHBOURHOOD_MS,
      to: request.start + NEIGHBOURHOOD_MS,
    });
    if ('prior' in claim) return replay(claim.prior, print, key);
    const current = await catalog.forBookingAt(tx, clinicId, claim.stamp);
    const { type, provider } = resolve(current.rules, request.appointmentTypeId, request.providerId);
    const allowed = type.patients ?? 'any';
    if (allowed !== 'any' && allowed !== request.patient.patientStatus) {
      throw invalidFields(
        { patientStatus: 'NOT_FOR_TYPE' },
        `This appointment type is for ${allowed} patients only.`,
      );
    }
    const answers = checkAnswers(askedQuestions(current.rules, type), request.answers);
    if (!answers.ok) throw invalidFields(answerFieldErrors(answers.problems));
    const located = judgeSlot(context, current.checker, type.id, provider.id, request.start, claim.booked);
    const manageToken = newManageToken();
    const stored: StoredBooking = {
      id: newBookingId(),
      appointmentTypeId: type.id,
      providerId: provider.id,
      start: request.start,
      end: request.start + type.durationMinutes * 60_000,
      seats: 1,
      groupSeat: (type.capacity ?? 1) > 1,
      status: 'confirmed',
      ...placeOf(type, provider, located),
      patient: request.patient,
      rulesVersion: current.version,
      createdAt: now,
      updatedAt: now,
    };
    const booking = publicBooking(stored);
    if (request.offerEarlier) booking.offerEarlier = request.offerEarlier;
    const outcome: Outcome = { status: 201, body: { booking, manageToken, emailSent: context.emails } };
    const { sealing } = context;
    const outboxId = await writeNewBooking(tx, clinicId, stored, {
      tokenHash: hashToken(manageToken),
      offerEarlier: request.offerEarlier ?? null,
      answers: answers.answers,
      // Without a transport nothing is sent; the row still records that a message was due.
      message: sealing
        ? sealedMessage(sealing.key, sealing.settings, manageToken, now)
        : { nextAttemptAt: null, keyId: null, sealedToken: null },
      reminderAt: sealing ? reminderDue(sealing.settings, stored.start, now) : null,
      answer: { keyHash, ...storedAnswer(outcome, print, key) },
    }).catch(overlapAsTaken);
    context.outbox.push({
      kind: 'booked',
      clinicId,
      booking: stored,
      manageToken,
      rules: current.rules,
      at: now,
      outboxId,
    });
    return { ...outcome, replayed: false };
  });
}

/**
 * Answer problems as field errors: `answers` for the whole, `answers/{id}` for one (the id
 * escaped as in a JSON Pointer). Codes only: an answer is never echoed back.
 */
export function answerFieldErrors(problems: AnswerProblems): FieldErrors {
  const fields: FieldErrors = {};
  for (const [id, problem] of Object.entries(problems)) {
    const key = id === '' ? 'answers' : `answers/${id.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    fields[key] = problem;
  }
  return fields;
}

/** The booking a manage token opens: 404 for an unknown token, 410 once the appointment is over. */
export async function openBooking(
  db: Queryable,
  clinicId: string,
  token: string,
  now: number,
): Promise<StoredBooking> {
  return live(await findBookingByToken(db, clinicId, hashToken(token)), now);
}

/** Moves the booking behind `token` to `change` (same appointment type). */
export async function rescheduleBooking(
  tx: Queryable,
  context: BookingContext,
  token: string,
  change: { start: number; providerId: string },
): Promise<Outcome> {
  const { catalog, clinicId, now } = context;
  const booking = changeable(live(await findBookingByToken(tx, clinicId, hashToken(token), true), now), now);
  const current = await catalog.forBooking(tx, clinicId);
  ensureChangeAllowed(current.rules, booking, 'reschedule', now);
  const moved = await moveChecked(tx, context, current, booking, change);
  await notify(tx, context, 'rescheduled', moved, token, current.rules);
  await offerFreedTime(tx, context, booking);
  return {
    status: 200,
    body: {
      booking: await withOfferEarlier(tx, clinicId, moved),
      manageToken: token,
      emailSent: context.emails,
    },
  };
}

/** Cancels the booking behind `token`; cancelling twice answers like the first time. */
export async function cancelBooking(tx: Queryable, context: BookingContext, token: string): Promise<Outcome> {
  const { clinicId, now } = context;
  const booking = live(await findBookingByToken(tx, clinicId, hashToken(token), true), now);
  if (booking.status === 'cancelled') return { status: 200, body: { booking: publicBooking(booking) } };
  changeable(booking, now);
  let rules: RulesDocument | null = null;
  try {
    rules = (await context.catalog.forBooking(tx, clinicId)).rules;
  } catch {
    // A cancellation never depends on the rules being readable: no policy then, and the message names less.
  }
  if (rules) ensureChangeAllowed(rules, booking, 'cancel', now);
  const cancelled: StoredBooking = { ...booking, status: 'cancelled', updatedAt: now };
  await updateBooking(tx, clinicId, cancelled);
  await notify(tx, context, 'cancelled', cancelled, token, rules);
  await offerFreedTime(tx, context, booking);
  return { status: 200, body: { booking: publicBooking(cancelled), emailSent: context.emails } };
}

/**
 * The clinic cancels a booking for its patient (who phoned, or whose provider is away), from the
 * staff's bookings list: by its id, without the patient's link, and whatever the type's change
 * policy, which binds patients only. The patient is told as when they cancel themselves, and the
 * freed time is offered on. A booking already cancelled answers as it is, with no second message;
 * one whose visit has begun is not cancelled.
 */
export async function cancelForPatient(tx: Queryable, context: BookingContext, id: string): Promise<Outcome> {
  const { clinicId, now } = context;
  const booking = await clinicsBooking(tx, clinicId, id);
  if (booking.status === 'cancelled') return { status: 200, body: { booking: publicBooking(booking) } };
  notBegun(booking, now, 'cancelled');
  let rules: RulesDocument | null = null;
  try {
    rules = (await context.catalog.forBooking(tx, clinicId)).rules;
  } catch {
    // As for a patient's cancellation: the message then names less.
  }
  const cancelled: StoredBooking = { ...booking, status: 'cancelled', updatedAt: now };
  await updateBooking(tx, clinicId, cancelled);
  // Its message says the clinic cancelled, and links to booking again, not to this booking: no
  // manage token needed.
  await notify(tx, context, 'clinic-cancelled', cancelled, '', rules);
  await offerFreedTime(tx, context, booking);
  return { status: 200, body: { booking: publicBooking(cancelled), emailSent: context.emails } };
}

/**
 * The clinic moves a booking for its patient (who phoned), from the staff's bookings list: by its
 * id, to a time the engine finds free (same appointment type), whatever the type's change policy,
 * which binds patients only. The patient is told, their link keeps working (it opens the booking
 * at its new time), and the freed time is offered on. Asked again for where it already is (a
 * double click, a retry after a lost answer), it answers the booking as it is, with no second
 * message. A cancelled booking, or one whose visit has begun, is not moved.
 */
export async function moveForPatient(
  tx: Queryable,
  context: BookingContext,
  id: string,
  change: { start: number; providerId: string },
): Promise<Outcome> {
  const { clinicId, now } = context;
  const booking = await clinicsBooking(tx, clinicId, id);
  if (booking.status === 'cancelled') {
    throw new HttpError(409, {
      code: 'CANCELLED',
      message: 'This booking is cancelled and can no longer be moved; book the patient a new appointment.',
    });
  }
  notBegun(booking, now, 'moved');
  if (booking.start === change.start && booking.providerId === change.providerId)
    return { status: 200, body: { booking: publicBooking(booking) } };
  const current = await context.catalog.forBooking(tx, clinicId);
  const moved = await moveChecked(tx, context, current, booking, change);
  // Its message has no links: the patient's token is kept only as a hash. Their reminder keeps its own.
  await notify(tx, context, 'clinic-moved', moved, '', current.rules);
  await offerFreedTime(tx, context, booking);
  return { status: 200, body: { booking: publicBooking(moved), emailSent: context.emails } };
}

/** The clinic's booking `id`, locked for a staff change; 404 when the clinic holds none of that id. */
async function clinicsBooking(tx: Queryable, clinicId: string, id: string): Promise<StoredBooking> {
  const booking = await findBookingById(tx, clinicId, id, true);
  if (!booking) throw new HttpError(404, { code: 'NOT_FOUND', message: 'There is no such booking.' });
  return booking;
}

/** Refuses a staff change of a visit that has begun (409 `TOO_LATE`). */
function notBegun(booking: StoredBooking, now: number, change: 'cancelled' | 'moved'): void {
  if (now >= booking.start) {
    throw new HttpError(409, {
      code: 'TOO_LATE',
      message: `This appointment has already begun; it can no longer be ${change}.`,
    });
  }
}

/**
 * Moves `booking` to `change` (same appointment type) if the engine finds that time free under the
 * current rules, with both providers locked.
 */
async function moveChecked(
  tx: Queryable,
  context: BookingContext,
  current: { rules: RulesDocument; checker: SlotChecker; version: number },
  booking: StoredBooking,
  change: { start: number; providerId: string },
): Promise<StoredBooking> {
  const { type, provider } = resolve(current.rules, booking.appointmentTypeId, change.providerId);
  await lockProviders(tx, context.clinicId, [booking.providerId, provider.id]);
  const located = await ensureFree(
    tx,
    context,
    current.checker,
    type.id,
    provider.id,
    change.start,
    booking.id,
  );
  const moved = movedTo(booking, { type, provider, start: change.start, located, current, now: context.now });
  await updateBooking(tx, context.clinicId, moved).catch(overlapAsTaken);
  return moved;
}

/** `booking` at its new time: its end, seat and place follow the type, provider and slot. */
export function movedTo(
  booking: StoredBooking,
  to: {
    type: AppointmentType;
    provider: Provider;
    start: number;
    /** The slot's location, as the engine's check gave it. */
    located: string | undefined;
    current: { version: number };
    now: number;
  },
): StoredBooking {
  const { locationId: _old, ...rest } = booking;
  return {
    ...rest,
    providerId: to.provider.id,
    start: to.start,
    end: to.start + to.type.durationMinutes * 60_000,
    groupSeat: (to.type.capacity ?? 1) > 1,
    ...placeOf(to.type, to.provider, to.located),
    rulesVersion: to.current.version,
    updatedAt: to.now,
  };
}

export function live(booking: StoredBooking | null, now: number): StoredBooking {
  if (!booking) throw new HttpError(404, { code: 'NOT_FOUND', message: 'No booking matches this link.' });
  if (now >= booking.end) {
    throw new HttpError(410, {
      code: 'EXPIRED',
      message: 'This booking link has expired: the appointment is over.',
    });
  }
  return booking;
}

export function changeable(booking: StoredBooking, now: number): StoredBooking {
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

export function resolve(rules: RulesDocument, typeId: string, providerId: string) {
  const type = rules.appointmentTypes.find((t) => t.id === typeId);
  if (!type) throw invalidFields({ appointmentTypeId: 'UNKNOWN' }, 'There is no such appointment type.');
  const provider = rules.providers.find((p) => p.id === providerId);
  if (!provider) throw invalidFields({ providerId: 'UNKNOWN' }, 'There is no such provider.');
  if (!type.providerIds.includes(provider.id)) {
    throw invalidFields(
      { providerId: 'NOT_OFFERING' },
      'This provider does not offer this appointment type.',
    );
  }
  return { type, provider };
}

/**
 * Re-checks the time with the engine, with the provider's other bookings nearby as busy time.
 * @returns the slot's location as the engine gives it (a span's location, `span-locations`)
 */
export async function ensureFree(
  tx: Queryable,
  context: BookingContext,
  checker: SlotChecker,
  appointmentTypeId: string,
  providerId: string,
  start: number,
  except?: string,
): Promise<string | undefined> {
  const booked = await bookedBetween(tx, context.clinicId, {
    from: start - NEIGHBOURHOOD_MS,
    to: start + NEIGHBOURHOOD_MS,
    providerId,
    ...(except === undefined ? {} : { except }),
  });
  return judgeSlot(context, checker, appointmentTypeId, providerId, start, booked);
}

/**
 * The engine's verdict on a time, given the provider's bookings nearby: the slot's location (a
 * span's, when its document places spans), or the refusal thrown.
 */
function judgeSlot(
  context: BookingContext,
  checker: SlotChecker,
  appointmentTypeId: string,
  providerId: string,
  start: number,
  booked: BookedRow[],
): string | undefined {
  const check = checker.check({ appointmentTypeId, providerId, start, now: context.now }, booked);
  if (check.ok) return check.locationId;
  const fields = MALFORMED[check.code];
  if (fields) throw invalidFields(fields, check.message);
  if (check.code === 'INTERNAL_ERROR' || check.code === 'INVALID_CHECK' || check.code === 'INVALID_NOW') {
    throw new HttpError(500, {
      code: 'SERVER',
      message: 'The booking could not be checked; please try again.',
    });
  }
  // Stale requests (taken, full, past the notice, hours changed) all mean the same to a patient.
  throw new HttpError(409, {
    code: 'SLOT_TAKEN',
    message: 'That time is no longer available.',
    reason: check.code,
  });
}

/** The exclusion constraint's refusal (only reachable if the lock were bypassed) reads as taken. */
export function overlapAsTaken(error: unknown): never {
  if ((error as { code?: string })?.code === '23P01') {
    throw new HttpError(409, {
      code: 'SLOT_TAKEN',
      message: 'That time is no longer available.',
      reason: 'BUSY',
    });
  }
  throw error;
}

/**
 * How and where the visit happens: in person at the slot's location (`located`, from the engine's
 * check), else at the provider's; a video visit has no location.
 */
export function placeOf(
  type: AppointmentType,
  provider: Provider,
  located: string | undefined,
): Pick<StoredBooking, 'mode' | 'locationId'> {
  const mode = type.mode ?? 'in-person';
  const locationId = located ?? provider.locationId;
  return mode === 'in-person' && locationId ? { mode, locationId } : { mode };
}

export async function notify(
  tx: Queryable,
  context: BookingContext,
  kind: Exclude<PatientMessage['kind'], 'offer' | 'reminder'>,
  booking: StoredBooking,
  manageToken: string,
  rules: unknown,
): Promise<void> {
  const { clinicId, now, sealing } = context;
  // A move's reminder is due before its new time; a cancelled visit has none.
  if (kind !== 'booked') await replaceReminder(tx, sealing, { ...booking, clinicId }, manageToken, now);
  // Without a transport nothing is sent; the row still records that a message was due.
  const outboxId = sealing
    ? await addToOutbox(tx, sealing.key, sealing.settings, {
        clinicId,
        kind,
        bookingId: booking.id,
        manageToken,
        now,
      })
    : await recordUnsent(tx, clinicId, kind, booking.id, now);
  context.outbox.push({ kind, clinicId, booking, manageToken, rules, at: now, outboxId });
}
