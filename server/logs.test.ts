/**
 * The server's log of a whole booking flow (book, open, reschedule, cancel, a failed and a good
 * sign-in, a booking refused for its intake answers) holds request ids, routes and durations for operators, and none of the patient's
 * details or intake answers, manage tokens, idempotency keys, passwords or session secrets.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createStaffMember } from './routes/staff.ts';
import {
  bookingRequest,
  FIXTURE_RULES,
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
    // The follow-up type asks for the insurer and member number (intake questions).
    const fixture = JSON.parse(readFileSync(FIXTURE_RULES, 'utf8'));
    const questions = [
      { id: 'insurer', kind: 'text', label: 'Insurance company', required: true },
      { id: 'member-number', kind: 'text', label: 'Member number', required: true },
    ];
    const rulesFile = join(temp.dir, 'rules-with-questions.json');
    writeFileSync(
      rulesFile,
      JSON.stringify({
        ...fixture,
        version: 2,
        requires: ['intake-questions'],
        appointmentTypes: fixture.appointmentTypes.map((type: { id: string }) =>
          type.id === 'follow-up' ? { ...type, questions } : type,
        ),
      }),
    );
    const api = await startApi(db, await newClinic(db, rulesFile), undefined, {
      logger: { level: 'info', stream },
    });
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
      const answers = { insurer: 'Wombatcare Mutual', 'member-number': 'WQ-5531907' };
      const keys = ['idem-book-9f2c71d0', 'idem-move-4be0aa13', 'idem-cancel-77d1e5c2'];
      const refused = await post(
        `${api.url}/bookings`,
        bookingRequest({
          patient,
          answers: { ...answers, insurer: 'Okapi Benefit Trust', extra: 'Narwhal' },
        }),
        'idem-refused-3c9a',
      );
      expect(refused.status).toBe(422);
      const booked = await post(`${api.url}/bookings`, bookingRequest({ patient, answers }), keys[0]!);
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
      // The front desk moves a second booking of the patient's for them.
      const second = await post(
        `${api.url}/bookings`,
        bookingRequest({ patient, answers, start: WED_9AM + 3_600_000 }),
        'idem-book-second-5e1d',
      );
      expect(second.status).toBe(201);
      const staffHeaders = {
        Cookie: (signedIn.headers.get('set-cookie') ?? '').split(';')[0]!,
        'X-CSRF-Token': signedIn.body.csrfToken as string,
      };
      const staffMove = await post(
        `${api.url}/staff/bookings/${second.body.booking.id}/move`,
        { providerId: 'dr-lee', start: WED_9AM + 5_400_000 },
        null,
        staffHeaders,
      );
      expect(staffMove.status).toBe(200);
      secrets.push(
        ...Object.values(patient).filter((value): value is string => typeof value === 'string'),
        ...Object.values(answers),
        'Okapi Benefit Trust',
        'Narwhal',
        patient.phone.replace(/\D/g, ''),
        token,
        second.body.manageToken as string,
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
    expect(log).toContain('"booking moved by staff"');
    const found = secrets.filter(
      (secret) => log.includes(secret) || log.includes(encodeURIComponent(secret)),
    );
    expect(found).toEqual([]);
    // Parts of the name and birth date on their own too. The digits are looked for as a value of
    // their own, not inside the log's random ids and instants (a request id such as
    // 76196117-… holds "1961" by chance): with the request ids taken out, and not beside another
    // letter, digit or point.
    const withoutIds = log.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'ID');
    for (const piece of ['Zebulon', 'Quixote', 'Marchetti', 'xylophone', 'Wombat', 'Okapi'])
      expect(log).not.toContain(piece);
    for (const digits of ['1961', '867 5309', '5531907'])
      expect(withoutIds).not.toMatch(new RegExp(`(?<![\\w.])${digits}(?![\\w.])`));
  }, 60_000);
});
