/** Staff members and their sessions. */
import type { Queryable } from './database.ts';
import { at, ms } from './time.ts';

export type Role = 'admin' | 'staff';

export interface StaffMember {
  id: string;
  clinicId: string;
  email: string;
  role: Role;
  createdAt: number;
}

const COLUMNS = `id, clinic_id AS "clinicId", email, role, ${ms('created_at')} AS "createdAt"`;

export async function insertStaff(
  db: Queryable,
  member: StaffMember,
  passwordHash: string,
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO staff (id, clinic_id, email, password_hash, role, created_at)
     VALUES ($1, $2, $3, $4, $5, ${at('$6')}) ON CONFLICT DO NOTHING RETURNING id`,
    [member.id, member.clinicId, member.email, passwordHash, member.role, member.createdAt],
  );
  return rows.length === 1;
}

export async function findStaffForLogin(
  db: Queryable,
  clinicId: string,
  email: string,
): Promise<(StaffMember & { passwordHash: string }) | null> {
  const rows = await db.query<StaffMember & { passwordHash: string }>(
    `SELECT ${COLUMNS}, password_hash AS "passwordHash" FROM staff WHERE clinic_id = $1 AND lower(email) = lower($2)`,
    [clinicId, email],
  );
  return rows[0] ?? null;
}

export async function listStaff(db: Queryable, clinicId: string): Promise<StaffMember[]> {
  return db.query<StaffMember>(`SELECT ${COLUMNS} FROM staff WHERE clinic_id = $1 ORDER BY lower(email)`, [
    clinicId,
  ]);
}

export async function deleteStaff(db: Queryable, clinicId: string, id: string): Promise<boolean> {
  const rows = await db.query('DELETE FROM staff WHERE clinic_id = $1 AND id = $2 RETURNING id', [
    clinicId,
    id,
  ]);
  return rows.length === 1;
}

/** Sets the account's role; the account as it is now, or null when the clinic has no such account. */
export async function updateStaffRole(
  db: Queryable,
  clinicId: string,
  id: string,
  role: Role,
): Promise<StaffMember | null> {
  const rows = await db.query<StaffMember>(
    `UPDATE staff SET role = $3 WHERE clinic_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
    [clinicId, id, role],
  );
  return rows[0] ?? null;
}

/** The account's password hash, for checking the password it is changed from; null when there is no such account. */
export async function findPasswordHash(db: Queryable, clinicId: string, id: string): Promise<string | null> {
  const rows = await db.query<{ hash: string }>(
    'SELECT password_hash AS hash FROM staff WHERE clinic_id = $1 AND id = $2',
    [clinicId, id],
  );
  return rows[0]?.hash ?? null;
}

/**
 * Sets the account's password hash and ends its sessions, all but the one whose hash is `keep`
 * (the session that changed its own password), in one statement; the account, or null when the
 * clinic has no such account.
 */
export async function setPasswordHash(
  db: Queryable,
  clinicId: string,
  id: string,
  passwordHash: string,
  keep: string | null,
): Promise<StaffMember | null> {
  const rows = await db.query<StaffMember>(
    `WITH changed AS (
       UPDATE staff SET password_hash = $3 WHERE clinic_id = $1 AND id = $2 RETURNING ${COLUMNS}),
     ended AS (
       DELETE FROM sessions x USING changed c
        WHERE x.clinic_id = $1 AND x.staff_id = c.id AND x.id_hash IS DISTINCT FROM $4)
     SELECT * FROM changed`,
    [clinicId, id, passwordHash, keep],
  );
  return rows[0] ?? null;
}

export async function countAdmins(db: Queryable, clinicId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM staff WHERE clinic_id = $1 AND role = 'admin'",
    [clinicId],
  );
  return rows[0]?.n ?? 0;
}

export interface SessionRow {
  staff: StaffMember;
  csrfToken: string;
  expiresAt: number;
}

export async function insertSession(
  db: Queryable,
  session: {
    idHash: string;
    staffId: string;
    clinicId: string;
    csrfToken: string;
    now: number;
    expiresAt: number;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO sessions (id_hash, staff_id, clinic_id, csrf_token, created_at, expires_at)
     VALUES ($1, $2, $3, $4, ${at('$5')}, ${at('$6')})`,
    [session.idHash, session.staffId, session.clinicId, session.csrfToken, session.now, session.expiresAt],
  );
}

/** The live session behind a cookie's hash, for this clinic only. */
export async function findSession(
  db: Queryable,
  clinicId: string,
  idHash: string,
  now: number,
): Promise<SessionRow | null> {
  const rows = await db.query<{
    id: string;
    clinicId: string;
    email: string;
    role: Role;
    createdAt: number;
    csrfToken: string;
    expiresAt: number;
  }>(
    `SELECT s.id, s.clinic_id AS "clinicId", s.email, s.role, ${ms('s.created_at')} AS "createdAt",
            x.csrf_token AS "csrfToken", ${ms('x.expires_at')} AS "expiresAt"
       FROM sessions x JOIN staff s ON s.id = x.staff_id
      WHERE x.id_hash = $1 AND x.clinic_id = $2 AND s.clinic_id = $2 AND x.expires_at > ${at('$3')}`,
    [idHash, clinicId, now],
  );
  const row = rows[0];
  if (!row) return null;
  const { csrfToken, expiresAt, ...staff } = row;
  return { staff, csrfToken, expiresAt };
}

export async function deleteSession(db: Queryable, idHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
}
