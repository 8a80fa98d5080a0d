/**
 * Two real server processes on one PostgreSQL database, racing over real HTTP on loopback: the
 * booking step's per-provider advisory lock and the exclusion constraint hold across instances,
 * and so do idempotency keys. PostgreSQL only: PGlite is one process's database.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from '../test/support/server-process.ts';
import type { Database } from './store/database.ts';
import { bookingRequest, NOW, newClinic, openTestDatabase, post, tempDir, WED_9AM } from './testing.ts';

const GROUP_OF_THREE = resolve(import.meta.dirname, 'fixtures/group-of-three.json');
/** Wednesday 2 December 2026, 13:00 in New York: the group's first session. */
const WED_1PM = Date.parse('2026-12-02T18:00:00Z');

const url = process.env.TEST_DATABASE_URL;

describe.runIf(url)('two server instances on one PostgreSQL database', () => {
  const temp = tempDir();
  let db: Database;
  let instances: ServerProcess[] = [];

  beforeAll(async () => {
    db = await openTestDatabase(temp.dir);
    const env = { DATABASE_URL: url, SERVE_NOW: String(NOW), RATE_LIMIT_PER_CLINIC: '1000000' };
    instances = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop('SIGTERM')));
    await db?.close();
    temp.remove();
  });

  /** `count` requests at once, alternating between the two instances. */
  function spread(count: number, send: (origin: string, index: number) => ReturnType<typeof post>) {
    return Promise.all(
      Array.from({ length: count }, (_, index) => send(instances[index % 2]!.origin, index)),
    );
  }

  async function rows(clinicId: string) {
    return db.query<{ id: string }>("SELECT id FROM bookings WHERE clinic_id = $1 AND status = 'confirmed'", [
      clinicId,
    ]);
  }

  it('gives the last seat to exactly one of 200 requests spread over both: the rest get 409 SLOT_TAKEN', async () => {
    const clinicId = await newClinic(db);
    const answers = await spread(200, (origin, index) =>
      post(`${origin}/c/${clinicId}/api/bookings`, bookingRequest(), `last-seat-${index}`),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(199);
    for (const refused of answers.filter((answer) => answer.status === 409)) {
      expect(refused.body).toMatchObject({
        code: 'SLOT_TAKEN',
        message: 'That time is no longer available.',
      });
    }
    const winner = answers.find((answer) => answer.status === 201)!;
    expect(winner.body.booking.start).toBe(WED_9AM);
    expect((await rows(clinicId)).map((row) => row.id)).toEqual([winner.body.booking.id]);
  });

  it('admits exactly 3 of 120 requests for a group visit of capacity 3', async () => {
    const clinicId = await newClinic(db, GROUP_OF_THREE);
    const request = bookingRequest({ appointmentTypeId: 'group', providerId: 'dr-park', start: WED_1PM });
    const answers = await spread(120, (origin, index) =>
      post(`${origin}/c/${clinicId}/api/bookings`, request, `group-${index}`),
    );
    const admitted = answers.filter((answer) => answer.status === 201);
    expect(admitted).toHaveLength(3);
    const refused = answers.filter((answer) => answer.status !== 201);
    expect(refused).toHaveLength(117);
    for (const answer of refused) expect(answer.status === 409 && answer.body.code).toBe('SLOT_TAKEN');
    expect((await rows(clinicId)).map((row) => row.id).sort()).toEqual(
      admitted.map((answer) => answer.body.booking.id).sort(),
    );
  });

  it('books once for one idempotency key sent 50 times over both instances, with identical answers', async () => {
    const clinicId = await newClinic(db);
    const answers = await spread(50, (origin) =>
      post(`${origin}/c/${clinicId}/api/bookings`, bookingRequest(), 'one-key-for-all'),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(201));
    const first = answers[0]!.body;
    for (const answer of answers) expect(answer.body).toEqual(first);
    expect(answers.filter((answer) => answer.headers.get('Idempotent-Replayed') === 'true')).toHaveLength(49);
    expect((await rows(clinicId)).map((row) => row.id)).toEqual([first.booking.id]);
  });
});
