/** Bookings. Patient details live here only; every read for patients returns no patient data. */
import type { Booking, PatientDetails, StaffBooking } from '../../src/api/types.ts';
import type { StoredAnswer } from '../../src/intake.ts';
import type { Queryable } from './database.ts';
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

/**
 * Stores a new booking; `answers` (its intake answers, none when empty) are written here and read
 * back only by `listBookings`, so no other read (messages, manage links, offers) carries them.
 */
export async function insertBooking(
  db: Queryable,
  clinicId: string,
  booking: StoredBooking,
  tokenHash: string,
  answers: readonly StoredAnswer[] = [],
): Promise<void> {
  await db.query(
    `INSERT INTO bookings (clinic_id, id, token_hash, appointment_type_id, provider_id, start_at, end_at, seats,
       group_seat, status, mode, location_id, patient, rules_version, created_at, updated_at, answers)
     VALUES ($1, $2, $3, $4, $5, ${at('$6')}, ${at('$7')}, $8, $9, $10, $11, $12, $13::jsonb, $14, ${at('$15')}, ${at('$16')}, $17::jsonb)`,
    [
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
      answers.length > 0 ? JSON.stringify(answers) : null,
    ],
  );
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
 * of two racing requests for that provider happen one after the other, on every instance.
 */
export async function lockProvider(db: Queryable, clinicId: string, providerId: string): Promise<void> {
  await db.query("SELECT pg_advisory_xact_lock(hashtextextended('provider/' || $1 || '/' || $2, 0))", [
    clinicId,
    providerId,
  ]);
}

/** A message due on a server that sends none: recorded, never sent (messages/outbox.ts sends). */
export async function recordUnsent(
  db: Queryable,
  clinicId: string,
  kind: 'booked' | 'rescheduled' | 'cancelled',
  bookingId: string,
  now: number,
): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO outbox (clinic_id, kind, booking_id, created_at) VALUES ($1, $2, $3, ${at('$4')}) RETURNING id::text AS id`,
    [clinicId, kind, bookingId, now],
  );
  return row?.id ?? '';
}
