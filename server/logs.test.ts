/**
 * The server's log of a whole booking flow (book, open, reschedule, cancel, a failed and a good
 * sign-in) holds request ids, routes and durations for operators, and none of the patient's
 * details, manage tokens, idempotency keys, passwords or session secrets.
 */
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createStaffMember } from './routes/staff.ts';
import {
  bookingRequest,
  get,
  newClinic,
  openTestDatabase,
  post,
  startApi,
  tempDir,
  WED_9AM,
} from './testing.ts';

describe('the server log of a booking flow', () => {
  const temp = tempDir();
  afterAll(() => temp.remove());

  it('names requests and routes, and holds no patient data, token, key or password', async () => {
    let log = '';
    const stream = new Writable({
      write(chunk, _encoding, done) {
        log += String(chunk);
        done();
      },
    });
    const db = await openTestDatabase(temp.dir);
    const api = await startApi(db, await newClinic(db), undefined, { logger: { level: 'info', stream } });
    const secrets: string[] = [];
    try {
      const patient = {
        name: 'Zebulon Quixote-Marchetti',
        dateOfBirth: '1961-07-23',
        email: 'zebulon.q@patients.example',
        phone: '+1 555 867 5309',
        patientStatus: 'existing' as const,
        reason: 'Persistent xylophone-shaped rash',
        consent: true,
      };
      const keys = ['idem-book-9f2c71d0', 'idem-move-4be0aa13', 'idem-cancel-77d1e5c2'];
      const booked = await post(`${api.url}/bookings`, bookingRequest({ patient }), keys[0]!);
      expect(booked.status).toBe(201);
      const token = booked.body.manageToken as string;
      expect((await get(`${api.url}/bookings/${token}`)).status).toBe(200);
      const moved = await post(
        `${api.url}/bookings/${token}/reschedule`,
        { providerId: 'dr-lee', start: WED_9AM + 1_800_000 },
        keys[1]!,
      );
      expect(moved.status).toBe(200);
      expect((await post(`${api.url}/bookings/${token}/cancel`, {}, keys[2]!)).status).toBe(200);
      expect((await get(`${api.url}/bookings/not-a-real-token-0123456789`)).status).toBe(404);

      const staff = { email: 'reception.desk@clinic.example', password: 'tangerine submarine 42' };
      await createStaffMember(db, api.clinicId, { ...staff, role: 'admin' }, api.clock.now);
      const wrong = await post(`${api.url}/staff/session`, { ...staff, password: 'wrong password 99' }, null);
      expect(wrong.status).toBe(401);
      const signedIn = await post(`${api.url}/staff/session`, staff, null);
      expect(signedIn.status).toBe(200);
      const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0]!.split('=')[1]!;
      secrets.push(
        ...Object.values(patient).filter((value): value is string => typeof value === 'string'),
        patient.phone.replace(/\D/g, ''),
        token,
        ...keys,
        staff.email,
        staff.password,
        'wrong password 99',
        cookie,
        signedIn.body.csrfToken as string,
      );
    } finally {
      await api.close();
      await db.close();
    }

    const lines = log.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(14);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(log).toContain('"reqId"');
    expect(log).toContain('"responseTime"');
    expect(log).toContain('/api/bookings/:token/reschedule"');
    const found = secrets.filter(
      (secret) => log.includes(secret) || log.includes(encodeURIComponent(secret)),
    );
    expect(found).toEqual([]);
    // Parts of the name and birth date on their own too.
    for (const piece of ['Zebulon', 'Quixote', 'Marchetti', '1961', '867 5309', 'xylophone'])
      expect(log).not.toContain(piece);
  }, 60_000);
});
