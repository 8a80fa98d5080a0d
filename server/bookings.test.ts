import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import type { BookingRequest } from '../src/api/types.ts';
import { MAX_BOOKING_BYTES } from './routes/bookings.ts';
import { bookingRequest, get, post, useTempApi, WED_9AM } from './testing.ts';

const MINUTE = 60_000;

const ctx = useTempApi();

function book(key: string, overrides = {}) {
  return post(`${ctx.api.url}/bookings`, bookingRequest(overrides), key);
}

/** A booking request's overrides with these patient details changed. */
function withPatient(patient: Partial<BookingRequest['patient']>, overrides = {}) {
  return { ...overrides, patient: { ...bookingRequest().patient, ...patient } };
}

/** The 422 answer to a request with exactly one field refused. */
function oneFieldRefused(field: string, code: string) {
  return { code: 'VALIDATION', message: '1 field was not accepted.', fieldErrors: { [field]: code } };
}

describe('POST /bookings', () => {
  it('books a free slot: 201 with the booking and an unguessable manage token', async () => {
    const answer = await book('key-1');
    expect(answer.status).toBe(201);
    expect(answer.body.booking).toEqual({
      id: expect.stringMatching(/^bk_[\w-]{16}$/),
      appointmentTypeId: 'follow-up',
      providerId: 'dr-lee',
      start: WED_9AM,
      end: WED_9AM + 30 * MINUTE,
      status: 'confirmed',
      mode: 'in-person',
      locationId: 'main',
    });
    expect(answer.body.manageToken).toMatch(/^[\w-]{43}$/);
    expect(answer.text).not.toContain('Maria');
    expect(answer.text).not.toContain('maria@example.com');
  });

  it('gives a video visit no location', async () => {
    const answer = await book('key-video', { appointmentTypeId: 'video', start: WED_9AM });
    expect(answer.status).toBe(201);
    expect(answer.body.booking.mode).toBe('video');
    expect(answer.body.booking.end).toBe(WED_9AM + 20 * MINUTE);
    expect('locationId' in answer.body.booking).toBe(false);
  });

  it('answers a retry with the same key and body with the first answer, booking once', async () => {
    const first = await book('retry-key');
    const second = await book('retry-key');
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('Idempotent-Replayed')).toBe('true');
    const stored = await ctx.db.query('SELECT id FROM bookings WHERE clinic_id = $1', [ctx.api.clinicId]);
    expect(stored).toHaveLength(1);
  });

  it('books once when the same request arrives twice at the same moment with one key', async () => {
    const answers = await Promise.all([book('double-click'), book('double-click')]);
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    expect(answers[0]?.body.booking.id).toBe(answers[1]?.body.booking.id);
  });

  it('refuses the same key with a different body', async () => {
    await book('reused');
    const answer = await book('reused', { start: WED_9AM + 30 * MINUTE });
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({
      code: 'IDEMPOTENCY_KEY_REUSED',
      message:
        'This Idempotency-Key was already used for a different request; use a new key for a new action.',
    });
  });

  it('lets a key that was refused carry a corrected request', async () => {
    await book('taken-first');
    const refused = await book('second-patient');
    expect(refused.status).toBe(409);
    const corrected = await book('second-patient', { start: WED_9AM + 30 * MINUTE });
    expect(corrected.status).toBe(201);
  });

  it('requires an Idempotency-Key', async () => {
    const answer = await post(`${ctx.api.url}/bookings`, bookingRequest(), null);
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('BAD_REQUEST');
  });

  it('answers 409 SLOT_TAKEN for a time booked by someone else', async () => {
    await book('first');
    const answer = await book('second');
    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({
      code: 'SLOT_TAKEN',
      message: 'That time is no longer available.',
      reason: 'BUSY',
    });
  });

  it('gives the last seat to exactly one of two simultaneous requests', async () => {
    const answers = await Promise.all([book('patient-a'), book('patient-b')]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
  });

  it('fills a group slot to its capacity and no further, even all at once', async () => {
    const groupStart = Date.parse('2026-12-02T18:00:00Z'); // Wednesday 13:00 in New York, Dr. Park
    const request = { appointmentTypeId: 'group', providerId: 'dr-park', start: groupStart };
    const answers = await Promise.all(['g1', 'g2', 'g3'].map((key) => book(key, request)));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 409]);
    expect(answers.find((a) => a.status === 409)?.body.reason).toBe('FULL');
  });

  it('counts a booking that already ended today against the daily cap', async () => {
    expect((await book('first-physical', { appointmentTypeId: 'physical' })).status).toBe(201);
    ctx.api.clock.now = WED_9AM + 60 * MINUTE; // the first physical is over
    const second = await book('second-physical', {
      appointmentTypeId: 'physical',
      start: WED_9AM + 120 * MINUTE,
    });
    expect(second.status).toBe(409);
    expect(second.body.reason).toBe('DAY_FULL');
  });

  it('answers 409 for a forged start between slots and for a time already past the notice', async () => {
    const offGrid = await book('forged', { start: WED_9AM + 10 * MINUTE });
    expect(offGrid.status).toBe(409);
    expect(offGrid.body.reason).toBe('NOT_ON_SCHEDULE');
    ctx.api.clock.now = WED_9AM - 30 * MINUTE; // inside the 60-minute notice
    const stale = await book('stale');
    expect(stale.status).toBe(409);
    expect(stale.body.reason).toBe('TOO_SOON');
  });

  it('answers 422 with a code per field, without echoing what was sent', async () => {
    const answer = await post(
      `${ctx.api.url}/bookings`,
      {
        appointmentTypeId: '',
        providerId: 'dr-lee',
        start: '2026-12-02T14:00:00Z',
        patient: {
          name: '  ',
          dateOfBirth: '2031-01-01',
          email: 'not-an-email',
          phone: 'call me',
          patientStatus: 'maybe',
          reason: 'x'.repeat(1001),
          consent: false,
        },
      },
      'bad-fields',
    );
    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({
      code: 'VALIDATION',
      message: '9 fields were not accepted.',
      fieldErrors: {
        appointmentTypeId: 'REQUIRED',
        start: 'INVALID',
        name: 'REQUIRED',
        dateOfBirth: 'IN_FUTURE',
        email: 'INVALID',
        phone: 'INVALID',
        patientStatus: 'INVALID',
        reason: 'TOO_LONG',
        consent: 'REQUIRED',
      },
    });
    expect(answer.text).not.toContain('not-an-email');
  });

  it('refuses a date of birth that does not exist or lies more than 130 years back, as the form does', async () => {
    // The clock is 1 December 2026: 1896 is the oldest birth year accepted.
    for (const dateOfBirth of ['2024-02-30', '1985-4-23', '1895-12-31']) {
      const answer = await book(`dob-${dateOfBirth}`, withPatient({ dateOfBirth }));
      expect(answer.body).toEqual(oneFieldRefused('dateOfBirth', 'INVALID'));
    }
    expect((await book('dob-oldest', withPatient({ dateOfBirth: '1896-01-01' }))).status).toBe(201);
    const leapDay = await book(
      'dob-leap',
      withPatient({ dateOfBirth: '2024-02-29' }, { start: WED_9AM + 30 * MINUTE }),
    );
    expect(leapDay.status).toBe(201);
  });

  it('refuses control characters and bidi overrides in names, and a start decades away, as INVALID', async () => {
    for (const name of ['Maria\r\nBcc: x@example.com', 'Maria\u0000', 'Maria \u202egnissim', 'Maria\u0085']) {
      const answer = await book(
        `ctl-${name.length}-${name.charCodeAt(name.length - 1)}`,
        withPatient({ name }),
      );
      expect(answer.body).toEqual(oneFieldRefused('name', 'INVALID'));
    }
    const reason = await book('ctl-reason', withPatient({ reason: 'Line one\nline two' }));
    expect(reason.status).toBe(201);
    const far = await book('far', { start: -8_640_000_000_000_000 });
    expect(far.body).toEqual(oneFieldRefused('start', 'INVALID'));
  });

  it('refuses unknown fields and a body without a Content-Type, naming them', async () => {
    const extra = await post(`${ctx.api.url}/bookings`, { ...bookingRequest(), slotId: 7 }, 'extra');
    expect(extra.status).toBe(422);
    expect(extra.body).toEqual(oneFieldRefused('slotId', 'UNKNOWN'));
    const untyped = await fetch(`${ctx.api.url}/bookings`, {
      method: 'POST',
      headers: { 'Idempotency-Key': 'untyped', 'Content-Type': '' },
      body: JSON.stringify(bookingRequest()),
    });
    expect(untyped.status).toBe(415);
    expect(await untyped.json()).toEqual({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'Send the body as application/json.',
    });
  });

  it('answers 422 for an unknown type, a provider who does not offer it, and the wrong kind of patient', async () => {
    const unknown = await book('u1', { appointmentTypeId: 'surgery' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.fieldErrors).toEqual({ appointmentTypeId: 'UNKNOWN' });
    const notOffering = await book('u2', { appointmentTypeId: 'video', providerId: 'dr-park' });
    expect(notOffering.body.fieldErrors).toEqual({ providerId: 'NOT_OFFERING' });
    const existing = await book('u3', { appointmentTypeId: 'new-patient' });
    expect(existing.status).toBe(422);
    expect(existing.body).toEqual({
      code: 'VALIDATION',
      message: 'This appointment type is for new patients only.',
      fieldErrors: { patientStatus: 'NOT_FOR_TYPE' },
    });
  });

  it('refuses bodies that are too large, not JSON, or of another media type', async () => {
    const big = await post(`${ctx.api.url}/bookings`, { padding: 'x'.repeat(MAX_BOOKING_BYTES) }, 'big');
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('TOO_LARGE');
    const broken = await post(`${ctx.api.url}/bookings`, '{"appointmentTypeId":', 'broken');
    expect(broken.status).toBe(400);
    expect(broken.body).toEqual({ code: 'BAD_REQUEST', message: 'The request body is not valid JSON.' });
    const form = await post(`${ctx.api.url}/bookings`, 'a=b', 'form', {
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(415);
  });
});

/** Sends `chunks` as a chunked body (no Content-Length), the way a streaming client would. */
function postChunked(url: string, chunks: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'chunked' } },
      (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('request bodies without a length', () => {
  it('counts streamed bytes and answers 413 past 256 KiB, on a connection that still answers', async () => {
    const answer = await postChunked(
      `${ctx.api.url}/bookings`,
      Array.from({ length: 40 }, () => 'x'.repeat(8192)),
    );
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({
      code: 'TOO_LARGE',
      message: 'The request body is larger than 262144 bytes.',
    });
  });

  it('accepts a streamed body under the limit', async () => {
    const body = JSON.stringify(bookingRequest());
    const answer = await postChunked(`${ctx.api.url}/bookings`, [body.slice(0, 40), body.slice(40)]);
    expect(answer.status).toBe(201);
  });
});

describe('manage links', () => {
  async function booked() {
    const answer = await book('original');
    return answer.body as { booking: { id: string; start: number; end: number }; manageToken: string };
  }

  it('opens a booking by its token, and says 404 for an unknown one', async () => {
    const { booking, manageToken } = await booked();
    const found = await get(`${ctx.api.url}/bookings/${manageToken}`);
    expect(found.status).toBe(200);
    expect(found.body).toEqual({ booking: expect.objectContaining({ id: booking.id, status: 'confirmed' }) });
    const unknown = await get(`${ctx.api.url}/bookings/${'A'.repeat(43)}`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ code: 'NOT_FOUND', message: 'No booking matches this link.' });
    expect((await get(`${ctx.api.url}/bookings/%E0%A4%A`)).status).toBe(404);
  });

  it('expires the token once the appointment is over: 410 EXPIRED', async () => {
    const { booking, manageToken } = await booked();
    ctx.api.clock.now = booking.end - 1;
    expect((await get(`${ctx.api.url}/bookings/${manageToken}`)).status).toBe(200);
    ctx.api.clock.now = booking.end;
    const expired = await get(`${ctx.api.url}/bookings/${manageToken}`);
    expect(expired.status).toBe(410);
    expect(expired.body).toEqual({
      code: 'EXPIRED',
      message: 'This booking link has expired: the appointment is over.',
    });
  });

  it('reschedules to a free time, keeps the token, and frees the old time', async () => {
    const { booking, manageToken } = await booked();
    const newStart = Date.parse('2026-12-02T19:00:00Z'); // Wednesday 14:00 in New York, Dr. Park
    const moved = await post(
      `${ctx.api.url}/bookings/${manageToken}/reschedule`,
      { start: newStart, providerId: 'dr-park' },
      'move-1',
    );
    expect(moved.status).toBe(200);
    expect(moved.body).toEqual({
      booking: {
        id: booking.id,
        appointmentTypeId: 'follow-up',
        providerId: 'dr-park',
        start: newStart,
        end: newStart + 30 * MINUTE,
        status: 'confirmed',
        mode: 'in-person',
        locationId: 'main',
      },
      manageToken,
      emailSent: true,
    });
    expect((await book('takes-old-time')).status).toBe(201);
  });

  it('reschedules onto a time that overlaps only the booking itself', async () => {
    const { manageToken } = await booked();
    const moved = await post(
      `${ctx.api.url}/bookings/${manageToken}/reschedule`,
      { start: WED_9AM, providerId: 'dr-lee' },
      'same-time',
    );
    expect(moved.status).toBe(200);
  });

  it('refuses to reschedule onto a taken time (409) or a malformed change (422)', async () => {
    const { manageToken } = await booked();
    await book('other', { start: WED_9AM + 30 * MINUTE });
    const taken = await post(
      `${ctx.api.url}/bookings/${manageToken}/reschedule`,
      { start: WED_9AM + 30 * MINUTE, providerId: 'dr-lee' },
      'move-taken',
    );
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('SLOT_TAKEN');
    const malformed = await post(
      `${ctx.api.url}/bookings/${manageToken}/reschedule`,
      { start: 'soon' },
      'move-bad',
    );
    expect(malformed.status).toBe(422);
    expect(malformed.body.fieldErrors).toEqual({ providerId: 'REQUIRED', start: 'INVALID' });
  });

  it('cancels, answers a repeated cancel the same way, frees the time and refuses later changes', async () => {
    const { booking, manageToken } = await booked();
    const cancelled = await post(`${ctx.api.url}/bookings/${manageToken}/cancel`, {}, 'cancel-1');
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.booking).toEqual(expect.objectContaining({ id: booking.id, status: 'cancelled' }));
    const again = await post(`${ctx.api.url}/bookings/${manageToken}/cancel`, {}, 'cancel-2');
    expect(again.status).toBe(200);
    expect(again.body.booking.status).toBe('cancelled');
    expect((await book('after-cancel')).status).toBe(201);
    const move = await post(
      `${ctx.api.url}/bookings/${manageToken}/reschedule`,
      { start: WED_9AM + 30 * MINUTE, providerId: 'dr-lee' },
      'move-cancelled',
    );
    expect(move.status).toBe(410);
    expect(move.body.code).toBe('EXPIRED');
  });

  it('answers 404 and 410 on changes too, and 409 TOO_LATE once the appointment has started', async () => {
    const { booking, manageToken } = await booked();
    const unknown = await post(`${ctx.api.url}/bookings/${'B'.repeat(43)}/cancel`, {}, 'c-unknown');
    expect(unknown.status).toBe(404);
    ctx.api.clock.now = booking.start + MINUTE;
    const late = await post(`${ctx.api.url}/bookings/${manageToken}/cancel`, {}, 'c-late');
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('TOO_LATE');
    ctx.api.clock.now = booking.end;
    const expired = await post(`${ctx.api.url}/bookings/${manageToken}/cancel`, {}, 'c-expired');
    expect(expired.status).toBe(410);
  });
});
