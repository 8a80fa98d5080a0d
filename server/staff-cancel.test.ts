/**
 * The clinic cancels a booking for its patient from the staff's bookings list: by id, past the
 * type's change policy (which binds patients), with the patient told, the time freed, and nothing
 * of another clinic reachable.
 */
import { describe, expect, it } from 'vitest';
import { messageParts } from './messages/compose.ts';
import {
  bookingRequest,
  get,
  newClinic,
  post,
  saveWithChangePolicy,
  signIn,
  useTempApi,
  WED_9AM,
} from './testing.ts';

const ctx = useTempApi();

async function cancel(id: string, headers: Record<string, string>, url = ctx.api.url) {
  const answer = await fetch(`${url}/staff/bookings/${encodeURIComponent(id)}/cancel`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: '{}',
  });
  return { status: answer.status, body: await answer.json() };
}

describe('cancelling for a patient', () => {
  it('cancels the booking, tells the patient, frees the time, and a second cancel changes and sends nothing', async () => {
    // Within the type's day-before cutoff, where the patient's own link may no longer cancel.
    await saveWithChangePolicy(ctx.api, { cutoffMinutes: 24 * 60 });
    ctx.api.clock.now = WED_9AM - 3_600_000;
    const booked = await post(`${ctx.api.url}/bookings`, bookingRequest(), 'book-1');
    expect(booked.status).toBe(201);
    await ctx.api.messagesSent();
    const token = booked.body.manageToken as string;
    expect((await post(`${ctx.api.url}/bookings/${token}/cancel`, {}, 'patient-cancel')).body.code).toBe(
      'CHANGE_CUTOFF_PASSED',
    );

    const staff = await signIn(ctx.api, 'staff');
    const id = booked.body.booking.id as string;
    const cancelled = await cancel(id, staff);
    expect(cancelled).toEqual({
      status: 200,
      body: { booking: { ...booked.body.booking, status: 'cancelled' }, emailSent: true },
    });
    await ctx.api.messagesSent();
    const message = ctx.api.outbox.latest(ctx.api.clinicId)!;
    expect(message).toMatchObject({ kind: 'clinic-cancelled', booking: { id, status: 'cancelled' } });
    // It says the clinic cancelled, and offers a new time.
    const parts = messageParts(message, { bookingPageUrl: 'https://clinic.example/book' });
    expect([parts.subject, parts.lead, parts.links, parts.footnote]).toEqual([
      'Your appointment on December 2 is cancelled',
      'The clinic has cancelled your appointment:',
      [['Book a new time', 'https://clinic.example/book#type=follow-up&provider=dr-lee']],
      'We are sorry for the change. Book a new time with the link above, or call us.',
    ]);
    expect((await get(`${ctx.api.url}/bookings/${token}`)).body.booking).toMatchObject({
      status: 'cancelled',
    });
    // The time is free again.
    expect((await post(`${ctx.api.url}/bookings`, bookingRequest(), 'book-2')).status).toBe(201);
    await ctx.api.messagesSent();
    const latest = ctx.api.outbox.latest(ctx.api.clinicId);

    expect(await cancel(id, staff)).toEqual({
      status: 200,
      body: { booking: { ...booked.body.booking, status: 'cancelled' } },
    });
    await ctx.api.messagesSent();
    expect(ctx.api.outbox.latest(ctx.api.clinicId)).toBe(latest);
  });

  it('needs a staff session and its CSRF token, names an unknown or begun booking, and reaches no other clinic', async () => {
    const booked = await post(`${ctx.api.url}/bookings`, bookingRequest(), 'book-1');
    const id = booked.body.booking.id as string;
    const staff = await signIn(ctx.api, 'staff');

    expect((await cancel(id, {})).body.code).toBe('UNAUTHENTICATED');
    expect((await cancel(id, { Cookie: staff.Cookie! })).body.code).toBe('CSRF');
    expect(await cancel('bk_nobody', staff)).toEqual({
      status: 404,
      body: { code: 'NOT_FOUND', message: 'There is no such booking.' },
    });
    // Another clinic's staff, on their own clinic's API, find no booking of this one.
    const other = await newClinic(ctx.db);
    const elsewhere = `${ctx.api.origin}/c/${other}/api`;
    const theirs = await signIn({ ...ctx.api, url: elsewhere, clinicId: other }, 'admin');
    expect((await cancel(id, theirs, elsewhere)).status).toBe(404);

    ctx.api.clock.now = WED_9AM + 60_000;
    expect(await cancel(id, await signIn(ctx.api, 'staff'))).toEqual({
      status: 409,
      body: {
        code: 'TOO_LATE',
        message: 'This appointment has already begun; it can no longer be cancelled.',
      },
    });
    expect((await get(`${ctx.api.url}/bookings/${booked.body.manageToken}`)).body.booking).toMatchObject({
      status: 'confirmed',
    });
  });
});
