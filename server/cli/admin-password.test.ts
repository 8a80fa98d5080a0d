import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPassword } from '../auth/passwords.ts';
import { startSession } from '../auth/sessions.ts';
import { createStaffMember } from '../routes/staff.ts';
import { createClinic } from '../store/clinics.ts';
import type { Database } from '../store/database.ts';
import { findStaffForLogin } from '../store/staff.ts';
import { NOW, openTestDatabase, TEST_PASSWORD, tempDir } from '../testing.ts';
import { runAdminPassword } from './admin-password.ts';
import { captured } from './test-fixtures.ts';

const NEW_PASSWORD = 'a password for the morning after';
let temp: ReturnType<typeof tempDir>;
let db: Database;

beforeAll(async () => {
  temp = tempDir();
  // A database of the file's own with the riverside clinic's administrator signed in.
  db = await openTestDatabase(temp.dir);
  await createClinic(db, 'riverside', 'Riverside', NOW);
  const admin = await createStaffMember(
    db,
    'riverside',
    { email: 'ana@riverside.example', password: TEST_PASSWORD, role: 'admin' },
    NOW,
  );
  await startSession(db, admin, NOW);
}, 30_000);
afterAll(async () => {
  await db.close();
  temp.remove();
});

async function adminPassword(password: string, ...args: string[]) {
  const io = captured(NOW, db);
  const code = await runAdminPassword(args, io, {}, async () => password);
  return { code, out: io.out, err: io.err };
}

/** Whether `password` is the account's now, and how many sessions it has. */
async function account(password: string) {
  const found = await findStaffForLogin(db, 'riverside', 'ana@riverside.example');
  const [sessions] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM sessions WHERE staff_id = $1',
    [found!.id],
  );
  return { matches: await checkPassword(found!.passwordHash, password), sessions: sessions?.n };
}

describe('admin:password', () => {
  it('leaves the password as it was for an unknown account or a short password', async () => {
    expect(await adminPassword(NEW_PASSWORD, '--email', 'ana@riverside.example')).toEqual({
      code: 1,
      out: '',
      err: 'Clinic default has no staff account ana@riverside.example (npm run admin:create adds one).\n',
    });
    expect(await adminPassword('short', '--email', 'ana@riverside.example', '--clinic', 'riverside')).toEqual(
      {
        code: 1,
        out: '',
        err: 'A password has at least 12 characters. The password is unchanged.\n',
      },
    );
    expect((await adminPassword(NEW_PASSWORD)).err).toBe(
      "Give the account's email: npm run admin:password -- --email ana@clinic.example\n",
    );
    expect(await account(TEST_PASSWORD)).toEqual({ matches: true, sessions: 1 });
  }, 30_000);

  it('sets the password of the account it names (its email in any case) and ends its sessions', async () => {
    expect(
      await adminPassword(NEW_PASSWORD, '--email', 'ANA@riverside.example', '--clinic', 'riverside'),
    ).toEqual({
      code: 0,
      out: 'Set a new password for admin ana@riverside.example of clinic riverside; their sessions have ended.\n',
      err: '',
    });
    expect(await account(NEW_PASSWORD)).toEqual({ matches: true, sessions: 0 });
    expect((await account(TEST_PASSWORD)).matches).toBe(false);
  }, 30_000);
});
