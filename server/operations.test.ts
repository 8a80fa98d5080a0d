import { describe, expect, it } from 'vitest';
import { bookingRequest, get, newClinic, post, startApi, useTempApi, WED_9AM } from './testing.ts';

const ctx = useTempApi();

describe('operating the server', () => {
  it('answers /healthz and /readyz', async () => {
    expect(await get(`${ctx.api.origin}/healthz`)).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await get(`${ctx.api.origin}/readyz`)).toMatchObject({ status: 200, body: { status: 'ready' } });
  });

  it('marks every API answer nosniff, and leaves page policies to the pages and HSTS to the proxy', async () => {
    for (const answer of [
      await get(`${ctx.api.url}/rules`),
      await get(`${ctx.api.url}/no-such-endpoint`),
      await post(`${ctx.api.url}/bookings`, { start: 'soon' }, 'bad-body'),
    ]) {
      const headers = Object.fromEntries(answer.headers);
      expect(headers['x-content-type-options']).toBe('nosniff');
      // Nothing that would stop other sites' pages from reading the patient API.
      expect(headers['cross-origin-resource-policy']).toBeUndefined();
      expect(headers['content-security-policy']).toBeUndefined();
      expect(headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('tells its own time for an answer in Server-Timing only when SERVER_TIMING is on', async () => {
    expect((await get(`${ctx.api.url}/rules`)).headers.get('server-timing')).toBeNull();
    const timed = await startApi(ctx.db, ctx.api.clinicId, ctx.api.clock, { config: { serverTiming: true } });
    try {
      for (const answer of [
        await get(`${timed.url}/rules`),
        await post(`${timed.url}/bookings`, bookingRequest(), 'timed'),
        await get(`${timed.url}/no-such-endpoint`),
      ]) {
        expect(answer.headers.get('server-timing')).toMatch(/^app;dur=\d+\.\d$/);
      }
    } finally {
      await timed.close();
    }
  });

  it('limits requests per clinic, so one busy clinic does not use up another’s budget', async () => {
    const limited = await startApi(ctx.db, ctx.api.clinicId, ctx.api.clock, {
      config: { clinicRequestsPerMinute: 5 },
    });
    try {
      const quiet = await newClinic(ctx.db);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await get(`${limited.url}/rules`)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const refused = await get(`${limited.url}/rules`);
      expect(refused.body).toMatchObject({ code: 'RATE_LIMITED' });
      expect((await get(`${limited.origin}/c/${quiet}/api/rules`)).status).toBe(200);
      // Health checks are never limited.
      expect((await get(`${limited.origin}/healthz`)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('limits requests per client address too, so one client cannot spend its clinic’s budget', async () => {
    const limited = await startApi(ctx.db, ctx.api.clinicId, ctx.api.clock, {
      config: { clinicRequestsPerMinute: 5, clientRequestsPerMinute: 3, trustProxy: true },
    });
    const from = (address: string) => ({ 'X-Forwarded-For': address });
    try {
      const flooding: number[] = [];
      for (let i = 0; i < 6; i++)
        flooding.push((await get(`${limited.url}/rules`, from('203.0.113.7'))).status);
      expect(flooding).toEqual([200, 200, 200, 429, 429, 429]);
      const refused = await get(`${limited.url}/rules`, from('::ffff:203.0.113.7'));
      expect(refused.status).toBe(429);
      // The wait is what is left of the client's minute, in the sentence and the header alike.
      const wait = Number(refused.headers.get('retry-after'));
      expect(wait).toBeGreaterThan(50);
      expect(wait).toBeLessThanOrEqual(60);
      expect(refused.body).toEqual({
        code: 'RATE_LIMITED',
        message: `Too many requests; try again in ${wait} seconds.`,
      });
      // The refused requests took nothing from the clinic: two more of its five are left.
      expect((await get(`${limited.url}/rules`, from('198.51.100.1'))).status).toBe(200);
      expect((await get(`${limited.url}/rules`, from('2001:db8:1::1'))).status).toBe(200);
      const clinicSpent = await get(`${limited.url}/rules`, from('2001:db8:2::1'));
      expect(clinicSpent.status).toBe(429);
      // A client's other addresses in its /64 network are that client.
      for (let i = 0; i < 3; i++)
        await get(`${limited.origin}/c/${await newClinic(ctx.db)}/api/rules`, from(`2001:db8:3::${i}`));
      expect(
        (await get(`${limited.origin}/c/${await newClinic(ctx.db)}/api/rules`, from('2001:db8:3::ff')))
          .status,
      ).toBe(429);
    } finally {
      await limited.close();
    }
  });

  // A request in flight when the stop begins holds a keep-alive connection: unless its answer says
  // `Connection: close`, the stop waits for that connection (on PostgreSQL, whose bookings take
  // longer, this used to hang).
  it('finishes the requests in flight when it stops: every booking it confirmed is stored', async () => {
    const stopping = await startApi(ctx.db, ctx.api.clinicId, ctx.api.clock);
    const requests = Array.from({ length: 12 }, (_, i) =>
      post(
        `${stopping.url}/bookings`,
        bookingRequest({ start: WED_9AM + (i % 6) * 30 * 60_000 }),
        `stop-${i}`,
      ).catch(() => null),
    );
    await new Promise((done) => setTimeout(done, 20));
    await stopping.close();
    const answers = await Promise.all(requests);
    // A request the server had not yet read is turned away (or its connection closed); none is left half done.
    const answered = answers.filter((a) => a !== null);
    for (const answer of answered.filter((a) => a.status === 503)) {
      expect(answer.body).toEqual({
        code: 'SHUTTING_DOWN',
        message: 'This server is stopping; please try again.',
      });
    }
    expect(answered.every((a) => [201, 409, 503].includes(a.status))).toBe(true);
    const confirmed = answered.filter((a) => a.status === 201).map((a) => a.body.booking.id as string);
    const rows = await ctx.db.query<{ id: string }>('SELECT id FROM bookings WHERE clinic_id = $1', [
      ctx.api.clinicId,
    ]);
    expect(rows.map((r) => r.id).sort()).toEqual(confirmed.sort());
  });
});

describe('CORS', () => {
  const preflight = (url: string, method: string, origin: string) =>
    fetch(url, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': method,
        'Access-Control-Request-Headers': 'if-none-match',
      },
    });

  it('lets any site’s widget read the rules and book, preflight included', async () => {
    const rules = await preflight(`${ctx.api.url}/rules`, 'GET', 'https://clinic-site.example');
    expect(rules.status).toBe(204);
    expect(rules.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const book = await preflight(`${ctx.api.url}/bookings`, 'POST', 'https://clinic-site.example');
    expect(book.headers.get('Access-Control-Allow-Origin')).toBe('*');
  });

  it('answers staff endpoints and rules writes only to the admin origins, with credentials', async () => {
    const admin = await startApi(ctx.db, ctx.api.clinicId, ctx.api.clock, {
      config: { adminOrigins: ['https://admin.clinic.example'] },
    });
    try {
      for (const [path, method] of [
        ['/rules', 'PUT'],
        ['/staff/session', 'POST'],
        ['/rules/versions', 'GET'],
      ] as const) {
        const foreign = await preflight(`${admin.url}${path}`, method, 'https://clinic-site.example');
        expect(foreign.headers.get('Access-Control-Allow-Origin'), path).toBeNull();
        const allowed = await preflight(`${admin.url}${path}`, method, 'https://admin.clinic.example');
        expect(allowed.headers.get('Access-Control-Allow-Origin'), path).toBe('https://admin.clinic.example');
        expect(allowed.headers.get('Access-Control-Allow-Credentials'), path).toBe('true');
      }
    } finally {
      await admin.close();
    }
  });
});
