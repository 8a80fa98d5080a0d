import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffMember } from '../routes/staff.ts';
import { openDatabase } from '../store/database.ts';
import { FIXTURE_RULES, NOW, openTestDatabase, TEST_PASSWORD, tempDir, WED_9AM } from '../testing.ts';
import { runClinicCreate } from './clinic-create.ts';
import { runClinicList } from './clinic-list.ts';
import { captured } from './test-fixtures.ts';

let temp: ReturnType<typeof tempDir>;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  temp = tempDir();
  await (await openTestDatabase(temp.dir)).close();
  env = { DATA_DIR: join(temp.dir, 'pglite') };
}, 30_000);
afterAll(() => temp.remove());

describe('clinic:list', () => {
  it('lists each clinic with where its API and admin page are, its accounts, rules and upcoming bookings', async () => {
    // This one command opens the folder the environment names, as the npm script does; the others
    // share one open database.
    const empty = captured(NOW);
    expect(await runClinicList([], empty, env)).toBe(0);
    expect(empty.out).toBe('No clinics yet: the server creates the default one at its first start.\n');
    const db = await openDatabase({ dataDir: env.DATA_DIR });
    try {
      for (const [id, rules] of [
        ['default', FIXTURE_RULES],
        ['riverside', FIXTURE_RULES],
        ['hillside', null],
      ] as const) {
        const args = ['--id', id, '--name', `${id[0]!.toUpperCase()}${id.slice(1)} Clinic`];
        expect(await runClinicCreate(rules ? [...args, '--rules', rules] : args, captured(NOW, db), {})).toBe(
          0,
        );
      }
      for (const [email, role] of [
        ['ana@riverside.example', 'admin'],
        ['ben@riverside.example', 'staff'],
        ['cy@riverside.example', 'staff'],
      ] as const) {
        await createStaffMember(db, 'riverside', { email, password: TEST_PASSWORD, role }, NOW);
      }
      // One booking ahead, one cancelled, one past.
      await db.query(
        `INSERT INTO bookings (clinic_id, id, token_hash, appointment_type_id, provider_id, start_at, end_at,
           group_seat, status, mode, patient, rules_version, created_at, updated_at)
         SELECT 'riverside', 'bk_' || i, 'riverside/' || i, 'follow-up', 'dr-lee', to_timestamp(s / 1000.0),
           to_timestamp(s / 1000.0) + interval '30 minutes', false, st, 'in-person', '{}'::jsonb, 1, now(), now()
         FROM unnest($1::float8[], $2::text[]) WITH ORDINALITY AS t(s, st, i)`,
        [
          [WED_9AM, WED_9AM + 3_600_000, NOW - 86_400_000],
          ['confirmed', 'cancelled', 'confirmed'],
        ],
      );

      const listed = captured(NOW, db);
      expect(await runClinicList([], listed, {})).toBe(0);
      expect(listed.out.split('\n')).toEqual([
        'default\tDefault Clinic\t/api\t/admin/\t0 admins, 0 staff members\trules version 1\t0 upcoming bookings',
        'hillside\tHillside Clinic\t/c/hillside/api\t/c/hillside/admin/\t0 admins, 0 staff members\tno rules yet\t0 upcoming bookings',
        'riverside\tRiverside Clinic\t/c/riverside/api\t/c/riverside/admin/\t1 admin, 2 staff members\trules version 1\t1 upcoming booking',
        '',
      ]);
    } finally {
      await db.close();
    }
  }, 30_000);

  it('takes no arguments', async () => {
    const io = captured(NOW);
    expect(await runClinicList(['--id', 'riverside'], io, env)).toBe(1);
    expect(io.err).toBe(
      'clinic:list takes no arguments; the database comes from the environment (DATABASE_URL, DATA_DIR).\n',
    );
  });
});
