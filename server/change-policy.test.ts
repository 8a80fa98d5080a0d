import { describe, expect, it } from 'vitest';
import { bookingRequest, get, NOW, post, saveWithChangePolicy, useTempApi, WED_9AM } from './testing.ts';

const MINUTE = 60_000;

const ctx = useTempApi();

const withPolicy = (changePolicy: Record<string, unknown>) => saveWithChangePolicy(ctx.api, changePolicy);

async function booked(): Promise<string> {
  const answer = await post(`${ctx.api.url}/bookings`, bookingRequest(), 'book');
  expect(answer.status).toBe(201);
  return answer.body.manageToken as string;
}

const cancel = (token: string, key: string) => post(`${ctx.api.url}/bookings/${token}/cancel`, {}, key);
const move = (token: string, key: string) =>
  post(
    `${ctx.api.url}/bookings/${token}/reschedule`,
    { start: WED_9AM + 30 * MINUTE, providerId: 'dr-lee' },
    key,
  );

describe("the server enforces a type's change policy on its own clock", () => {
  it('cancels exactly at the cut-off, and refuses one minute later with 409 CHANGE_CUTOFF_PASSED', async () => {
    await withPolicy({ cutoffMinutes: 1440 });
    const token = await booked();
    ctx.api.clock.now = WED_9AM - 1440 * MINUTE + MINUTE;
    const late = await cancel(token, 'late');
    expect(late.status).toBe(409);
    expect(late.body).toEqual({
      code: 'CHANGE_CUTOFF_PASSED',
      message:
        'This appointment can no longer be cancelled online: changes close 1 day before the visit. Please call the clinic.',
      cutoffMinutes: 1440,
    });
    expect((await get(`${ctx.api.url}/bookings/${token}`)).body.booking).toEqual(
      expect.objectContaining({ status: 'confirmed' }),
    );
    ctx.api.clock.now = WED_9AM - 1440 * MINUTE;
    const inTime = await cancel(token, 'in-time');
    expect(inTime.status).toBe(200);
    expect(inTime.body.booking.status).toBe('cancelled');
  });

  it('refuses a reschedule past the cut-off, whatever time the request asks for', async () => {
    await withPolicy({ cutoffMinutes: 90 });
    const token = await booked();
    ctx.api.clock.now = WED_9AM - 89 * MINUTE;
    const late = await move(token, 'late-move');
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('CHANGE_CUTOFF_PASSED');
    expect(late.body.message).toBe(
      'This appointment can no longer be rescheduled online: changes close 90 minutes before the visit. Please call the clinic.',
    );
  });

  it('refuses with 403 CHANGES_NOT_ONLINE a change the clinic takes only by phone, and allows the other', async () => {
    await withPolicy({ cutoffMinutes: 120, rescheduleOnline: false, text: 'Call us to move a visit.' });
    const token = await booked();
    expect(ctx.api.clock.now).toBe(NOW);
    const moved = await move(token, 'move');
    expect(moved.status).toBe(403);
    expect(moved.body).toEqual({
      code: 'CHANGES_NOT_ONLINE',
      message: 'This appointment cannot be rescheduled online; please call the clinic.',
      cutoffMinutes: 120,
    });
    const cancelled = await cancel(token, 'cancel');
    expect(cancelled.status).toBe(200);
  });

  it('keeps a repeated cancel answering 200 after the cut-off, once the booking is cancelled', async () => {
    await withPolicy({ cutoffMinutes: 60, cancelOnline: true });
    const token = await booked();
    expect((await cancel(token, 'first')).status).toBe(200);
    ctx.api.clock.now = WED_9AM - 30 * MINUTE;
    const again = await cancel(token, 'second');
    expect(again.status).toBe(200);
    expect(again.body.booking.status).toBe('cancelled');
  });
});
