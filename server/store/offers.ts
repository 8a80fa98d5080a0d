/**
 * Earlier-slot offers and the bookings' opt-in to them (migration 004). Offers are found by the
 * SHA-256 of their token; patient data stays in `bookings`.
 */
import type { Queryable } from './database.ts';
import { at, ms } from './time.ts';

/** A patient's opt-in: offers of their own provider's times, or of any provider of the type. */
export type OfferEarlier = 'same-provider' | 'any-provider';

export interface StoredOffer {
  id: string;
  bookingId: string;
  providerId: string;
  start: number;
  status: 'open' | 'accepted';
  createdAt: number;
}

/** An opted-in booking that a freed time may be offered to. */
export interface OfferCandidate {
  id: string;
  providerId: string;
  start: number;
  offerEarlier: OfferEarlier;
}

const OFFER_COLUMNS = `id, booking_id AS "bookingId", provider_id AS "providerId", ${ms('start_at')} AS start,
  status, ${ms('created_at')} AS "createdAt"`;

/** Sets or clears (`null`) a booking's opt-in. */
export async function setOfferEarlier(
  db: Queryable,
  clinicId: string,
  bookingId: string,
  choice: OfferEarlier | null,
): Promise<void> {
  await db.query('UPDATE bookings SET offer_earlier = $3 WHERE clinic_id = $1 AND id = $2', [
    clinicId,
    bookingId,
    choice,
  ]);
}

/** The opt-ins of the given bookings (those without one are left out). */
export async function offerEarlierOf(
  db: Queryable,
  clinicId: string,
  bookingIds: readonly string[],
): Promise<Map<string, OfferEarlier>> {
  if (bookingIds.length === 0) return new Map();
  const rows = await db.query<{ id: string; offerEarlier: OfferEarlier }>(
    `SELECT id, offer_earlier AS "offerEarlier" FROM bookings
      WHERE clinic_id = $1 AND id = ANY($2::text[]) AND offer_earlier IS NOT NULL`,
    [clinicId, bookingIds],
  );
  return new Map(rows.map((row) => [row.id, row.offerEarlier]));
}

/**
 * The confirmed, opted-in bookings of `appointmentTypeId` that start after `start` (and after
 * `now`), of `providerId` or opted in to any provider among `providerIds`, that have not been
 * offered this time before: in order of booking, at most `limit`.
 */
export async function offerCandidates(
  db: Queryable,
  clinicId: string,
  freed: { appointmentTypeId: string; providerId: string; start: number; except: string },
  providerIds: readonly string[],
  now: number,
  limit: number,
): Promise<OfferCandidate[]> {
  return db.query<OfferCandidate>(
    `SELECT b.id, b.provider_id AS "providerId", ${ms('b.start_at')} AS start, b.offer_earlier AS "offerEarlier"
       FROM bookings b
      WHERE b.clinic_id = $1 AND b.appointment_type_id = $2 AND b.status = 'confirmed'
        AND b.offer_earlier IS NOT NULL AND b.id <> $5
        AND b.start_at > ${at('$4')} AND b.start_at > ${at('$6')}
        AND (b.provider_id = $3 OR (b.offer_earlier = 'any-provider' AND b.provider_id = ANY($7::text[])))
        AND NOT EXISTS (SELECT 1 FROM earlier_offers o
                         WHERE o.clinic_id = b.clinic_id AND o.booking_id = b.id
                           AND o.provider_id = $3 AND o.start_at = ${at('$4')})
      ORDER BY b.created_at, b.start_at, b.id
      LIMIT $8`,
    [clinicId, freed.appointmentTypeId, freed.providerId, freed.start, freed.except, now, providerIds, limit],
  );
}

/** Stores an offer; false when that booking was already offered that time (then nothing is sent). */
export async function insertOffer(
  db: Queryable,
  clinicId: string,
  offer: StoredOffer,
  tokenHash: string,
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO earlier_offers (clinic_id, id, token_hash, booking_id, provider_id, start_at, status, created_at)
     VALUES ($1, $2, $3, $4, $5, ${at('$6')}, $7, ${at('$8')})
     ON CONFLICT (clinic_id, booking_id, provider_id, start_at) DO NOTHING RETURNING id`,
    [
      clinicId,
      offer.id,
      tokenHash,
      offer.bookingId,
      offer.providerId,
      offer.start,
      offer.status,
      offer.createdAt,
    ],
  );
  return rows.length === 1;
}

/** The offer behind a token's hash; `forUpdate` locks its row until the transaction ends. */
export async function findOfferByToken(
  db: Queryable,
  clinicId: string,
  tokenHash: string,
  forUpdate = false,
): Promise<StoredOffer | null> {
  const rows = await db.query<StoredOffer>(
    `SELECT ${OFFER_COLUMNS} FROM earlier_offers WHERE clinic_id = $1 AND token_hash = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [clinicId, tokenHash],
  );
  return rows[0] ?? null;
}

export async function markOfferAccepted(
  db: Queryable,
  clinicId: string,
  offerId: string,
  now: number,
): Promise<void> {
  await db.query(
    `UPDATE earlier_offers SET status = 'accepted', accepted_at = ${at('$3')} WHERE clinic_id = $1 AND id = $2`,
    [clinicId, offerId, now],
  );
}

/** Gives a booking a new manage token (its hash): an accepted offer's answer carries the new one. */
export async function replaceTokenHash(
  db: Queryable,
  clinicId: string,
  bookingId: string,
  tokenHash: string,
): Promise<void> {
  await db.query('UPDATE bookings SET token_hash = $3 WHERE clinic_id = $1 AND id = $2', [
    clinicId,
    bookingId,
    tokenHash,
  ]);
}

export async function addOfferToOutbox(
  db: Queryable,
  clinicId: string,
  bookingId: string,
  now: number,
): Promise<void> {
  await db.query(
    `INSERT INTO outbox (clinic_id, kind, booking_id, created_at) VALUES ($1, 'offer', $2, ${at('$3')})`,
    [clinicId, bookingId, now],
  );
}
