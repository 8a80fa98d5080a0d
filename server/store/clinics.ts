/** Clinics: every other row belongs to one. */
import type { Database, Queryable } from './database.ts';
import { at, ms } from './time.ts';

export interface Clinic {
  id: string;
  name: string;
  createdAt: number;
}

/** Lower-case letters, digits and hyphens, 1 to 63 characters, starting with a letter or digit. */
export const CLINIC_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Why `id` cannot name a clinic, or null when it can. */
export function clinicIdProblem(id: string): string | null {
  return CLINIC_ID.test(id)
    ? null
    : `A clinic id is 1 to 63 lower-case letters, digits and hyphens: "${id}" is not.`;
}

export async function createClinic(db: Queryable, id: string, name: string, now: number): Promise<boolean> {
  const problem = clinicIdProblem(id);
  if (problem) throw new Error(problem);
  const rows = await db.query(
    `INSERT INTO clinics (id, name, created_at) VALUES ($1, $2, ${at('$3')}) ON CONFLICT (id) DO NOTHING RETURNING id`,
    [id, name, now],
  );
  return rows.length === 1;
}

export async function findClinic(db: Queryable, id: string): Promise<Clinic | null> {
  if (!CLINIC_ID.test(id)) return null;
  const rows = await db.query<Clinic>(
    `SELECT id, name, ${ms('created_at')} AS "createdAt" FROM clinics WHERE id = $1`,
    [id],
  );
  return rows[0] ?? null;
}

export async function listClinics(db: Queryable): Promise<Clinic[]> {
  return db.query<Clinic>(`SELECT id, name, ${ms('created_at')} AS "createdAt" FROM clinics ORDER BY id`);
}

/** A clinic as the server's operator sees it: who can sign in, which rules, what is ahead. */
export interface ClinicSummary extends Clinic {
  admins: number;
  staff: number;
  /** The current rules version, or null before the first. */
  rulesVersion: number | null;
  /** Confirmed bookings that start at `now` or later. */
  upcomingBookings: number;
}

/** Every clinic with its accounts, rules version and upcoming bookings, by id: one statement. */
export async function clinicSummaries(db: Queryable, now: number): Promise<ClinicSummary[]> {
  return db.query<ClinicSummary>(
    `SELECT c.id, c.name, ${ms('c.created_at')} AS "createdAt",
        (SELECT count(*)::int FROM staff s WHERE s.clinic_id = c.id AND s.role = 'admin') AS admins,
        (SELECT count(*)::int FROM staff s WHERE s.clinic_id = c.id AND s.role = 'staff') AS staff,
        (SELECT max(version) FROM rules_versions r WHERE r.clinic_id = c.id) AS "rulesVersion",
        (SELECT count(*)::int FROM bookings b WHERE b.clinic_id = c.id AND b.status = 'confirmed'
           AND b.start_at >= ${at('$1')}) AS "upcomingBookings"
       FROM clinics c ORDER BY c.id`,
    [now],
  );
}

/** What removing a clinic took with it, table by table. */
export interface RemovedClinic {
  bookings: number;
  staff: number;
  sessions: number;
  rulesVersions: number;
  messages: number;
  offers: number;
  idempotencyRecords: number;
}

/**
 * Removes a clinic and every row of it (its patients' bookings and details, its staff and their
 * sessions, its rules history, its messages waiting to be sent), in one transaction; null when
 * there is no such clinic. The clinic's row is locked first: a booking under way at that moment
 * (which holds a share of that lock through its foreign key) finishes before the removal starts,
 * and one that starts after fails on the clinic it names, so nothing of the clinic is left behind.
 */
export async function removeClinic(db: Database, id: string): Promise<RemovedClinic | null> {
  return db.transaction(async (tx) => {
    const locked = await tx.query('SELECT id FROM clinics WHERE id = $1 FOR UPDATE', [id]);
    if (locked.length === 0) return null;
    const remove = async (table: string) => {
      const [row] = await tx.query<{ removed: number }>(
        `WITH gone AS (DELETE FROM ${table} WHERE clinic_id = $1 RETURNING 1) SELECT count(*)::int AS removed FROM gone`,
        [id],
      );
      return row?.removed ?? 0;
    };
    // Children before what they refer to: sessions before staff, rules versions (saved by staff)
    // before staff, the bookings' messages and offers before the bookings.
    const sessions = await remove('sessions');
    const offers = await remove('earlier_offers');
    const messages = await remove('outbox');
    const idempotencyRecords = await remove('idempotency');
    const bookings = await remove('bookings');
    const rulesVersions = await remove('rules_versions');
    const staff = await remove('staff');
    await tx.query('DELETE FROM clinics WHERE id = $1', [id]);
    return { bookings, staff, sessions, rulesVersions, messages, offers, idempotencyRecords };
  });
}
