/** A clinic's first rules version, from a file: at first start, or when a clinic is created. */
import { readFileSync } from 'node:fs';
import { savedRules } from '../../src/api/rules-forms.ts';
import { validateRules } from '../../src/engine/index.ts';
import type { Diagnostic } from '../../src/engine/types.ts';
import type { Database } from '../store/database.ts';
import { findRulesVersion, insertRulesVersion, lockRules } from '../store/rules.ts';
import { etagOf } from './catalog.ts';

/** Stores `file`'s rules as the clinic's version 1 when it has none. Throws with the file's problems. */
export async function seedRules(db: Database, clinicId: string, file: string, now: number): Promise<boolean> {
  return storeSeed(db, clinicId, readSeed(file), now);
}

/** Rules checked and ready to store as a clinic's first version. */
export interface Seed {
  text: string;
  warnings: Diagnostic[];
  note: string;
}

/** `file`'s rules, read and validated, before anything is written. Throws with the file's problems. */
export function readSeed(file: string): Seed {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`The rules file ${file} could not be read: ${(error as Error).message}`);
  }
  return checkedSeed(parsed, `seeded from ${file.split('/').pop()}`);
}

export async function seedDocument(
  db: Database,
  clinicId: string,
  document: unknown,
  now: number,
  note: string,
): Promise<boolean> {
  return storeSeed(db, clinicId, checkedSeed(document, note), now);
}

function checkedSeed(document: unknown, note: string): Seed {
  const result = validateRules(savedRules(document));
  if (!result.ok) {
    const first = result.errors[0];
    throw new Error(
      `The rules do not validate (${result.errors.length} error${result.errors.length === 1 ? '' : 's'}; first: ${first?.path} ${first?.message}).`,
    );
  }
  return { text: JSON.stringify(result.rules), warnings: result.warnings, note };
}

/** Stores `seed` as the clinic's first version; false, and nothing written, when it has one. */
export async function storeSeed(db: Database, clinicId: string, seed: Seed, now: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    await lockRules(tx, clinicId);
    if (await findRulesVersion(tx, clinicId, 'current')) return false;
    await insertRulesVersion(tx, clinicId, {
      document: seed.text,
      etag: etagOf(seed.text),
      warnings: seed.warnings,
      savedBy: null,
      note: seed.note,
      now,
    });
    return true;
  });
}
