import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from './store/database.ts';
import {
  bookingRequest,
  newClinic,
  openTestDatabase,
  post,
  type RunningApi,
  startApi,
  TEST_DATABASE,
  tempDir,
} from './testing.ts';

const TIMEOUT_MS = 300;
const temp = tempDir();
let db: Database;
let api: RunningApi;

beforeAll(async () => {
  db = await openTestDatabase(temp.dir, { statementTimeoutMs: TIMEOUT_MS });
  api = await startApi(db, await newClinic(db));
}, 30_000);
afterAll(async () => {
  await api?.close();
  await db?.close();
  temp.remove();
});

/**
 * Holds the booking's provider in a transaction until `release` is called. On PostgreSQL the
 * booking then waits for the provider's lock; on PGlite, for the one connection.
 */
function holdProvider(providerId: string) {
  let release: () => void = () => undefined;
  const released = new Promise<void>((done) => (release = done));
  const held = db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtextextended('provider/' || $1 || '/' || $2, 0))", [
      api.clinicId,
      providerId,
    ]);
    await released;
  });
  return { release, held };
}

describe(`a booking that waits longer than the database timeout (${TEST_DATABASE})`, () => {
  it('answers 503 DATABASE_TIMEOUT, writes nothing, and the same key books once the database is free', async () => {
    const request = bookingRequest();
    const holder = holdProvider(request.providerId);
    const answer = post(`${api.url}/bookings`, request, 'waited-too-long');
    // Longer than the timeout: PostgreSQL gives up on the lock meanwhile; PGlite refuses the
    // booking when its turn comes, once the holder lets go.
    await new Promise((done) => setTimeout(done, 2 * TIMEOUT_MS));
    holder.release();
    await holder.held;
    const refused = await answer;
    expect(refused.status).toBe(503);
    expect(refused.headers.get('Retry-After')).toBe('2');
    expect(refused.body).toEqual({
      code: 'DATABASE_TIMEOUT',
      message: 'The booking service is busy; please try again in a moment.',
    });
    const stored = (table: string) =>
      db.query(`SELECT 1 FROM ${table} WHERE clinic_id = $1`, [api.clinicId]).then((rows) => rows.length);
    expect([await stored('bookings'), await stored('idempotency'), await stored('outbox')]).toEqual([
      0, 0, 0,
    ]);
    const retried = await post(`${api.url}/bookings`, request, 'waited-too-long');
    expect(retried.status).toBe(201);
    expect(retried.headers.get('Idempotent-Replayed')).toBeNull();
  });
});
