/**
 * Earlier-slot offers. When a booking is cancelled or moved away, its time is offered to the
 * patients who opted in and whose booking of the same type is later: of the same provider, or of
 * any provider of the type for those who booked "any provider". Up to `OFFER_FANOUT` of them, in
 * order of booking, each get a message with a link of their own, at the same moment; the first to
 * accept takes the time. Accepting is a reschedule through the booking step (the same re-check,
 * in the same transaction, under the same locks), so two patients accepting one time at once end
 * with exactly one moved; the other is told the offer has expired.
 *
 * An offer is never expired by a job: it is good while its time is ahead and free and the
 * patient's booking is still confirmed and later, which is checked when the link is opened and
 * again, under the locks, when it is accepted.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Booking } from '../../src/api/types.ts';
import {
  type AppointmentType,
  changeRefusal,
  type RulesDocument,
  type SlotChecker,
} from '../../src/engine/index.ts';
import { HttpError } from '../errors.ts';
import {
  bookedBetween,
  findBookingById,
  lockProviders,
  type StoredBooking,
  updateBooking,
} from '../store/bookings.ts';
import type { Queryable } from '../store/database.ts';
import {
  addOfferToOutbox,
  findOfferByToken,
  insertOffer,
  markOfferAccepted,
  offerCandidates,
  replaceTokenHash,
  type StoredOffer,
} from '../store/offers.ts';
import {
  type BookingContext,
  ensureFree,
  movedTo,
  notify,
  overlapAsTaken,
  placeOf,
  publicBooking,
  resolve,
  withOfferEarlier,
} from './bookings.ts';
import type { Outcome } from './idempotency.ts';
import { hashToken, newManageToken } from './tokens.ts';

/**
 * How many patients one freed time is offered to at once. Each change frees at most one time, so
 * a request creates at most this many offers, also when an accepted offer frees the patient's old
 * time and that is offered on in turn.
 */
export const OFFER_FANOUT = 5;

/** The bookings near a start that can affect it (as the booking step reads them). */
const NEIGHBOURHOOD_MS = 3 * 86_400_000;

/** Why an offer no longer works, each with the sentence the API answers. */
const EXPIRED = {
  TAKEN: 'This earlier time has been taken by another patient; your appointment is unchanged.',
  PASSED: 'This earlier time is no longer ahead; your appointment is unchanged.',
  USED: 'This offer has already been accepted.',
  BOOKING_CHANGED: 'Your appointment was cancelled or has moved since this offer was sent.',
  CHANGES_CLOSED:
    'Your appointment can no longer be changed online, so this earlier time cannot be taken; your appointment is unchanged. Please call the clinic to move it.',
} as const;

export type OfferExpiry = keyof typeof EXPIRED;

function expired(reason: OfferExpiry): HttpError {
  return new HttpError(410, { code: 'OFFER_EXPIRED', message: EXPIRED[reason], reason });
}

/** An offer as the API shows it: the time offered and the booking it would move. */
export interface PublicOffer {
  offer: Pick<Booking, 'appointmentTypeId' | 'providerId' | 'start' | 'end' | 'mode' | 'locationId'>;
  booking: Booking;
}

/**
 * Offers the time `freed` held (a booking just cancelled or moved away, written in `tx`) to the
 * opted-in patients after it. Does nothing when the time is past or not bookable now (inside the
 * notice, the hours changed), or when the rules cannot be read: a cancellation never fails
 * because of its offers.
 */
export async function offerFreedTime(
  tx: Queryable,
  context: BookingContext,
  freed: StoredBooking,
): Promise<void> {
  const { clinicId, now } = context;
  if (freed.start <= now) return;
  let current: { rules: RulesDocument; checker: SlotChecker };
  try {
    current = await context.catalog.forBooking(tx, clinicId);
  } catch {
    return;
  }
  const type = current.rules.appointmentTypes.find((t) => t.id === freed.appointmentTypeId);
  if (!type?.providerIds.includes(freed.providerId)) return;
  const provider = current.rules.providers.find((p) => p.id === freed.providerId);
  if (!provider) return;
  const booked = await bookedBetween(tx, clinicId, {
    from: freed.start - NEIGHBOURHOOD_MS,
    to: freed.start + NEIGHBOURHOOD_MS,
    providerId: freed.providerId,
  });
  const check = current.checker.check(
    { appointmentTypeId: type.id, providerId: freed.providerId, start: freed.start, now },
    booked,
  );
  if (!check.ok) return;
  const candidates = await offerCandidates(
    tx,
    clinicId,
    {
      appointmentTypeId: type.id,
      providerId: freed.providerId,
      start: freed.start,
      except: freed.id,
    },
    type.providerIds,
    now,
    OFFER_FANOUT,
  );
  const place = placeOf(type, provider, check.locationId);
  const end = freed.start + type.durationMinutes * 60_000;
  for (const candidate of candidates) {
    const booking = await findBookingById(tx, clinicId, candidate.id);
    // A patient whose visit the clinic's policy no longer lets them move is offered nothing.
    if (!booking || changeRefusal(type, 'reschedule', booking.start, now)) continue;
    const token = newManageToken();
    const offer: StoredOffer = {
      id: `of_${randomBytes(12).toString('base64url')}`,
      bookingId: booking.id,
      providerId: freed.providerId,
      start: freed.start,
      status: 'open',
      createdAt: now,
    };
    if (!(await insertOffer(tx, clinicId, offer, offerHash(token)))) continue;
    await addOfferToOutbox(tx, clinicId, booking.id, now);
    context.outbox.push({
      kind: 'offer',
      clinicId,
      booking,
      manageToken: '',
      rules: current.rules,
      at: now,
      offer: { token, providerId: freed.providerId, start: freed.start, end, ...place },
    });
  }
}

/** What an offer link shows: 404 for an unknown token, 410 `OFFER_EXPIRED` once it no longer works. */
export async function openOffer(db: Queryable, context: BookingContext, token: string): Promise<PublicOffer> {
  const { clinicId, now } = context;
  const offer = await findOfferByToken(db, clinicId, offerHash(token));
  if (!offer) throw noSuchOffer();
  const booking = await findBookingById(db, clinicId, offer.bookingId);
  stillGood(offer, booking, now);
  const current = await context.catalog.forBooking(db, clinicId);
  const { type, provider } = offered(current.rules, booking, offer);
  ensureMovable(type, booking, now);
  const located = await ensureFree(
    db,
    context,
    current.checker,
    type.id,
    provider.id,
    offer.start,
    offer.bookingId,
  ).catch(asExpired);
  return {
    offer: {
      appointmentTypeId: type.id,
      providerId: provider.id,
      start: offer.start,
      end: offer.start + type.durationMinutes * 60_000,
      ...placeOf(type, provider, located),
    },
    booking: publicBooking(booking),
  };
}

/**
 * Moves the offer's booking to the offered time. The booking's row is locked first and then both
 * providers, in the order a reschedule takes them, so an accept and a reschedule of one booking
 * never deadlock. The answer carries a new manage token for the booking: the server keeps no
 * token, and the message about the move needs links that open it.
 */
export async function acceptOffer(tx: Queryable, context: BookingContext, token: string): Promise<Outcome> {
  const { clinicId, now } = context;
  const first = await findOfferByToken(tx, clinicId, offerHash(token));
  if (!first) throw noSuchOffer();
  const booking = await findBookingById(tx, clinicId, first.bookingId, true);
  const current = await context.catalog.forBooking(tx, clinicId);
  stillGood(first, booking, now);
  const from = booking;
  const { type, provider } = offered(current.rules, from, first);
  ensureMovable(type, from, now);
  await lockProviders(tx, clinicId, [from.providerId, provider.id]);
  // Read again under the locks: a patient who accepted just before has marked it or moved.
  const offer = await findOfferByToken(tx, clinicId, offerHash(token), true);
  if (!offer) throw noSuchOffer();
  stillGood(offer, from, now);
  const located = await ensureFree(
    tx,
    context,
    current.checker,
    type.id,
    provider.id,
    offer.start,
    from.id,
  ).catch(asExpired);
  const moved = movedTo(from, { type, provider, start: offer.start, located, current, now });
  await updateBooking(tx, clinicId, moved).catch((error) => asExpired(asTaken(error)));
  const manageToken = newManageToken();
  await replaceTokenHash(tx, clinicId, from.id, hashToken(manageToken));
  await markOfferAccepted(tx, clinicId, offer.id, now);
  await notify(tx, context, 'rescheduled', moved, manageToken, current.rules);
  // The patient's old time is free now: offered on, once (this request offers no further).
  await offerFreedTime(tx, context, from);
  const answer = await withOfferEarlier(tx, clinicId, moved);
  return { status: 200, body: { booking: answer, manageToken, emailSent: context.emails } };
}

/** Offer tokens are hashed apart from manage tokens, so neither can ever open the other. */
function offerHash(token: string): string {
  return createHash('sha256').update('offer\n').update(token).digest('base64url');
}

function noSuchOffer(): HttpError {
  return new HttpError(404, { code: 'NOT_FOUND', message: 'No offer matches this link.' });
}

function stillGood(
  offer: StoredOffer,
  booking: StoredBooking | null,
  now: number,
): asserts booking is StoredBooking {
  if (offer.status === 'accepted') throw expired('USED');
  if (booking?.status !== 'confirmed' || booking.start <= offer.start) {
    throw expired('BOOKING_CHANGED');
  }
  if (now >= offer.start) throw expired('PASSED');
}

/**
 * Taking an offer moves the patient's visit, so the type's change policy applies as to any
 * reschedule (on the server's clock); for an offer, a refusal means the offer no longer works.
 */
function ensureMovable(type: AppointmentType, booking: StoredBooking, now: number): void {
  if (changeRefusal(type, 'reschedule', booking.start, now)) throw expired('CHANGES_CLOSED');
}

/** The offered provider as the current rules have them; a provider or type gone means expired. */
function offered(rules: RulesDocument, booking: StoredBooking, offer: StoredOffer) {
  try {
    return resolve(rules, booking.appointmentTypeId, offer.providerId);
  } catch {
    throw expired('TAKEN');
  }
}

function asTaken(error: unknown): unknown {
  try {
    overlapAsTaken(error);
  } catch (taken) {
    return taken;
  }
}

/** The booking step's "no longer available" (409) is, for an offer, an expired offer. */
function asExpired(error: unknown): never {
  if (error instanceof HttpError && error.body.code === 'SLOT_TAKEN') {
    throw expired(error.body.reason === 'TOO_SOON' ? 'PASSED' : 'TAKEN');
  }
  throw error;
}
