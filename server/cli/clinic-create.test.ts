import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findClinic } from '../store/clinics.ts';
import type { Database } from '../store/database.ts';
import { findRulesVersion } from '../store/rules.ts';
import { FIXTURE_RULES, NOW, openTestDatabase, tempDir } from '../testing.ts';
import { runClinicCreate } from './clinic-create.ts';
import { captured } from './test-fixtures.ts';

let temp: ReturnType<typeof tempDir>;
let db: Database;
let BAD_RULES: string;

beforeAll(async () => {
  temp = tempDir();
  // A database of the file's own, with no clinic: the commands share it, open.
  db = await openTestDatabase(temp.dir);
  BAD_RULES = join(temp.dir, 'bad-zone.json');
  const fixture = JSON.parse(readFileSync(FIXTURE_RULES, 'utf8'));
  writeFileSync(BAD_RULES, JSON.stringify({ ...fixture, timezone: 'Mars/Olympus' }));
}, 30_000);
afterAll(async () => {
  await db.close();
  temp.remove();
});

async function clinicCreate(...args: string[]) {
  const io = captured(NOW, db);
  const code = await runClinicCreate(args, io, {});
  return { code, out: io.out, err: io.err };
}

/** Whether the clinic exists, and whether it has rules, read back from the database. */
async function stored(id: string) {
  return {
    clinic: (await findClinic(db, id)) !== null,
    rules: (await findRulesVersion(db, id, 'current')) !== null,
  };
}

describe('clinic:create', () => {
  it('refuses a bad rules file before writing anything, then creates the clinic with good ones', async () => {
    expect(await clinicCreate('--id', 'riverside', '--name', 'Riverside', '--rules', BAD_RULES)).toEqual({
      code: 1,
      out: '',
      err: 'The rules do not validate (1 error; first: /timezone The document: the time zone "Mars/Olympus" is not an IANA time zone name such as "America/New_York".).\n',
    });
    expect(await stored('riverside')).toEqual({ clinic: false, rules: false });
    expect(await clinicCreate('--id', 'riverside', '--name', 'Riverside', '--rules', FIXTURE_RULES)).toEqual({
      code: 0,
      out: `Created clinic riverside with the rules of ${FIXTURE_RULES}: its API is /c/riverside/api, its admin page /c/riverside/admin/.\n`,
      err: '',
    });
    expect(await stored('riverside')).toEqual({ clinic: true, rules: true });
    expect(await clinicCreate('--id', 'riverside', '--name', 'Riverside', '--rules', FIXTURE_RULES)).toEqual({
      code: 0,
      out: 'Clinic riverside already exists; its rules are left as they are (the admin page changes them).\n',
      err: '',
    });
  }, 30_000);

  it('gives a clinic created without rules its first ones later', async () => {
    expect((await clinicCreate('--id', 'hillside', '--name', 'Hillside')).out).toBe(
      'Created clinic hillside: its API is /c/hillside/api, its admin page /c/hillside/admin/.\n',
    );
    expect(await stored('hillside')).toEqual({ clinic: true, rules: false });
    expect((await clinicCreate('--id', 'hillside', '--name', 'Hillside', '--rules', FIXTURE_RULES)).out).toBe(
      `Clinic hillside already exists; it had no rules, and now has those of ${FIXTURE_RULES}.\n`,
    );
    expect(await stored('hillside')).toEqual({ clinic: true, rules: true });
  }, 30_000);

  it('names what is missing or malformed in its arguments', async () => {
    expect(await clinicCreate('--id', 'lakeside')).toEqual({
      code: 1,
      out: '',
      err: 'Give --id and --name (and --rules FILE for its first rules).\n',
    });
    expect((await clinicCreate('--id', 'Lake Side', '--name', 'Lakeside')).err).toBe(
      'A clinic id is 1 to 63 lower-case letters, digits and hyphens: "Lake Side" is not.\n',
    );
    expect(
      (await clinicCreate('--id', 'lakeside', '--name', 'Lakeside', '--rules', '/nonexistent.json')).err,
    ).toBe(
      "The rules file /nonexistent.json could not be read: ENOENT: no such file or directory, open '/nonexistent.json'\n",
    );
    expect((await clinicCreate('--id', 'lakeside', '--name', 'L', '--colour', 'blue')).code).toBe(1);
    expect(await stored('lakeside')).toEqual({ clinic: false, rules: false });
  }, 30_000);
});
