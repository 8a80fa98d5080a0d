/**
 * The clinic moves a booking for its patient from the staff's bookings list: by id, to a time the
 * engine finds free, past the type's change policy (which binds patients), with the patient told,
 * their link and reminder kept, the old time freed, and nothing of another clinic reachable.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { messageParts } from './messages/compose.ts';
import { ms } from './store/time.ts';
import {
  bookingRequest,
  get,
  newClinic,
  post,
  type RunningApi,
  saveWithChangePolicy,
  signIn,
  startApi,
  useTempApi,
  WED_9AM,
} from './testing.ts';

const ctx = useTempApi();
const DAY = 86_400_000;
const THU_9AM = WED_9AM + DAY;
const FRI_9AM = WED_9AM + 2 * DAY;
const HALF_HOUR = 30 * 60_000;
/** Reminders a day before the visit. */
const LEAD = DAY;
const running: RunningApi[] = [];
afterEach(async () => {
  for (const api of running.splice(0)) await api.close();
});

async function move(id: string, body: unknown, headers: Record<string, string>, url = ctx.api.url) {
  const answer = await post(`${url}/staff/bookings/${encodeURIComponent(id)}/move`, body, null, headers);
  return { status: answer.status, body: answer.body };
}

async function book(api: RunningApi, start: number, key = `book-${start}`) {
  const answer = await post(`${api.url}/bookings`, bookingRequest({ start }), key);
  expect(answer.status).toBe(201);
  await api.messagesSent();
  return answer.body as { booking: Record<string, unknown> & { id: string }; manageToken: string };
}

describe('moving a booking for a patient', () => {
  it('moves it to a free time, tells the patient, keeps their link and reminder, frees the old time; asked again, sends nothing', async () => {
    const api = await startApi(ctx.db, ctx.api.clinicId, ctx.api.clock, { outbox: { reminderLeadMs: LEAD } });
    running.push(api);
    // Three days' notice for patients' own changes: Thursday's visit can no longer be moved by its link.
    await saveWithChangePolicy(api, { cutoffMinutes: 3 * 24 * 60 });
    const booked = await book(api, THU_9AM);
    const { id } = booked.booking;
    const patientMove = await post(
      `${api.url}/bookings/${booked.manageToken}/reschedule`,
      { start: FRI_9AM, providerId: 'dr-lee' },
      'patient-move',
    );
    expect(patientMove.body.code).toBe('CHANGE_CUTOFF_PASSED');

    const staff = await signIn(api, 'staff');
    const moved = { ...booked.booking, start: FRI_9AM, end: FRI_9AM + HALF_HOUR };
    expect(await move(id, { start: FRI_9AM, providerId: 'dr-lee' }, staff, api.url)).toEqual({
      status: 200,
      body: { booking: moved, emailSent: true },
    });
    await api.messagesSent();
    const message = api.outbox.latest(api.clinicId)!;
    expect(message).toMatchObject({ kind: 'clinic-moved', booking: { id, start: FRI_9AM } });
    // It says the clinic moved it, with no links (the server keeps the patient's token hashed only).
    const parts = messageParts(message, { bookingPageUrl: 'https://clinic.example/book' });
    expect([parts.subject, parts.lead, parts.links, parts.footnote]).toEqual([
      'Your appointment has moved to December 4',
      'The clinic has moved your appointment. The new time:',
      [],
      'To change or cancel it, use the link in your booking confirmation, which opens it at its new time, or contact the clinic.',
    ]);
    expect(parts.details.find(([label]) => label === 'When')?.[1]).toBe(
      'Friday, December 4, 2026 at 9:00 AM (Eastern Standard Time)',
    );
    // The patient's link opens it at its new time.
    expect((await get(`${api.url}/bookings/${booked.manageToken}`)).body.booking).toMatchObject({
      start: FRI_9AM,
    });
    // Asked again (a double click), it answers the booking as it is and sends nothing.
    expect(await move(id, { start: FRI_9AM, providerId: 'dr-lee' }, staff, api.url)).toEqual({
      status: 200,
      body: { booking: moved },
    });
    await api.messagesSent();
    expect(api.outbox.latest(api.clinicId)).toBe(message);
    // Thursday's time is free again (booked through the instance that sends no reminders).
    await book(ctx.api, THU_9AM, 'book-thursday-again');
    // The reminder moved with it, and still carries the patient's link.
    const reminders = await ctx.db.query<{ due: number }>(
      `SELECT ${ms('next_attempt_at')} AS due FROM outbox
        WHERE clinic_id = $1 AND booking_id = $2 AND kind = 'reminder' AND sent_at IS NULL`,
      [api.clinicId, id],
    );
    expect(reminders).toEqual([{ due: FRI_9AM - LEAD }]);
    api.clock.now = FRI_9AM - LEAD;
    expect(await api.server.context.outbox!.retryDue()).toBe(1);
    await api.messagesSent();
    expect(api.outbox.latest(api.clinicId)).toMatchObject({
      kind: 'reminder',
      manageToken: booked.manageToken,
      booking: { start: FRI_9AM },
    });
  });

  it('refuses a time that is taken, off the schedule or with a provider who does not offer the visit, and moves nothing', async () => {
    await book(ctx.api, WED_9AM);
    const { booking } = await book(ctx.api, THU_9AM);
    const staff = await signIn(ctx.api, 'staff');

    expect(await move(booking.id, { start: WED_9AM, providerId: 'dr-lee' }, staff)).toEqual({
      status: 409,
      body: { code: 'SLOT_TAKEN', message: 'That time is no longer available.', reason: 'BUSY' },
    });
    // Saturday: Dr. Lee works weekdays.
    expect((await move(booking.id, { start: WED_9AM + 3 * DAY, providerId: 'dr-lee' }, staff)).body).toEqual({
      code: 'SLOT_TAKEN',
      message: 'That time is no longer available.',
      reason: 'NOT_ON_SCHEDULE',
    });
    expect((await move(booking.id, { start: FRI_9AM, providerId: 'dr-nobody' }, staff)).body).toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { providerId: 'UNKNOWN' },
    });
    expect((await move(booking.id, { providerId: 'dr-lee' }, staff)).body).toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { start: 'REQUIRED' },
    });
    expect((await move(booking.id, { start: FRI_9AM, providerId: 'dr-lee', note: 'x' }, staff)).body).toEqual(
      {
        code: 'VALIDATION',
        message: '1 field was not accepted.',
        fieldErrors: { note: 'UNKNOWN' },
      },
    );
    const listed = await get(`${ctx.api.url}/staff/bookings?from=2026-12-01`, staff);
    expect((listed.body.bookings as { start: number }[]).map((row) => row.start)).toEqual([WED_9AM, THU_9AM]);
  });

  it('needs a staff session and its CSRF token, names an unknown, cancelled or begun booking, and reaches no other clinic', async () => {
    const { booking, manageToken } = await book(ctx.api, WED_9AM);
    const to = { start: THU_9AM, providerId: 'dr-lee' };
    const staff = await signIn(ctx.api, 'staff');

    expect((await move(booking.id, to, {})).body.code).toBe('UNAUTHENTICATED');
    expect((await move(booking.id, to, { Cookie: staff.Cookie! })).body.code).toBe('CSRF');
    expect(await move('bk_nobody', to, staff)).toEqual({
      status: 404,
      body: { code: 'NOT_FOUND', message: 'There is no such booking.' },
    });
    const other = await newClinic(ctx.db);
    const elsewhere = `${ctx.api.origin}/c/${other}/api`;
    const theirs = await signIn({ ...ctx.api, url: elsewhere, clinicId: other }, 'admin');
    expect((await move(booking.id, to, theirs, elsewhere)).status).toBe(404);

    ctx.api.clock.now = WED_9AM + 60_000;
    expect(await move(booking.id, to, await signIn(ctx.api, 'staff'))).toEqual({
      status: 409,
      body: { code: 'TOO_LATE', message: 'This appointment has already begun; it can no longer be moved.' },
    });

    ctx.api.clock.now = WED_9AM - DAY;
    const later = await book(ctx.api, THU_9AM);
    expect((await post(`${ctx.api.url}/bookings/${later.manageToken}/cancel`, {}, 'cancel')).status).toBe(
      200,
    );
    expect(await move(later.booking.id, { start: FRI_9AM, providerId: 'dr-lee' }, staff)).toEqual({
      status: 409,
      body: {
        code: 'CANCELLED',
        message: 'This booking is cancelled and can no longer be moved; book the patient a new appointment.',
      },
    });
    expect((await get(`${ctx.api.url}/bookings/${manageToken}`)).body.booking).toMatchObject({
      start: WED_9AM,
    });
  });
});
