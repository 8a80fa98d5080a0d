import { describe, expect, it } from 'vitest';
import type { BookingRequest, PatientDetails } from '../src/api/types.ts';
import { safePath } from './app.ts';
import { OFFER_FANOUT } from './booking/offers.ts';
import { bookingRequest, get, post, saveWithChangePolicy, signIn, useTempApi, WED_9AM } from './testing.ts';

const ctx = useTempApi();
const MINUTE = 60_000;
/** The `n`th half-hour slot of Dr. Lee's Wednesday morning (9:00 is 0). */
const lee = (n: number) => WED_9AM + n * 30 * MINUTE;
/** Wednesday 2 December 2026, 13:00 in New York: Dr. Park's first slot. */
const PARK_1PM = Date.parse('2026-12-02T18:00:00Z');

function patient(n: number): PatientDetails {
  return { ...bookingRequest().patient, name: `Pat${n} Family${n}`, email: `p${n}@example.com` };
}

let keys = 0;
/** Books for patient `n`, a second after the booking before (offers go in order of booking). */
async function book(n: number, overrides: Partial<BookingRequest> = {}) {
  ctx.api.clock.now += 1_000;
  const answer = await post(
    `${ctx.api.url}/bookings`,
    bookingRequest({ patient: patient(n), ...overrides }),
    `book-${++keys}`,
  );
  if (answer.status !== 201) throw new Error(`booking ${n} failed: ${answer.status} ${answer.text}`);
  return answer.body as { booking: { id: string; start: number }; manageToken: string };
}

const cancel = (token: string) => post(`${ctx.api.url}/bookings/${token}/cancel`, {}, `cancel-${++keys}`);
const accept = (offerToken: string, key = `accept-${++keys}`) =>
  post(`${ctx.api.url}/offers/${offerToken}/accept`, {}, key);

/** The offers held in the outbox, as `[patient's email, offered start, offered provider, token]`. */
/** The offers sent so far, once the messages of the requests answered so far are out. */
async function offers() {
  await ctx.api.messagesSent();
  return ctx.api.outbox
    .offers(ctx.api.clinicId)
    .map(
      (m) => [m.booking.patient.email, m.offer?.start, m.offer?.providerId, m.offer?.token ?? ''] as const,
    );
}

describe('the opt-in', () => {
  it('is stored with the booking and shown by its manage link, and can be cleared there', async () => {
    const { booking, manageToken } = await book(1, { offerEarlier: 'same-provider' });
    expect(booking).toMatchObject({ offerEarlier: 'same-provider' });
    const opened = await get(`${ctx.api.url}/bookings/${manageToken}`);
    expect(opened.body.booking).toMatchObject({ id: booking.id, offerEarlier: 'same-provider' });
    const cleared = await fetch(`${ctx.api.url}/bookings/${manageToken}/offer-earlier`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ offerEarlier: null }),
    });
    expect(cleared.status).toBe(200);
    expect(((await cleared.json()) as { booking: object }).booking).not.toHaveProperty('offerEarlier');
    expect((await get(`${ctx.api.url}/bookings/${manageToken}`)).body.booking).not.toHaveProperty(
      'offerEarlier',
    );
  });

  it('shows staff who opted in, and to which times', async () => {
    await book(1, { start: lee(0), offerEarlier: 'same-provider' });
    await book(2, { start: lee(1) });
    await book(3, { start: PARK_1PM, providerId: 'dr-park', offerEarlier: 'any-provider' });
    const headers = await signIn(ctx.api, 'staff');
    const list = await get(`${ctx.api.url}/staff/bookings?from=2026-12-01T00:00:00Z`, headers);
    const bookings = list.body.bookings as { patient: { name: string }; offerEarlier?: string }[];
    expect(bookings.map((b) => [b.patient.name, b.offerEarlier ?? null])).toEqual([
      ['Pat1 Family1', 'same-provider'],
      ['Pat2 Family2', null],
      ['Pat3 Family3', 'any-provider'],
    ]);
  });

  it('refuses any other value with a named code, at booking and from the manage link', async () => {
    const refused = await post(
      `${ctx.api.url}/bookings`,
      { ...bookingRequest(), offerEarlier: 'yes please' },
      'bad-opt-in',
    );
    expect(refused.status).toBe(422);
    expect(refused.body.fieldErrors).toEqual({ offerEarlier: 'INVALID' });
    const { manageToken } = await book(1);
    const put = await fetch(`${ctx.api.url}/bookings/${manageToken}/offer-earlier`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ offerEarlier: true }),
    });
    expect(put.status).toBe(422);
    expect(await put.json()).toEqual({
      code: 'VALIDATION',
      message: 'Send offerEarlier as "same-provider", "any-provider" or null.',
      fieldErrors: { offerEarlier: 'INVALID' },
    });
  });
});

describe('offers of a freed time', () => {
  it('offers a cancelled time to the later opted-in bookings of its type and provider, in order of booking', async () => {
    const freed = await book(1, { start: lee(1) });
    await book(2, { start: lee(0), offerEarlier: 'same-provider' }); // earlier: not offered
    await book(3, { start: lee(4), offerEarlier: 'same-provider' });
    await book(4, { start: lee(3) }); // not opted in
    await book(5, { start: lee(2), offerEarlier: 'same-provider' });
    await book(6, { start: PARK_1PM, providerId: 'dr-park', offerEarlier: 'same-provider' }); // other provider
    await book(7, { start: PARK_1PM + 30 * MINUTE, providerId: 'dr-park', offerEarlier: 'any-provider' });
    await book(8, { appointmentTypeId: 'physical', start: lee(5), offerEarlier: 'same-provider' }); // other type
    expect(await offers()).toEqual([]);
    expect((await cancel(freed.manageToken)).status).toBe(200);
    expect((await offers()).map(([email, start, provider]) => [email, start, provider])).toEqual([
      ['p3@example.com', lee(1), 'dr-lee'],
      ['p5@example.com', lee(1), 'dr-lee'],
      ['p7@example.com', lee(1), 'dr-lee'],
    ]);
    const stored = await ctx.db.query<{ kind: string }>(
      "SELECT kind FROM outbox WHERE clinic_id = $1 AND kind = 'offer'",
      [ctx.api.clinicId],
    );
    expect(stored).toHaveLength(3);
  });

  it(`offers one time to at most ${OFFER_FANOUT} patients`, async () => {
    const freed = await book(0, { start: lee(0) });
    for (let n = 1; n <= OFFER_FANOUT + 1; n++) {
      await book(n, { start: lee(n - 1) + 86_400_000, offerEarlier: 'same-provider' }); // Thursday
    }
    await cancel(freed.manageToken);
    expect((await offers()).map(([email]) => email)).toEqual(
      Array.from({ length: OFFER_FANOUT }, (_, i) => `p${i + 1}@example.com`),
    );
  });

  it('offers the time a reschedule leaves', async () => {
    const moving = await book(1, { start: lee(0) });
    await book(2, { start: lee(3), offerEarlier: 'same-provider' });
    const moved = await post(
      `${ctx.api.url}/bookings/${moving.manageToken}/reschedule`,
      { start: lee(5), providerId: 'dr-lee' },
      'move-away',
    );
    expect(moved.status).toBe(200);
    expect((await offers()).map(([email, start]) => [email, start])).toEqual([['p2@example.com', lee(0)]]);
  });

  it("answers a reschedule with the moved booking's opt-in", async () => {
    const moving = await book(1, { start: lee(0), offerEarlier: 'any-provider' });
    const moved = await post(
      `${ctx.api.url}/bookings/${moving.manageToken}/reschedule`,
      { start: lee(5), providerId: 'dr-lee' },
      'move-opted-in',
    );
    expect(moved.status).toBe(200);
    expect(moved.body.booking).toMatchObject({ start: lee(5), offerEarlier: 'any-provider' });
  });

  it("offers nothing to a patient whose visit the type's change policy keeps from moving online", async () => {
    await saveWithChangePolicy(ctx.api, { rescheduleOnline: false });
    const freed = await book(1, { start: lee(0) });
    await book(2, { start: lee(3), offerEarlier: 'same-provider' });
    await cancel(freed.manageToken);
    expect(await offers()).toEqual([]);
  });

  it('offers nothing for a time inside the notice, or to a patient who opted out', async () => {
    const soon = await book(1, { start: lee(0) });
    const later = await book(2, { start: lee(3), offerEarlier: 'same-provider' });
    ctx.api.clock.now = lee(0) - 59 * MINUTE; // inside the type's hour of notice
    await cancel(soon.manageToken);
    expect(await offers()).toEqual([]);
    ctx.api.clock.now = lee(0) - 24 * 60 * MINUTE;
    const other = await book(3, { start: lee(1) });
    await fetch(`${ctx.api.url}/bookings/${later.manageToken}/offer-earlier`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ offerEarlier: null }),
    });
    await cancel(other.manageToken);
    expect(await offers()).toEqual([]);
  });
});

describe('accepting an offer', () => {
  it('moves the booking in one request, with a new manage token, and frees and offers on its old time', async () => {
    const freed = await book(1, { start: lee(0) });
    const taker = await book(2, { start: lee(3), offerEarlier: 'same-provider' });
    const next = await book(3, { start: lee(5), offerEarlier: 'same-provider' });
    await cancel(freed.manageToken);
    const [[, , , token]] = (await offers()) as [readonly [string, number, string, string]];
    const opened = await get(`${ctx.api.url}/offers/${token}`);
    expect(opened.status).toBe(200);
    expect(opened.body).toEqual({
      offer: {
        appointmentTypeId: 'follow-up',
        providerId: 'dr-lee',
        start: lee(0),
        end: lee(0) + 30 * MINUTE,
        mode: 'in-person',
        locationId: 'main',
      },
      booking: expect.objectContaining({ id: taker.booking.id, start: lee(3), status: 'confirmed' }),
    });
    const accepted = await accept(token);
    expect(accepted.status).toBe(200);
    // The move keeps the opt-in, and the answer says so.
    expect(accepted.body.booking).toEqual({
      id: taker.booking.id,
      appointmentTypeId: 'follow-up',
      providerId: 'dr-lee',
      start: lee(0),
      end: lee(0) + 30 * MINUTE,
      status: 'confirmed',
      mode: 'in-person',
      locationId: 'main',
      offerEarlier: 'same-provider',
    });
    const newToken = accepted.body.manageToken as string;
    expect(newToken).toMatch(/^[\w-]{43}$/);
    expect((await get(`${ctx.api.url}/bookings/${newToken}`)).body.booking).toMatchObject({
      start: lee(0),
      offerEarlier: 'same-provider',
    });
    expect((await get(`${ctx.api.url}/bookings/${taker.manageToken}`)).status).toBe(404);
    // The move's own message carries links that open the booking with the new token.
    const moved = ctx.api.outbox.latest(ctx.api.clinicId);
    expect([moved?.kind, moved?.manageToken]).toEqual(['rescheduled', newToken]);
    // The old time went to the next patient in line; the accepted offer cannot be used again.
    expect((await offers()).map(([email, start]) => [email, start])).toEqual([
      ['p2@example.com', lee(0)],
      ['p3@example.com', lee(0)],
      ['p3@example.com', lee(3)],
    ]);
    expect(next.booking.start).toBe(lee(5));
    const again = await accept(token);
    expect(again.status).toBe(410);
    expect(again.body).toEqual({
      code: 'OFFER_EXPIRED',
      message: 'This offer has already been accepted.',
      reason: 'USED',
    });
    expect((await book(9, { start: lee(3) })).booking.start).toBe(lee(3));
  });

  it('gives the time to exactly one of several patients accepting at the same moment', async () => {
    const freed = await book(0, { start: lee(0) });
    for (let n = 1; n <= 4; n++) await book(n, { start: lee(n + 1), offerEarlier: 'same-provider' });
    await cancel(freed.manageToken);
    const tokens = (await offers()).filter(([, start]) => start === lee(0)).map(([, , , token]) => token);
    expect(tokens).toHaveLength(4);
    const answers = await Promise.all(tokens.map((token) => accept(token)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 410, 410, 410]);
    for (const lost of answers.filter((a) => a.status === 410)) {
      expect(lost.body).toEqual({
        code: 'OFFER_EXPIRED',
        message: 'This earlier time has been taken by another patient; your appointment is unchanged.',
        reason: 'TAKEN',
      });
    }
    const at = await ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM bookings WHERE clinic_id = $1 AND status = 'confirmed'
         AND start_at = to_timestamp($2::float8 / 1000)`,
      [ctx.api.clinicId, lee(0)],
    );
    expect(at).toEqual([{ n: 1 }]);
  });

  it('lets an any-provider booking move to another provider', async () => {
    const freed = await book(1, { start: lee(0) });
    const park = await book(2, { start: PARK_1PM, providerId: 'dr-park', offerEarlier: 'any-provider' });
    await cancel(freed.manageToken);
    const [[, , , token]] = (await offers()) as [readonly [string, number, string, string]];
    const accepted = await accept(token);
    expect(accepted.status).toBe(200);
    expect(accepted.body.booking).toMatchObject({ id: park.booking.id, providerId: 'dr-lee', start: lee(0) });
  });

  it('answers a replayed accept with the first answer', async () => {
    const freed = await book(1, { start: lee(0) });
    await book(2, { start: lee(3), offerEarlier: 'same-provider' });
    await cancel(freed.manageToken);
    const [[, , , token]] = (await offers()) as [readonly [string, number, string, string]];
    const first = await accept(token, 'accept-once');
    const again = await accept(token, 'accept-once');
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
  });
});

describe('an expired offer', () => {
  async function offered() {
    const freed = await book(1, { start: lee(0) });
    const waiting = await book(2, { start: lee(3), offerEarlier: 'same-provider' });
    await cancel(freed.manageToken);
    const [[, , , token]] = (await offers()) as [readonly [string, number, string, string]];
    return { token, waiting };
  }

  it('is refused with OFFER_EXPIRED once someone else booked the time', async () => {
    const { token } = await offered();
    await book(5, { start: lee(0) });
    for (const answer of [await get(`${ctx.api.url}/offers/${token}`), await accept(token)]) {
      expect(answer.status).toBe(410);
      expect(answer.body).toEqual({
        code: 'OFFER_EXPIRED',
        message: 'This earlier time has been taken by another patient; your appointment is unchanged.',
        reason: 'TAKEN',
      });
    }
  });

  it('is refused once the time has passed, or the booking was cancelled or moved before it', async () => {
    const { token, waiting } = await offered();
    ctx.api.clock.now = lee(0);
    expect((await accept(token)).body).toMatchObject({ code: 'OFFER_EXPIRED', reason: 'PASSED' });
    ctx.api.clock.now = lee(0) - 30 * MINUTE; // inside the hour of notice
    expect((await accept(token)).body).toMatchObject({ code: 'OFFER_EXPIRED', reason: 'PASSED' });
    ctx.api.clock.now = lee(0) - 24 * 60 * MINUTE;
    await cancel(waiting.manageToken);
    expect((await get(`${ctx.api.url}/offers/${token}`)).body).toEqual({
      code: 'OFFER_EXPIRED',
      message: 'Your appointment was cancelled or has moved since this offer was sent.',
      reason: 'BOOKING_CHANGED',
    });
  });

  it("is refused with CHANGES_CLOSED once the change policy's cut-off for the patient's visit has passed", async () => {
    await saveWithChangePolicy(ctx.api, { cutoffMinutes: 24 * 60 });
    const { token, waiting } = await offered();
    expect((await get(`${ctx.api.url}/offers/${token}`)).status).toBe(200);
    // The waiting visit is at lee(3): its online changes close 24 hours before, on the server's clock.
    ctx.api.clock.now = lee(3) - 24 * 60 * MINUTE + MINUTE;
    for (const answer of [await get(`${ctx.api.url}/offers/${token}`), await accept(token)]) {
      expect(answer.status).toBe(410);
      expect(answer.body).toEqual({
        code: 'OFFER_EXPIRED',
        message:
          'Your appointment can no longer be changed online, so this earlier time cannot be taken; your appointment is unchanged. Please call the clinic to move it.',
        reason: 'CHANGES_CLOSED',
      });
    }
    const kept = await get(`${ctx.api.url}/bookings/${waiting.manageToken}`);
    expect(kept.body.booking).toMatchObject({ start: lee(3) });
  });

  it('answers 404 for an unknown token, and a manage token opens no offer', async () => {
    const { waiting } = await offered();
    for (const token of ['A'.repeat(43), waiting.manageToken]) {
      const answer = await get(`${ctx.api.url}/offers/${token}`);
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({ code: 'NOT_FOUND', message: 'No offer matches this link.' });
    }
  });
});

describe('offer links in logs', () => {
  it('name the route, never the token', () => {
    expect(safePath('/c/x/api/offers/SECRETTOKEN/accept?x=1')).toBe('/c/x/api/offers/:token/accept');
    expect(safePath('/api/offers/SECRETTOKEN')).toBe('/api/offers/:token');
    expect(safePath('/api/bookings/SECRET/offer-earlier')).toBe('/api/bookings/:token/offer-earlier');
  });
});
