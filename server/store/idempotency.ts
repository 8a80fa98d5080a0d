/** Idempotency records, by the SHA-256 of their key. */
import type { Queryable } from './database.ts';
import { at } from './time.ts';

export interface IdempotencyRecord {
  fingerprint: string;
  status: number;
  /** The answer as stored (a manage token in it is sealed: see booking/idempotency.ts). */
  body: string;
}

/** Records live this long; a repeat after that is a new request. */
export const IDEMPOTENCY_LIFETIME_MS = 24 * 60 * 60 * 1000;

/**
 * Serialises requests with one key until the transaction ends, across instances. A new booking's
 * `booking_claim` (migration 006) takes this lock by the same key.
 */
export async function lockIdempotencyKey(db: Queryable, clinicId: string, keyHash: string): Promise<void> {
  await db.query("SELECT pg_advisory_xact_lock(hashtextextended('idempotency/' || $1 || '/' || $2, 0))", [
    clinicId,
    keyHash,
  ]);
}

export async function findIdempotencyRecord(
  db: Queryable,
  clinicId: string,
  keyHash: string,
  now: number,
): Promise<IdempotencyRecord | null> {
  const rows = await db.query<IdempotencyRecord>(
    `SELECT fingerprint, status, body FROM idempotency
      WHERE clinic_id = $1 AND key_hash = $2 AND created_at > ${at('$3')}`,
    [clinicId, keyHash, now - IDEMPOTENCY_LIFETIME_MS],
  );
  return rows[0] ?? null;
}

/**
 * The statement that stores an answer (replacing an expired record of the same key), with the SQL
 * of each value (placeholders such as `$3`): so it can run alone or inside a booking's statement.
 */
export function saveRecordStatement(
  clinicId: string,
  keyHash: string,
  fingerprint: string,
  status: string,
  body: string,
  createdAt: string,
): string {
  return `INSERT INTO idempotency (clinic_id, key_hash, fingerprint, status, body, created_at)
     VALUES (${clinicId}, ${keyHash}, ${fingerprint}, ${status}, ${body}, ${at(createdAt)})
     ON CONFLICT (clinic_id, key_hash) DO UPDATE
       SET fingerprint = EXCLUDED.fingerprint, status = EXCLUDED.status, body = EXCLUDED.body,
           created_at = EXCLUDED.created_at`;
}

export async function saveIdempotencyRecord(
  db: Queryable,
  clinicId: string,
  keyHash: string,
  record: IdempotencyRecord,
  now: number,
): Promise<void> {
  await db.query(saveRecordStatement('$1', '$2', '$3', '$4', '$5', '$6'), [
    clinicId,
    keyHash,
    record.fingerprint,
    record.status,
    record.body,
    now,
  ]);
}

/** Removes expired records and sessions; run now and then by any instance. */
export async function pruneExpired(db: Queryable, now: number): Promise<void> {
  await db.query(`DELETE FROM idempotency WHERE created_at <= ${at('$1')}`, [now - IDEMPOTENCY_LIFETIME_MS]);
  await db.query(`DELETE FROM sessions WHERE expires_at <= ${at('$1')}`, [now]);
}
