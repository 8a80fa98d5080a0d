import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffMember } from '../routes/staff.ts';
import { seedRules } from '../rules/seed.ts';
import { createClinic, findClinic } from '../store/clinics.ts';
import type { Database } from '../store/database.ts';
import { FIXTURE_RULES, NOW, openTestDatabase, TEST_PASSWORD, tempDir } from '../testing.ts';
import { runClinicRemove } from './clinic-remove.ts';
import { captured } from './test-fixtures.ts';

let temp: ReturnType<typeof tempDir>;
let db: Database;

beforeAll(async () => {
  temp = tempDir();
  // A database of the file's own with two clinics besides the default.
  db = await openTestDatabase(temp.dir);
  for (const id of ['default', 'riverside', 'lakeside']) {
    await createClinic(db, id, id, NOW);
    await seedRules(db, id, FIXTURE_RULES, NOW);
  }
  await createStaffMember(
    db,
    'riverside',
    { email: 'admin@riverside.example', password: TEST_PASSWORD, role: 'admin' },
    NOW,
  );
}, 30_000);
afterAll(async () => {
  await db.close();
  temp.remove();
});

async function clinicRemove(...args: string[]) {
  const io = captured(NOW, db);
  const code = await runClinicRemove(args, io, {});
  return { code, out: io.out, err: io.err };
}

async function clinics(): Promise<string[]> {
  const ids = [];
  for (const id of ['default', 'riverside', 'lakeside']) if (await findClinic(db, id)) ids.push(id);
  return ids;
}

describe('clinic:remove', () => {
  it('removes nothing without the id repeated in --confirm, nor the default clinic, nor an unknown one', async () => {
    expect(await clinicRemove('--id', 'riverside')).toEqual({
      code: 1,
      out: '',
      err: "Removing clinic riverside removes its bookings with their patients' details, its staff accounts and its rules history; give --confirm riverside to go ahead.\n",
    });
    expect((await clinicRemove('--id', 'riverside', '--confirm', 'lakeside')).code).toBe(1);
    expect(await clinicRemove('--id', 'default', '--confirm', 'default')).toEqual({
      code: 1,
      out: '',
      err: "default is the server's default clinic (DEFAULT_CLINIC), which every start creates again; it is not removed.\n",
    });
    expect(await clinicRemove('--id', 'hillside', '--confirm', 'hillside')).toEqual({
      code: 1,
      out: '',
      err: 'There is no clinic hillside (npm run clinic:list lists them).\n',
    });
    expect((await clinicRemove('--confirm', 'riverside')).err).toBe(
      'Give --id CLINIC and --confirm CLINIC (the same id again).\n',
    );
    expect((await clinicRemove('--id', 'River Side', '--confirm', 'River Side')).err).toBe(
      'A clinic id is 1 to 63 lower-case letters, digits and hyphens: "River Side" is not.\n',
    );
    expect(await clinics()).toEqual(['default', 'riverside', 'lakeside']);
  }, 30_000);

  it('removes the clinic named in both --id and --confirm, and says what went with it', async () => {
    expect(await clinicRemove('--id', 'riverside', '--confirm', 'riverside')).toEqual({
      code: 0,
      out:
        'Removed clinic riverside: 0 bookings, 1 staff account (0 sessions), 1 rules version, 0 messages waiting or sent, ' +
        '0 earlier-time offers, 0 idempotency records. Running servers answer 404 for it within a minute (503 RULES_UNAVAILABLE until then).\n',
      err: '',
    });
    expect(await clinics()).toEqual(['default', 'lakeside']);
  }, 30_000);
});
