/**
 * `kill -9` of a real server process while bookings stream in, then a restart on the same
 * database: every booking that was answered 201 is in the table, and the database opens cleanly.
 * On PGlite (its data folder) in the `node` project, on PostgreSQL in `server-postgres`.
 */
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, describe, expect, it } from 'vitest';
import { type ServerProcess, startServerProcess } from '../test/support/server-process.ts';
import { openDatabase } from './store/database.ts';
import { migrate } from './store/migrate.ts';
import { bookingRequest, FIXTURE_RULES, NOW, TEST_DATABASE, tempDir } from './testing.ts';

const ZONE = 'America/New_York';
const ROUNDS = 3;
/** Bookings acknowledged before each kill; more are in flight when it lands. */
const ACKNOWLEDGED_PER_ROUND = 10;
const CLIENTS = 6;

/** Dr. Lee's follow-up slots (weekdays 09:00 to 11:30 in New York) from Wednesday 2 December 2026. */
function followUpSlots(): number[] {
  const slots: number[] = [];
  let day = DateTime.fromISO('2026-12-02', { zone: ZONE });
  for (let index = 0; index < 50; index++, day = day.plus({ days: 1 })) {
    if (day.weekday > 5) continue;
    for (let minutes = 9 * 60; minutes < 12 * 60; minutes += 30) {
      slots.push(day.set({ hour: 0, minute: 0 }).plus({ minutes }).toMillis());
    }
  }
  return slots;
}

describe(`kill -9 under load on ${TEST_DATABASE}`, () => {
  const temp = tempDir();
  afterAll(() => temp.remove());
  // One clinic per run: the PostgreSQL test database is shared by every file of the project.
  const clinic = `crash-${process.pid}-${Date.now().toString(36)}`;
  const env = {
    DATABASE_URL: process.env.TEST_DATABASE_URL,
    DATA_DIR: join(temp.dir, 'pglite'),
    DEFAULT_CLINIC: clinic,
    RULES_FILE: FIXTURE_RULES,
    SERVE_NOW: String(NOW),
    RATE_LIMIT_PER_CLINIC: '1000000',
  };
  const slots = followUpSlots();
  let next = 0;
  const acknowledged = new Map<string, string>();
  /** Requests cut off by a kill: proof that the kills landed while bookings were in flight. */
  let interrupted = 0;

  /** Books distinct slots with `CLIENTS` clients until `ACKNOWLEDGED_PER_ROUND` more are answered 201, then kills. */
  async function streamAndKill(server: ServerProcess): Promise<void> {
    const target = acknowledged.size + ACKNOWLEDGED_PER_ROUND;
    let killed = false;
    const client = async () => {
      while (!killed && next < slots.length) {
        const start = slots[next++]!;
        try {
          const answer = await post(`${server.origin}/api/bookings`, start);
          if (answer.status === 201) acknowledged.set(answer.body.booking.id, answer.body.manageToken);
          else throw new Error(`booking ${start} answered ${answer.status}: ${answer.text}`);
        } catch (error) {
          if (!killed) throw error;
          interrupted++;
        }
        if (!killed && acknowledged.size >= target) {
          killed = true;
          server.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    await server.exited;
    expect(killed).toBe(true);
  }

  async function post(url: string, start: number) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `crash-${start}` },
      body: JSON.stringify(bookingRequest({ start })),
    });
    const text = await response.text();
    return { status: response.status, text, body: JSON.parse(text) };
  }

  it(`loses none of the bookings answered 201 over ${ROUNDS} kills, and opens cleanly after each`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const server = await startServerProcess(env);
      const ready = await fetch(`${server.origin}/readyz`);
      expect(ready.status).toBe(200);
      await streamAndKill(server);
    }
    expect(acknowledged.size).toBeGreaterThanOrEqual(ROUNDS * ACKNOWLEDGED_PER_ROUND);
    expect(interrupted).toBeGreaterThan(0);

    // Straight from the table, with the server down.
    const db = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATA_DIR });
    try {
      expect(await migrate(db)).toEqual([]);
      const rows = await db.query<{ id: string }>(
        "SELECT id FROM bookings WHERE clinic_id = $1 AND status = 'confirmed'",
        [clinic],
      );
      const stored = new Set(rows.map((row) => row.id));
      expect([...acknowledged.keys()].filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      await db.close();
    }

    // And through a restarted server: every manage token still opens its booking.
    const server = await startServerProcess(env);
    try {
      for (const [id, token] of acknowledged) {
        const answer = await fetch(`${server.origin}/api/bookings/${token}`);
        expect(answer.status).toBe(200);
        expect(((await answer.json()) as { booking: { id: string } }).booking.id).toBe(id);
      }
    } finally {
      await server.stop('SIGTERM');
    }
  }, 120_000);
});
