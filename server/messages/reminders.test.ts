import { afterEach, describe, expect, it } from 'vitest';
import { ms } from '../store/time.ts';
import { bookingRequest, get, post, type RunningApi, startApi, useTempApi, WED_9AM } from '../testing.ts';
import { messageParts } from './compose.ts';
import { remindEarlierBookings } from './outbox.ts';

const ctx = useTempApi();
const LEAD = 24 * 3_600_000;
const THU_9AM = WED_9AM + 86_400_000;
const running: RunningApi[] = [];
afterEach(async () => {
  for (const api of running.splice(0)) await api.close();
});

/** An instance of the test clinic's server that reminds patients a day before their visit. */
async function reminding(): Promise<RunningApi> {
  const api = await startApi(ctx.db, ctx.api.clinicId, ctx.api.clock, { outbox: { reminderLeadMs: LEAD } });
  running.push(api);
  return api;
}

/** The booking's outbox rows, oldest first: kind, when due, whether sent. */
async function rowsOf(bookingId: string) {
  return ctx.db.query<{ kind: string; due: number | null; sent: boolean }>(
    `SELECT kind, ${ms('next_attempt_at')} AS due, sent_at IS NOT NULL AS sent FROM outbox
      WHERE clinic_id = $1 AND booking_id = $2 ORDER BY id`,
    [ctx.api.clinicId, bookingId],
  );
}

async function book(api: RunningApi, start = WED_9AM) {
  const answer = await post(`${api.url}/bookings`, bookingRequest({ start }), `book-${start}`);
  expect(answer.status).toBe(201);
  await api.messagesSent();
  return answer.body as { booking: { id: string }; manageToken: string };
}

/** The instance looks for due messages at `now`, as its timer does; how many it sent. */
async function sendDue(api: RunningApi, now: number): Promise<number> {
  api.clock.now = now;
  const sent = await api.server.context.outbox!.retryDue();
  await api.messagesSent();
  return sent;
}

describe('reminders before a visit', () => {
  it('emails the reminder once, REMINDER_HOURS before the visit, with the link that opens the booking', async () => {
    const api = await reminding();
    const { booking, manageToken } = await book(api);
    expect(api.outbox.latest(api.clinicId)?.kind).toBe('booked');
    expect(await rowsOf(booking.id)).toEqual([
      { kind: 'booked', due: null, sent: true },
      { kind: 'reminder', due: WED_9AM - LEAD, sent: false },
    ]);

    expect(await sendDue(api, WED_9AM - LEAD - 1)).toBe(0);
    expect(await sendDue(api, WED_9AM - LEAD)).toBe(1);
    const reminder = api.outbox.latest(api.clinicId)!;
    expect([reminder.kind, reminder.booking.start, reminder.manageToken]).toEqual([
      'reminder',
      WED_9AM,
      manageToken,
    ]);
    const parts = messageParts(reminder, { bookingPageUrl: 'https://clinic.example/book' });
    expect([parts.subject, parts.lead]).toEqual([
      'Reminder: your appointment on December 2',
      'This is a reminder of your upcoming appointment:',
    ]);
    expect(parts.details.find(([label]) => label === 'When')?.[1]).toBe(
      'Wednesday, December 2, 2026 at 9:00 AM (Eastern Standard Time)',
    );
    expect((await get(`${api.url}/bookings/${manageToken}`)).status).toBe(200);

    // Sent, it is not sent again.
    expect(await sendDue(api, WED_9AM - LEAD + 60_000)).toBe(0);
    expect((await rowsOf(booking.id)).at(-1)).toEqual({ kind: 'reminder', due: null, sent: true });
  });

  it('moves the reminder with the visit, and drops it when the visit is cancelled', async () => {
    const api = await reminding();
    const { booking, manageToken } = await book(api);
    const moved = await post(
      `${api.url}/bookings/${manageToken}/reschedule`,
      { start: THU_9AM, providerId: 'dr-lee' },
      'move',
    );
    expect(moved.status).toBe(200);
    await api.messagesSent();
    expect((await rowsOf(booking.id)).filter((row) => row.kind === 'reminder')).toEqual([
      { kind: 'reminder', due: THU_9AM - LEAD, sent: false },
    ]);
    // The old time's reminder is gone: nothing is due then.
    expect(await sendDue(api, WED_9AM - LEAD)).toBe(0);
    expect(api.outbox.latest(api.clinicId)?.kind).toBe('rescheduled');

    expect((await post(`${api.url}/bookings/${manageToken}/cancel`, {}, 'cancel')).status).toBe(200);
    await api.messagesSent();
    expect((await rowsOf(booking.id)).map((row) => row.kind)).toEqual(['booked', 'rescheduled', 'cancelled']);
    expect(await sendDue(api, THU_9AM - LEAD)).toBe(0);
    expect(api.outbox.latest(api.clinicId)?.kind).toBe('cancelled');
  });

  it('gives up a reminder that an instance claimed as the booking moved, rather than send it', async () => {
    const api = await reminding();
    const { booking } = await book(api);
    // The move committed after this instance claimed the old reminder (its own dropped the row).
    await ctx.db.query(
      `UPDATE bookings SET updated_at = updated_at + interval '1 second' WHERE clinic_id = $1 AND id = $2`,
      [ctx.api.clinicId, booking.id],
    );
    await sendDue(api, WED_9AM - LEAD);
    expect(api.outbox.latest(api.clinicId)?.kind).toBe('booked');
    const [row] = await ctx.db.query<{ failed: boolean; error: string }>(
      `SELECT failed_at IS NOT NULL AS failed, last_error AS error FROM outbox
        WHERE clinic_id = $1 AND booking_id = $2 AND kind = 'reminder'`,
      [ctx.api.clinicId, booking.id],
    );
    expect(row).toEqual({ failed: true, error: 'STALE' });
  });

  it('sends none for a visit booked within an hour of its reminder’s time, nor on a server without REMINDER_HOURS', async () => {
    const api = await reminding();
    api.clock.now = WED_9AM - LEAD - 30 * 60_000;
    const near = await book(api);
    expect((await rowsOf(near.booking.id)).map((row) => row.kind)).toEqual(['booked']);

    ctx.api.clock.now = Date.parse('2026-12-01T12:00:00Z');
    const plain = await book(ctx.api, THU_9AM);
    expect((await rowsOf(plain.booking.id)).map((row) => row.kind)).toEqual(['booked']);
  });

  it('reminds, without links, the bookings made before reminders were on, once each, however many instances ask', async () => {
    // Booked on a server without reminders: on Wednesday, Thursday, and a cancelled one on Friday.
    const wednesday = await book(ctx.api);
    const thursday = await book(ctx.api, THU_9AM);
    const friday = await book(ctx.api, THU_9AM + 86_400_000);
    await post(`${ctx.api.url}/bookings/${friday.manageToken}/cancel`, {}, 'cancel-friday');
    const api = await reminding();
    const sealing = api.server.context.outbox!;
    // Half an hour before Wednesday's reminder time: too near for one, as for a booking made then.
    const now = WED_9AM - LEAD - 30 * 60_000;

    // Two instances at once write one reminder per booking.
    const written = await Promise.all([
      remindEarlierBookings(ctx.db, sealing, now, api.clinicId),
      remindEarlierBookings(ctx.db, sealing, now, api.clinicId),
    ]);
    expect(written[0]! + written[1]!).toBe(1);
    expect(await rowsOf(thursday.booking.id)).toEqual([
      { kind: 'booked', due: null, sent: true },
      { kind: 'reminder', due: THU_9AM - LEAD, sent: false },
    ]);
    expect((await rowsOf(wednesday.booking.id)).map((row) => row.kind)).toEqual(['booked']);
    expect((await rowsOf(friday.booking.id)).map((row) => row.kind)).toEqual(['booked', 'cancelled']);
    expect(await remindEarlierBookings(ctx.db, sealing, now, api.clinicId)).toBe(0);

    expect(await sendDue(api, THU_9AM - LEAD)).toBe(1);
    const reminder = api.outbox.latest(api.clinicId)!;
    expect([reminder.kind, reminder.booking.id, reminder.manageToken]).toEqual([
      'reminder',
      thursday.booking.id,
      '',
    ]);
    const parts = messageParts(reminder, { bookingPageUrl: 'https://clinic.example/book' });
    expect([parts.subject, parts.links, parts.footnote]).toEqual([
      'Reminder: your appointment on December 3',
      [],
      'To change or cancel it, please contact the clinic.',
    ]);
    // Sent, the booking is not reminded again.
    expect(await remindEarlierBookings(ctx.db, sealing, THU_9AM - LEAD - 2 * 3_600_000, api.clinicId)).toBe(
      0,
    );
  });
});
