/**
 * A server with reminders on writes, as it starts, the reminders of the bookings made before they
 * were on. It does so for every clinic of its database, so this file has a PGlite folder of its
 * own (the `server-postgres` project, whose files share one database, leaves it out; the writing
 * itself is tested on both in reminders.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database } from '../store/database.ts';
import { ms } from '../store/time.ts';
import { bookingRequest, newClinic, openTestDatabase, post, startApi, tempDir, WED_9AM } from '../testing.ts';

const LEAD = 24 * 3_600_000;
let temp: ReturnType<typeof tempDir>;
let db: Database;
beforeAll(async () => {
  temp = tempDir();
  db = await openTestDatabase(temp.dir);
}, 30_000);
afterAll(async () => {
  await db.close();
  temp.remove();
});

describe('reminders of earlier bookings at start', () => {
  it('are written when a server with reminders starts, for every clinic', async () => {
    const clinics = [await newClinic(db), await newClinic(db)];
    for (const clinicId of clinics) {
      const plain = await startApi(db, clinicId);
      expect((await post(`${plain.url}/bookings`, bookingRequest(), `book-${clinicId}`)).status).toBe(201);
      await plain.messagesSent();
      await plain.close();
    }
    const reminding = await startApi(db, clinics[0]!, undefined, {
      outbox: { reminderLeadMs: LEAD, remindEarlierBookings: true },
    });
    try {
      await vi.waitFor(
        async () => {
          const rows = await db.query<{ clinicId: string; due: number }>(
            `SELECT clinic_id AS "clinicId", ${ms('next_attempt_at')} AS due FROM outbox WHERE kind = 'reminder' ORDER BY clinic_id`,
          );
          expect(rows).toEqual(clinics.sort().map((clinicId) => ({ clinicId, due: WED_9AM - LEAD })));
        },
        { timeout: 10_000 },
      );
    } finally {
      await reminding.close();
    }
  }, 30_000);
});
