import { describe, expect, it } from 'vitest';
import { bookingRequest, get, newClinic, post, startApi, useTempApi, WED_9AM } from './testing.ts';

const ctx = useTempApi();

describe('operating the server', () => {
  it('answers /healthz and /readyz', async () => {
    expect(await get(`${ctx.api.origin}/healthz`)).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await get(`${ctx.api.origin}/readyz`)).toMatchObject({ status: 200, body: { status: 'ready' } });
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
