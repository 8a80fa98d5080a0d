/** Rules versions: every save is kept; the newest is the clinic's rules. */
// A version as the history lists it is the admin API's own type.
import type { RulesVersionSummary } from '../../src/api/types.ts';
import type { Queryable } from './database.ts';
import { at, ms } from './time.ts';

export interface RulesVersion extends RulesVersionSummary {
  /** The document exactly as served. */
  document: string;
  warnings: unknown[];
}

const SUMMARY = `version, etag, ${ms('saved_at')} AS "savedAt", saved_by_email AS "savedBy", note,
  jsonb_array_length(warnings)::int AS "warningCount"`;

/** The newest version's number and ETag: what a cache compares against. */
export async function currentRulesStamp(
  db: Queryable,
  clinicId: string,
): Promise<{ version: number; etag: string } | null> {
  const rows = await db.query<{ version: number; etag: string }>(
    'SELECT version, etag FROM rules_versions WHERE clinic_id = $1 ORDER BY version DESC LIMIT 1',
    [clinicId],
  );
  return rows[0] ?? null;
}

export async function findRulesVersion(
  db: Queryable,
  clinicId: string,
  version: number | 'current',
): Promise<RulesVersion | null> {
  const rows = await db.query<RulesVersion>(
    `SELECT ${SUMMARY}, document, warnings FROM rules_versions WHERE clinic_id = $1
      ${version === 'current' ? 'ORDER BY version DESC LIMIT 1' : 'AND version = $2'}`,
    version === 'current' ? [clinicId] : [clinicId, version],
  );
  return rows[0] ?? null;
}

export async function listRulesVersions(
  db: Queryable,
  clinicId: string,
  limit = 200,
): Promise<RulesVersionSummary[]> {
  return db.query<RulesVersionSummary>(
    `SELECT ${SUMMARY} FROM rules_versions WHERE clinic_id = $1 ORDER BY version DESC LIMIT $2`,
    [clinicId, limit],
  );
}

export interface NewRulesVersion {
  document: string;
  etag: string;
  warnings: unknown[];
  savedBy: { id: string; email: string } | null;
  note: string;
  now: number;
}

/**
 * Appends a version. Run it in a transaction that has locked the clinic's rules (`lockRules`), so
 * two saves cannot both become version N.
 */
export async function insertRulesVersion(
  db: Queryable,
  clinicId: string,
  entry: NewRulesVersion,
): Promise<number> {
  const rows = await db.query<{ version: number }>(
    `INSERT INTO rules_versions (clinic_id, version, document, etag, warnings, saved_by, saved_by_email, saved_at, note)
     SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4::jsonb, $5, $6, ${at('$7')}, $8
       FROM rules_versions WHERE clinic_id = $1
     RETURNING version`,
    [
      clinicId,
      entry.document,
      entry.etag,
      JSON.stringify(entry.warnings),
      entry.savedBy?.id ?? null,
      entry.savedBy?.email ?? null,
      entry.now,
      entry.note,
    ],
  );
  const version = rows[0]?.version;
  if (version === undefined) throw new Error('The rules version was not stored.');
  return version;
}

/** Serialises saves of one clinic's rules until the transaction ends. */
export async function lockRules(db: Queryable, clinicId: string): Promise<void> {
  await db.query("SELECT pg_advisory_xact_lock(hashtextextended('rules/' || $1, 0))", [clinicId]);
}
