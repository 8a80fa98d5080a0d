import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bookingRequest,
  fileDatabase,
  get,
  NOW,
  newClinic,
  post,
  startApi,
  tempDir,
  WED_9AM,
} from '../testing.ts';
import type { Database } from './database.ts';
import { importJsonStore } from './import-json.ts';

const hash = (token: string) => createHash('sha256').update(token).digest('base64url');
const TOKEN = 'FocfGooYpSYs9TFNgNrzhw0CJfOlRbA_OH-tBdBULR0';
const patient = bookingRequest().patient;

function legacyBooking(id: string, start: number, tokenHash: string) {
  return {
    id,
    tokenHash,
    appointmentTypeId: 'follow-up',
    providerId: 'dr-lee',
    start,
    end: start + 1_800_000,
    status: 'confirmed',
    mode: 'in-person',
    locationId: 'main',
    patient,
    createdAt: NOW - 1_000,
    updatedAt: NOW - 1_000,
  };
}

let temp: ReturnType<typeof tempDir>;
let db: Database;
let release: () => Promise<void>;
beforeAll(async () => {
  temp = tempDir();
  ({ db, release } = await fileDatabase());
}, 30_000);
afterAll(async () => {
  await release?.();
  temp.remove();
});

describe('importing the old JSON store', () => {
  it('brings every booking, its manage link and its idempotency record across, once', async () => {
    const clinicId = await newClinic(db);
    const file = join(temp.dir, 'bookings.json');
    const confirmation = { booking: { id: 'bk_old1' }, manageToken: TOKEN };
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        bookings: [
          legacyBooking('bk_old1', WED_9AM, hash(TOKEN)),
          // The old store's race let a second booking take the same seat: it is kept too.
          legacyBooking('bk_old2', WED_9AM, hash('another-token')),
        ],
        idempotency: [
          { key: 'old-key', fingerprint: 'print', status: 201, body: confirmation, at: NOW - 1_000 },
        ],
        savedRules: null,
        outbox: [{ kind: 'booked', bookingId: 'bk_old1', manageToken: TOKEN, at: NOW - 1_000 }],
      }),
    );
    const report = await importJsonStore(db, clinicId, file, NOW);
    expect(report).toEqual({
      bookings: 2,
      idempotency: 1,
      outbox: 1,
      rulesImported: false,
      overlapping: ['bk_old2'],
      movedTo: `${file}.imported-${NOW}`,
    });
    expect(existsSync(file)).toBe(false);
    expect(await importJsonStore(db, clinicId, file, NOW)).toBeNull();

    const api = await startApi(db, clinicId);
    try {
      const opened = await get(`${api.url}/bookings/${TOKEN}`);
      expect(opened.status).toBe(200);
      expect(opened.body.booking).toMatchObject({ id: 'bk_old1', start: WED_9AM, status: 'confirmed' });
      expect((await post(`${api.url}/bookings`, bookingRequest(), 'new-key')).status).toBe(409);
      // Nothing in the database holds the plaintext token any more.
      const rows = await db.query<{ body: string }>('SELECT body FROM idempotency WHERE clinic_id = $1', [
        clinicId,
      ]);
      expect(JSON.stringify(rows)).not.toContain(TOKEN);
      const outbox = await db.query('SELECT kind, booking_id FROM outbox WHERE clinic_id = $1', [clinicId]);
      expect(outbox).toEqual([{ kind: 'booked', booking_id: 'bk_old1' }]);
    } finally {
      await api.close();
    }
  });

  it('refuses to import into a clinic that already has bookings, and leaves the file', async () => {
    const clinicId = await newClinic(db);
    const api = await startApi(db, clinicId);
    await post(`${api.url}/bookings`, bookingRequest(), 'k');
    await api.close();
    const file = join(temp.dir, 'second.json');
    writeFileSync(
      file,
      JSON.stringify({ version: 1, bookings: [], idempotency: [], savedRules: null, outbox: [] }),
    );
    await expect(importJsonStore(db, clinicId, file, NOW)).rejects.toThrow(
      `The clinic "${clinicId}" already has bookings; ${file} was not imported.`,
    );
    expect(existsSync(file)).toBe(true);
  });
});
