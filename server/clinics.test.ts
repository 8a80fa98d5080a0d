import { describe, expect, it } from 'vitest';
import { removeClinic } from './store/clinics.ts';
import { bookingRequest, get, newClinic, post, signIn, startApi, useTempApi, WED_9AM } from './testing.ts';

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

  it('removes a clinic with every row of it, leaves the others whole, and its API then answers 404', async () => {
    const other = await newClinic(ctx.db);
    const elsewhere = `${ctx.api.origin}/c/${other}/api`;
    const staff = await signIn(ctx.api, 'admin');
    const booked = await post(`${ctx.api.url}/bookings`, bookingRequest(), 'key-1');
    await post(`${ctx.api.url}/bookings`, bookingRequest({ start: WED_9AM + 1_800_000 }), 'key-2');
    const kept = await post(`${elsewhere}/bookings`, bookingRequest(), 'key-1');
    await ctx.api.messagesSent();
    const token = booked.body.manageToken as string;

    expect(await removeClinic(ctx.db, ctx.api.clinicId)).toEqual({
      bookings: 2,
      staff: 1,
      sessions: 1,
      rulesVersions: 1,
      messages: 2,
      offers: 0,
      idempotencyRecords: 2,
    });
    expect(await removeClinic(ctx.db, ctx.api.clinicId)).toBeNull();
    for (const table of [
      'bookings',
      'staff',
      'sessions',
      'rules_versions',
      'outbox',
      'idempotency',
      'earlier_offers',
    ]) {
      const rows = await ctx.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table} WHERE clinic_id = $1`,
        [ctx.api.clinicId],
      );
      expect({ table, rows: rows[0]?.n }).toEqual({ table, rows: 0 });
    }

    // A server started afterwards (or a running one once its minute's memory of the clinic ends).
    const fresh = await startApi(ctx.db, ctx.api.clinicId);
    try {
      expect((await get(`${fresh.url}/rules`)).body).toMatchObject({ code: 'NOT_FOUND' });
      expect((await get(`${fresh.url}/bookings/${token}`)).status).toBe(404);
      expect(
        (await post(`${fresh.url}/bookings`, bookingRequest({ start: WED_9AM + 3_600_000 }), 'key-3')).status,
      ).toBe(404);
      expect((await get(`${fresh.url}/staff/bookings`, staff)).status).toBe(404);
      // The other clinic keeps its booking, its token and its rules.
      const there = await get(`${fresh.origin}/c/${other}/api/bookings/${kept.body.manageToken}`);
      expect(there.body.booking).toMatchObject({ status: 'confirmed', start: WED_9AM });
      expect((await get(`${fresh.origin}/c/${other}/api/rules`)).status).toBe(200);
    } finally {
      await fresh.close();
    }
    // The running server, which saw the clinic a moment ago and remembers it for a minute, books
    // nothing for it meanwhile: it has no rules to book by.
    const late = await post(
      `${ctx.api.url}/bookings`,
      bookingRequest({ start: WED_9AM + 3_600_000 }),
      'key-4',
    );
    expect({ status: late.status, code: late.body.code }).toEqual({ status: 503, code: 'RULES_UNAVAILABLE' });
    expect((await get(`${ctx.api.url}/bookings/${token}`)).status).toBe(404);
  });

  it('leaves no row of a clinic removed while its patients book, and answers each of them with a named code', async () => {
    // The server knows the clinic already, so the bookings reach the database while it is removed.
    expect((await get(`${ctx.api.url}/rules`)).status).toBe(200);
    const starts = Array.from({ length: 6 }, (_, index) => WED_9AM + index * 1_800_000);
    const booking = starts.map((start, index) =>
      post(`${ctx.api.url}/bookings`, bookingRequest({ start }), `race-${index}`),
    );
    await booking[0];
    const removed = removeClinic(ctx.db, ctx.api.clinicId);
    const answers = await Promise.all(booking);
    expect(await removed).not.toBeNull();
    for (const answer of answers) {
      // Booked before the removal (and removed with the clinic), or refused after it: by a server
      // that has not looked the clinic up yet, or one that remembers it but finds no rules.
      expect(['201', '404 NOT_FOUND', '503 RULES_UNAVAILABLE']).toContain(
        answer.status === 201 ? '201' : `${answer.status} ${answer.body.code}`,
      );
    }
    for (const table of ['bookings', 'outbox', 'idempotency']) {
      const rows = await ctx.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table} WHERE clinic_id = $1`,
        [ctx.api.clinicId],
      );
      expect({ table, rows: rows[0]?.n }).toEqual({ table, rows: 0 });
    }
  });
});
