import { describe, expect, it } from 'vitest';
import { bookingRequest, get, newClinic, post, signIn, useTempApi, WED_9AM } from './testing.ts';

const ctx = useTempApi();

describe('many clinics on one server', () => {
  it('keeps each clinic’s bookings, tokens and idempotency keys to itself, route by route', async () => {
    const other = await newClinic(ctx.db);
    const elsewhere = `${ctx.api.origin}/c/${other}/api`;
    const booked = await post(`${ctx.api.url}/bookings`, bookingRequest(), 'shared-key');
    const token = booked.body.manageToken as string;

    // The same key at another clinic is another request: a booking there, not a replay.
    const there = await post(`${elsewhere}/bookings`, bookingRequest(), 'shared-key');
    expect(there.status).toBe(201);
    expect(there.headers.get('Idempotent-Replayed')).toBeNull();
    expect(there.body.booking.id).not.toBe(booked.body.booking.id);

    // A token opens nothing at another clinic.
    expect((await get(`${elsewhere}/bookings/${token}`)).status).toBe(404);
    const move = await post(
      `${elsewhere}/bookings/${token}/reschedule`,
      { start: WED_9AM + 1_800_000, providerId: 'dr-lee' },
      'm',
    );
    expect(move.status).toBe(404);
    expect((await post(`${elsewhere}/bookings/${token}/cancel`, {}, 'c')).status).toBe(404);
    expect((await get(`${ctx.api.url}/bookings/${token}`)).body.booking).toMatchObject({
      status: 'confirmed',
      start: WED_9AM,
    });

    // Staff of one clinic see only its bookings and versions.
    const staff = await signIn(ctx.api, 'admin');
    const list = await get(`${ctx.api.url}/staff/bookings`, staff);
    expect((list.body.bookings as { id: string }[]).map((b) => b.id)).toEqual([booked.body.booking.id]);
    expect((await get(`${elsewhere}/staff/members`, staff)).status).toBe(401);
    const restore = await fetch(`${elsewhere}/rules/versions/1/restore`, { method: 'POST', headers: staff });
    expect(restore.status).toBe(401);
  });

  it('serves the default clinic at /api and refuses unknown clinic ids of any shape', async () => {
    // The default clinic exists (503 while it has no rules; another file on a shared PostgreSQL may have seeded it).
    expect([200, 503]).toContain((await get(`${ctx.api.origin}/api/rules`)).status);
    for (const id of ['nope', 'UPPER', 'a'.repeat(64), 'a%00b', 'caf%C3%A9']) {
      const answer = await get(`${ctx.api.origin}/c/${id}/api/rules`);
      expect({ id, status: answer.status }).toEqual({ id, status: 404 });
    }
  });
});
