/** Bookings. Patient details live here only; every read for patients returns no patient data. */
import type { Booking, PatientDetails, StaffBooking } from '../../src/api/types.ts';
import type { StoredAnswer } from '../../src/intake.ts';
import type { Queryable } from './database.ts';
import { type IdempotencyRecord, saveRecordStatement } from './idempotency.ts';
import type { OfferEarlier } from './offers.ts';
import { insertOutboxRow, type SealedMessage } from './outbox.ts';
import { at, ms } from './time.ts';

export interface StoredBooking extends Booking {
  seats: number;
  groupSeat: boolean;
  patient: PatientDetails;
  rulesVersion: number;
  createdAt: number;
  updatedAt: number;
}

/** A confirmed booking as busy time: what the engine and the busy windows need, and no more. */
export interface BookedRow {
  providerId: string;
  appointmentTypeId: string;
  start: number;
  end: number;
  seats: number;
}

const COLUMNS = `id, appointment_type_id AS "appointmentTypeId", provider_id AS "providerId",
  ${ms('start_at')} AS start, ${ms('end_at')} AS "end", seats, group_seat AS "groupSeat", status, mode,
  location_id AS "locationId", patient, rules_version AS "rulesVersion",
  ${ms('created_at')} AS "createdAt", ${ms('updated_at')} AS "updatedAt"`;

function fromRow(row: StoredBooking & { locationId: string | null }): StoredBooking {
  const { locationId, ...rest } = row;
  return locationId === null ? rest : { ...rest, locationId };
}

const INSERT_BOOKING = `INSERT INTO bookings (clinic_id, id, token_hash, appointment_type_id, provider_id, start_at,
       end_at, seats, group_seat, status, mode, location_id, patient, rules_version, created_at, updated_at, offer_earlier,
       answers)
     VALUES ($1, $2, $3, $4, $5, ${at('$6')}, ${at('$7')}, $8, $9, $10, $11, $12, $13::jsonb, $14, ${at('$15')},
       ${at('$16')}, $17, $18::jsonb)`;

/**
 * The parameters `$1` to `$18` of `INSERT_BOOKING`. A booking's intake `answers` (none when empty)
 * are written here and read back only by `listBookings`, so no other read (messages, manage links,
 * offers) carries them.
 */
function bookingValues(
  clinicId: string,
  booking: StoredBooking,
  tokenHash: string,
  offerEarlier: OfferEarlier | null,
  answers: readonly StoredAnswer[],
): unknown[] {
  return [
    clinicId,
    booking.id,
    tokenHash,
    booking.appointmentTypeId,
    booking.providerId,
    booking.start,
    booking.end,
    booking.seats,
    booking.groupSeat,
    booking.status,
    booking.mode,
    booking.locationId ?? null,
    JSON.stringify(booking.patient),
    booking.rulesVersion,
    booking.createdAt,
    booking.updatedAt,
    offerEarlier,
    answers.length > 0 ? JSON.stringify(answers) : null,
  ];
}

/** Stores a booking on its own (imports and tests); a patient's booking goes through `writeNewBooking`. */
export async function insertBooking(
  db: Queryable,
  clinicId: string,
  booking: StoredBooking,
  tokenHash: string,
  answers: readonly StoredAnswer[] = [],
): Promise<void> {
  await db.query(INSERT_BOOKING, bookingValues(clinicId, booking, tokenHash, null, answers));
}

/** What a new booking's claim found: the key's stored answer, or what the check needs. */
export type BookingClaim =
  | { prior: IdempotencyRecord }
  | { stamp: { version: number; etag: string } | null; booked: BookedRow[] };

/**
 * The first statement of a new booking (`booking_claim`, migration 006): locks the
 * Idempotency-Key and returns its answer if it has one; otherwise reads the current rules version,
 * locks the provider and reads their confirmed bookings overlapping `[from, to)`. Both locks are
 * held until the transaction ends.
 */
export async function claimBooking(
  tx: Queryable,
  clinicId: string,
  claim: { keyHash: string; answersAfter: number; providerId: string; from: number; to: number },
): Promise<BookingClaim> {
  const [row] = await tx.query<{ claim: BookingClaim }>(
    'SELECT booking_claim($1, $2, $3, $4, $5, $6) AS claim',
    [clinicId, claim.keyHash, claim.answersAfter, claim.providerId, claim.from, claim.to],
  );
  if (!row) throw new Error('booking_claim returned no row');
  return row.claim;
}

/** A new booking's writes besides the booking row: its message and the key's stored answer. */
export interface NewBookingWrites {
  tokenHash: string;
  offerEarlier: OfferEarlier | null;
  /** The intake answers, checked against the booking's rules version. */
  answers: readonly StoredAnswer[];
  message: SealedMessage;
  /** When the visit's reminder is due (sent with the message's key and sealed token), or null for none. */
  reminderAt: number | null;
  answer: { keyHash: string } & IdempotencyRecord;
}

/**
 * The second and last statement of a new booking: the booking, its outbox row (and its
 * reminder's), and the idempotency record, in one statement. Returns the outbox row's id.
 */
export async function writeNewBooking(
  tx: Queryable,
  clinicId: string,
  booking: StoredBooking,
  writes: NewBookingWrites,
): Promise<string> {
  const { message, answer } = writes;
  const [row] = await tx.query<{ id: string }>(
    `WITH booking AS (${INSERT_BOOKING}),
       message AS (${insertOutboxRow('$1', "'booked'", '$2', '$15', '$19', '$20', '$21')} RETURNING id),
       answer AS (${saveRecordStatement('$1', '$22', '$23', '$24', '$25', '$15')}),
       reminder AS (INSERT INTO outbox (clinic_id, kind, booking_id, created_at, next_attempt_at, key_id, sealed_token)
         SELECT $1, 'reminder', $2, ${at('$15')}, ${at('$26')}, $20, $21 WHERE $26::float8 IS NOT NULL)
     SELECT id::text AS id FROM message`,
    [
      ...bookingValues(clinicId, booking, writes.tokenHash, writes.offerEarlier, writes.answers),
      message.nextAttemptAt,
      message.keyId,
      message.sealedToken,
      answer.keyHash,
      answer.fingerprint,
      answer.status,
      answer.body,
      writes.reminderAt,
    ],
  );
  return row?.id ?? '';
}

/** The booking behind a manage token's hash; `forUpdate` locks its row until the transaction ends. */
export async function findBookingByToken(
  db: Queryable,
  clinicId: string,
  tokenHash: string,
  forUpdate = false,
): Promise<StoredBooking | null> {
  const rows = await db.query<StoredBooking & { locationId: string | null }>(
    `SELECT ${COLUMNS} FROM bookings WHERE clinic_id = $1 AND token_hash = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [clinicId, tokenHash],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

/** A booking by its id (the earlier-slot offers name theirs); `forUpdate` locks its row. */
export async function findBookingById(
  db: Queryable,
  clinicId: string,
  id: string,
  forUpdate = false,
): Promise<StoredBooking | null> {
  const rows = await db.query<StoredBooking & { locationId: string | null }>(
    `SELECT ${COLUMNS} FROM bookings WHERE clinic_id = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [clinicId, id],
  );
  return rows[0] ? fromRow(rows[0]) : null;
}

/** Moves, re-places or cancels a booking (its id and token stay). */
export async function updateBooking(db: Queryable, clinicId: string, booking: StoredBooking): Promise<void> {
  await db.query(
    `UPDATE bookings SET provider_id = $3, start_at = ${at('$4')}, end_at = ${at('$5')}, group_seat = $6, status = $7,
       mode = $8, location_id = $9, rules_version = $10, updated_at = ${at('$11')}
     WHERE clinic_id = $1 AND id = $2`,
    [
      clinicId,
      booking.id,
      booking.providerId,
      booking.start,
      booking.end,
      booking.groupSeat,
      booking.status,
      booking.mode,
      booking.locationId ?? null,
      booking.rulesVersion,
      booking.updatedAt,
    ],
  );
}

/**
 * Confirmed bookings that overlap `[from, to)`: of one provider (the booking step's neighbours) or
 * of all (a busy window). Served by the partial indexes on `start_at`; `except` leaves out the
 * booking being moved.
 */
export async function bookedBetween(
  db: Queryable,
  clinicId: string,
  range: { from: number; to: number; providerId?: string; except?: string },
): Promise<BookedRow[]> {
  // No booking is longer than a day (the engine's duration limit), so a start a day before `from`
  // bounds the index scan.
  const params: unknown[] = [clinicId, range.from, range.to, range.from - 86_400_000];
  let filter = '';
  if (range.providerId !== undefined) {
    params.push(range.providerId);
    filter += ` AND provider_id = $${params.length}`;
  }
  if (range.except !== undefined) {
    params.push(range.except);
    filter += ` AND id <> $${params.length}`;
  }
  return db.query<BookedRow>(
    `SELECT provider_id AS "providerId", appointment_type_id AS "appointmentTypeId",
        ${ms('start_at')} AS start, ${ms('end_at')} AS "end", seats
       FROM bookings
      WHERE clinic_id = $1 AND status = 'confirmed'
        AND start_at >= ${at('$4')} AND start_at < ${at('$3')} AND end_at > ${at('$2')}${filter}
      ORDER BY start_at`,
    params,
  );
}

/** Confirmed bookings that start at or after `from`, counted by type and by provider. */
export async function upcomingByReference(
  db: Queryable,
  clinicId: string,
  from: number,
): Promise<{ appointmentTypeId: string; providerId: string; count: number }[]> {
  return db.query(
    `SELECT appointment_type_id AS "appointmentTypeId", provider_id AS "providerId", count(*)::int AS count
       FROM bookings WHERE clinic_id = $1 AND status = 'confirmed' AND start_at >= ${at('$2')}
      GROUP BY 1, 2 ORDER BY 1, 2`,
    [clinicId, from],
  );
}

/**
 * Staff's list of bookings in a range, patient details and intake answers included: only for
 * signed-in staff.
 */
export async function listBookings(
  db: Queryable,
  clinicId: string,
  range: { from: number; to: number; limit: number },
): Promise<Array<StoredBooking & Pick<StaffBooking, 'answers'>>> {
  const rows = await db.query<StoredBooking & { locationId: string | null; answers: StoredAnswer[] | null }>(
    `SELECT ${COLUMNS}, answers FROM bookings WHERE clinic_id = $1 AND start_at >= ${at('$2')} AND start_at < ${at('$3')}
      ORDER BY start_at, id LIMIT $4`,
    [clinicId, range.from, range.to, range.limit],
  );
  return rows.map(({ answers, ...row }) => (answers === null ? fromRow(row) : { ...fromRow(row), answers }));
}

/**
 * Serialises booking changes of one provider until the transaction ends: the check and the insert
 * of two racing requests for that provider happen one after the other, on every instance. A new
 * booking's `booking_claim` (migration 006) takes this lock by the same key.
 */
export async function lockProvider(db: Queryable, clinicId: string, providerId: string): Promise<void> {
  await db.query("SELECT pg_advisory_xact_lock(hashtextextended('provider/' || $1 || '/' || $2, 0))", [
    clinicId,
    providerId,
  ]);
}

/**
 * Locks the providers of a move (where it was, where it goes), each once and in a fixed order, so
 * two moves in opposite directions cannot deadlock.
 */
export async function lockProviders(db: Queryable, clinicId: string, providerIds: string[]): Promise<void> {
  for (const id of [...new Set(providerIds)].sort()) await lockProvider(db, clinicId, id);
}

/** A message due on a server that sends none: recorded, never sent (messages/outbox.ts sends). */
export async function recordUnsent(
  db: Queryable,
  clinicId: string,
  kind: 'booked' | 'rescheduled' | 'cancelled' | 'clinic-cancelled' | 'clinic-moved',
  bookingId: string,
  now: number,
): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `${insertOutboxRow('$1', '$2', '$3', '$4', 'NULL', 'NULL', 'NULL')} RETURNING id::text AS id`,
    [clinicId, kind, bookingId, now],
  );
  return row?.id ?? '';
}
