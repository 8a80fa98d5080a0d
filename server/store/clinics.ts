/** Clinics: every other row belongs to one. */
import type { Queryable } from './database.ts';
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
