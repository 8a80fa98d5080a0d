/** A clinic's first rules version, from a file: at first start, or when a clinic is created. */
import { readFileSync } from 'node:fs';
import { savedRules } from '../../src/api/rules-forms.ts';
import { validateRules } from '../../src/engine/index.ts';
import type { Database } from '../store/database.ts';
import { findRulesVersion, insertRulesVersion, lockRules } from '../store/rules.ts';
import { etagOf } from './catalog.ts';

/** Stores `file`'s rules as the clinic's version 1 when it has none. Throws with the file's problems. */
export async function seedRules(db: Database, clinicId: string, file: string, now: number): Promise<boolean> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`The rules file ${file} could not be read: ${(error as Error).message}`);
  }
  return seedDocument(db, clinicId, parsed, now, `seeded from ${file.split('/').pop()}`);
}

export async function seedDocument(
  db: Database,
  clinicId: string,
  document: unknown,
  now: number,
  note: string,
): Promise<boolean> {
  const result = validateRules(savedRules(document));
  if (!result.ok) {
    const first = result.errors[0];
    throw new Error(
      `The rules do not validate (${result.errors.length} errors; first: ${first?.path} ${first?.message}).`,
    );
  }
  const text = JSON.stringify(result.rules);
  return db.transaction(async (tx) => {
    await lockRules(tx, clinicId);
    if (await findRulesVersion(tx, clinicId, 'current')) return false;
    await insertRulesVersion(tx, clinicId, {
      document: text,
      etag: etagOf(text),
      warnings: result.warnings,
      savedBy: null,
      note,
      now,
    });
    return true;
  });
}
