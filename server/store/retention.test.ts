import { beforeAll, describe, expect, it } from 'vitest';
import { fileDatabase, newClinic } from '../testing.ts';
import type { Database } from './database.ts';
import { REMOVAL_BATCH, removePastBookings } from './retention.ts';

const DAY = 86_400_000;
/**
 * The removal reads every clinic of the database, which other test files share (on PostgreSQL, at
 * the same moment): these bookings are in 2000, before any of theirs.
 */
const CUTOFF = Date.parse('2000-06-01T00:00:00Z');
let db: Database;
beforeAll(async () => {
  ({ db } = await fileDatabase());
}, 30_000);

describe('removing past bookings with their patients’ details', () => {
  it('removes the bookings that ended before the cutoff, with their messages and offers, and nothing else', async () => {
    const clinic = await newClinic(db);
    const other = await newClinic(db);
    const cutoff = CUTOFF;
    // Per clinic: bookings ending a day, a minute and no time before the cutoff, at it, and after.
    const ends = [cutoff - DAY, cutoff - 60_000, cutoff - 1, cutoff, cutoff + 1, cutoff + 400 * DAY];
    for (const id of [clinic, other]) {
      await db.query(
        `INSERT INTO bookings (clinic_id, id, token_hash, appointment_type_id, provider_id, start_at, end_at,
           group_seat, status, mode, patient, rules_version, created_at, updated_at)
         SELECT $1, 'bk_' || i, $1 || '/' || i, 'checkup', 'p' || i,
           to_timestamp((e - 900000) / 1000.0), to_timestamp(e / 1000.0), false, 'confirmed', 'in-person',
           '{"name": "Test Patient", "dateOfBirth": "1990-01-01", "email": "p@example.com", "phone": "+1 555 0100"}'::jsonb,
           1, now(), now()
         FROM unnest($2::float8[]) WITH ORDINALITY AS t(e, i)`,
        [id, ends],
      );
      await db.query(
        `INSERT INTO outbox (clinic_id, kind, booking_id, created_at) SELECT $1, 'booked', 'bk_' || i, now()
           FROM generate_series(1, 6) i`,
        [id],
      );
      await db.query(
        `INSERT INTO earlier_offers (clinic_id, id, token_hash, booking_id, provider_id, start_at, status, created_at)
           SELECT $1, 'of_' || i, $1 || '/of/' || i, 'bk_' || i, 'p0', now(), 'open', now() FROM generate_series(1, 6) i`,
        [id],
      );
    }
    expect(await removePastBookings(db, cutoff)).toBe(6);
    for (const id of [clinic, other]) {
      const left = (table: string) =>
        db.query<{ booking: string }>(
          `SELECT ${table === 'bookings' ? 'id' : 'booking_id'} AS booking FROM ${table} WHERE clinic_id = $1 ORDER BY 1`,
          [id],
        );
      const kept = ['bk_4', 'bk_5', 'bk_6'];
      expect((await left('bookings')).map((row) => row.booking)).toEqual(kept);
      expect((await left('outbox')).map((row) => row.booking)).toEqual(kept);
      expect((await left('earlier_offers')).map((row) => row.booking)).toEqual(kept);
    }
    expect(await removePastBookings(db, cutoff)).toBe(0);
  });

  it('removes any number, a batch at a time', async () => {
    const clinic = await newClinic(db);
    const count = REMOVAL_BATCH * 2 + 7;
    await db.query(
      `INSERT INTO bookings (clinic_id, id, token_hash, appointment_type_id, provider_id, start_at, end_at,
         group_seat, status, mode, patient, rules_version, created_at, updated_at)
       SELECT $1, 'bk_' || g, $1 || '/' || g, 'checkup', 'p' || g, to_timestamp($2 / 1000.0),
         to_timestamp($2 / 1000.0) + interval '15 minutes', false, 'cancelled', 'in-person', '{}'::jsonb, 1, now(), now()
       FROM generate_series(1, $3::int) g`,
      [clinic, CUTOFF - 100 * DAY, count],
    );
    expect(await removePastBookings(db, CUTOFF - 99 * DAY)).toBe(count);
    const [left] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM bookings WHERE clinic_id = $1',
      [clinic],
    );
    expect(left?.n).toBe(0);
  });
});
