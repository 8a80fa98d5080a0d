import { describe, expect, it } from 'vitest';
import { bookingRequest } from '../../server/testing.ts';
import { createAdminApiClient } from './admin-client.ts';
import { createApiClient, MAX_RULES_BYTES, MAX_WINDOW_BYTES, newIdempotencyKey } from './client.ts';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  cache: RequestCache | undefined;
}

type Reply = Response | Error | 'hang';

/** A fetch that records each call and answers from a script, one reply per call. */
function fakeFetch(...replies: Reply[]) {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({
      url: String(input),
      method: init.method ?? 'GET',
      headers: { ...(init.headers as Record<string, string>) },
      body: init.body as string | undefined,
      cache: init.cache,
    });
    const reply = replies.shift() ?? new Error('no scripted reply');
    if (reply === 'hang') {
      return new Promise<Response>((_, reject) => {
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    }
    if (reply instanceof Error) throw reply;
    return reply;
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** A JSON answer of `count` megabytes without Content-Length; `sent()` counts the chunks pulled. */
function megabytes(count: number) {
  const chunk = new Uint8Array(1024 * 1024).fill(32);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      sent++;
      if (sent > count) controller.close();
      else controller.enqueue(chunk);
    },
  });
  const response = new Response(stream, { headers: { 'Content-Type': 'application/json' } });
  return { response, sent: () => sent };
}

const RULES = { version: 1, timezone: 'America/New_York', providers: [], appointmentTypes: [] };
const BOOKING = {
  id: 'bk_1',
  appointmentTypeId: 'follow-up',
  providerId: 'dr-lee',
  start: 1_796_220_000_000,
  end: 1_796_221_800_000,
  status: 'confirmed',
  mode: 'in-person',
  locationId: 'main',
};
const REQUEST = bookingRequest({ start: 1_796_220_000_000 });

function client(fetch: typeof globalThis.fetch, timeoutMs = 1000) {
  return createApiClient({
    apiBase: 'https://clinic.example/api/',
    fetch,
    retryBaseMs: 1,
    timeoutMs,
  });
}

describe('fetchRules', () => {
  it('lets the HTTP cache revalidate the first fetch, then revalidates its own copy with If-None-Match (304 → that copy)', async () => {
    const { fetch, calls } = fakeFetch(
      json(200, RULES, { ETag: '"v1"' }),
      new Response(null, { status: 304 }),
    );
    const api = client(fetch);
    expect(api.cachedRules()).toBeNull();
    expect(await api.fetchRules()).toEqual({
      ok: true,
      value: { rules: RULES, etag: '"v1"', fromCache: false },
    });
    expect(calls[0]).toMatchObject({ url: 'https://clinic.example/api/rules', cache: 'no-cache' });
    expect(calls[0]?.headers['If-None-Match']).toBeUndefined();
    expect(api.cachedRules()).toEqual(RULES);

    expect(await api.fetchRules()).toEqual({
      ok: true,
      value: { rules: RULES, etag: '"v1"', fromCache: true },
    });
    expect(calls[1]).toMatchObject({ cache: 'no-store', headers: { 'If-None-Match': '"v1"' } });
  });

  it('keeps nothing in storage: a new client starts without a copy', async () => {
    const { fetch, calls } = fakeFetch(
      json(200, RULES, { ETag: '"v1"' }),
      json(200, RULES, { ETag: '"v1"' }),
    );
    expect((await client(fetch).fetchRules()).ok).toBe(true);
    const later = client(fetch);
    expect(later.cachedRules()).toBeNull();
    expect(await later.fetchRules()).toEqual({
      ok: true,
      value: { rules: RULES, etag: '"v1"', fromCache: false },
    });
    expect(calls[1]?.headers['If-None-Match']).toBeUndefined();
  });

  it('refuses a document that is not JSON, with a clear message', async () => {
    const html = new Response('<html>Sign in to Wi-Fi</html>', { headers: { 'Content-Type': 'text/html' } });
    const { fetch } = fakeFetch(
      html,
      new Response('{"version":', { headers: { 'Content-Type': 'application/json' } }),
    );
    const api = client(fetch);
    expect(await api.fetchRules()).toEqual({
      ok: false,
      error: { code: 'NOT_JSON', message: 'The rules were served as "text/html", not JSON.', status: 200 },
    });
    expect(await api.fetchRules()).toEqual({
      ok: false,
      error: { code: 'NOT_JSON', message: 'The rules document is not valid JSON.', status: 200 },
    });
  });

  it('refuses another version, and does not keep it', async () => {
    const { fetch } = fakeFetch(json(200, { ...RULES, version: 3 }));
    const api = client(fetch);
    expect(await api.fetchRules()).toEqual({
      ok: false,
      error: {
        code: 'UNSUPPORTED_VERSION',
        message: 'The rules document has version 3; this widget reads versions 1 and 2.',
        status: 200,
      },
    });
    expect(api.cachedRules()).toBeNull();
  });

  it('reads version 2 requiring busy windows and intake questions, and refuses a feature it does not know', async () => {
    const windowed = { ...RULES, version: 2, requires: ['busy-windows', 'intake-questions'] };
    const unknown = { ...RULES, version: 2, requires: ['busy-windows', 'waitlists'] };
    const { fetch } = fakeFetch(json(200, windowed), json(200, unknown));
    const api = client(fetch);
    expect(await api.fetchRules()).toMatchObject({ ok: true, value: { rules: windowed } });
    expect(await api.fetchRules()).toEqual({
      ok: false,
      error: {
        code: 'UNSUPPORTED_VERSION',
        message: 'The rules document requires "waitlists", which this widget does not know.',
        status: 200,
      },
    });
  });

  it('refuses more than 5 MB by Content-Length before reading, and by counting streamed bytes', async () => {
    const declared = json(200, RULES, { 'Content-Length': String(MAX_RULES_BYTES + 1) });
    const streamed = megabytes(6);
    const { fetch } = fakeFetch(declared, streamed.response);
    const api = client(fetch);
    const tooLarge = {
      ok: false,
      error: {
        code: 'TOO_LARGE',
        message: `The response is larger than ${MAX_RULES_BYTES} bytes and was refused.`,
      },
    };
    expect(await api.fetchRules()).toEqual(tooLarge);
    expect(await api.fetchRules()).toEqual(tooLarge);
    expect(streamed.sent()).toBeLessThanOrEqual(7);
  });

  it('retries 5xx and network errors with backoff, then succeeds', async () => {
    const { fetch, calls } = fakeFetch(json(503, {}), new TypeError('Failed to fetch'), json(200, RULES));
    const result = await client(fetch).fetchRules();
    expect(result.ok).toBe(true);
    expect(calls).toHaveLength(3);
  });

  it('gives up after the configured retries with the last error', async () => {
    const { fetch, calls } = fakeFetch(
      json(500, {}),
      json(502, {}),
      json(503, {}),
      json(500, { code: 'OOPS' }),
    );
    const result = await client(fetch).fetchRules();
    expect(result).toEqual({
      ok: false,
      error: { code: 'SERVER', message: "The clinic's server had a problem.", status: 500 },
    });
    expect(calls).toHaveLength(4);
  });

  it('sends a change of one’s own password once: a retry after a lost answer would be refused as a wrong password', async () => {
    const { fetch, calls } = fakeFetch(new TypeError('Failed to fetch'), new Response(null, { status: 204 }));
    const admin = createAdminApiClient({ apiBase: '/api', fetch, retryBaseMs: 1 });
    const result = await admin.changeOwnPassword('the current password', 'the next password');
    expect(result).toMatchObject({ ok: false, error: { code: 'NETWORK' } });
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual(['PUT /api/staff/session/password']);
  });

  it('sends the removal of a staff account once: a retry after a lost answer would say there is no such account', async () => {
    const { fetch, calls } = fakeFetch(new TypeError('Failed to fetch'), new Response(null, { status: 204 }));
    const admin = createAdminApiClient({ apiBase: '/api', fetch, retryBaseMs: 1 });
    expect(await admin.removeStaff('st_1')).toMatchObject({ ok: false, error: { code: 'NETWORK' } });
    expect(calls.map((call) => `${call.method} ${call.url}`)).toEqual(['DELETE /api/staff/members/st_1']);
  });

  it('never retries a 4xx', async () => {
    const { fetch, calls } = fakeFetch(json(404, { code: 'NOT_FOUND', message: 'No rules here.' }));
    const result = await client(fetch).fetchRules();
    expect(result).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No rules here.', status: 404 },
    });
    expect(calls).toHaveLength(1);
  });

  it('times out a silent server per attempt, retrying, and reports TIMEOUT', async () => {
    const { fetch, calls } = fakeFetch('hang', 'hang');
    const api = createApiClient({
      apiBase: '/api',
      fetch,
      timeoutMs: 20,
      retries: 1,
      retryBaseMs: 1,
    });
    expect(await api.fetchRules()).toEqual({
      ok: false,
      error: { code: 'TIMEOUT', message: "The clinic's server did not answer within 20 ms." },
    });
    expect(calls).toHaveLength(2);
  });

  it('stops at once when the caller aborts, without retrying', async () => {
    const { fetch, calls } = fakeFetch('hang', 'hang');
    const controller = new AbortController();
    const pending = client(fetch, 5000).fetchRules(controller.signal);
    controller.abort();
    expect(await pending).toEqual({
      ok: false,
      error: { code: 'ABORTED', message: 'The request was cancelled.' },
    });
    expect(calls).toHaveLength(1);
  });
});

describe('bookings', () => {
  it('posts the request in the body with the idempotency key, never patient data in the URL', async () => {
    const { fetch, calls } = fakeFetch(json(201, { booking: BOOKING, manageToken: 'tok' }));
    const result = await client(fetch).createBooking(REQUEST, 'key-1');
    expect(result).toEqual({ ok: true, value: { booking: BOOKING, manageToken: 'tok' } });
    expect(calls[0]).toEqual({
      url: 'https://clinic.example/api/bookings',
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', 'Idempotency-Key': 'key-1' },
      body: JSON.stringify(REQUEST),
      cache: 'no-store',
    });
  });

  it('retries a lost response with the SAME idempotency key', async () => {
    const { fetch, calls } = fakeFetch(
      new TypeError('network changed'),
      'hang',
      json(201, { booking: BOOKING, manageToken: 'tok' }),
    );
    const api = createApiClient({ apiBase: '/api', fetch, timeoutMs: 20, retryBaseMs: 1 });
    const result = await api.createBooking(REQUEST, 'same-key');
    expect(result.ok).toBe(true);
    expect(calls.map((c) => c.headers['Idempotency-Key'])).toEqual(['same-key', 'same-key', 'same-key']);
  });

  it('maps 409 and 422 to SLOT_TAKEN and VALIDATION with field errors, without retrying', async () => {
    const { fetch, calls } = fakeFetch(
      json(409, { code: 'SLOT_TAKEN', message: 'That time is no longer available.', reason: 'BUSY' }),
      json(422, {
        code: 'VALIDATION',
        message: '1 field was not accepted.',
        fieldErrors: { email: 'INVALID' },
      }),
    );
    const api = client(fetch);
    expect(await api.createBooking(REQUEST, 'k')).toEqual({
      ok: false,
      error: {
        code: 'SLOT_TAKEN',
        message: 'That time is no longer available.',
        status: 409,
        reason: 'BUSY',
      },
    });
    expect(await api.createBooking(REQUEST, 'k2')).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: '1 field was not accepted.',
        status: 422,
        fieldErrors: { email: 'INVALID' },
      },
    });
    expect(calls).toHaveLength(2);
  });

  it("keeps a refusal's reason only when it looks like an engine code", async () => {
    const { fetch } = fakeFetch(
      json(409, { code: 'SLOT_TAKEN', message: 'No.', reason: 'DAY_FULL' }),
      json(409, { code: 'SLOT_TAKEN', message: 'No.', reason: '<b>maria@example.com</b>' }),
    );
    const api = client(fetch);
    const first = await api.createBooking(REQUEST, 'k');
    expect(first.ok ? null : first.error.reason).toBe('DAY_FULL');
    const second = await api.createBooking(REQUEST, 'k2');
    expect(second.ok ? null : second.error).toEqual({ code: 'SLOT_TAKEN', message: 'No.', status: 409 });
  });

  it('maps a reused key and unknown server codes to BAD_REQUEST, a body without code by status', async () => {
    const { fetch } = fakeFetch(
      json(422, { code: 'IDEMPOTENCY_KEY_REUSED', message: 'Key reused.' }),
      new Response('gone', { status: 410 }),
    );
    const api = client(fetch);
    expect(await api.createBooking(REQUEST, 'k')).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'Key reused.', status: 422 },
    });
    expect(await api.getBooking('t')).toEqual({
      ok: false,
      error: { code: 'EXPIRED', message: 'That booking link has expired.', status: 410 },
    });
  });

  it('refuses a 201 that is not a confirmation', async () => {
    const { fetch } = fakeFetch(json(201, { booking: { id: 'x' } }));
    expect(await client(fetch).createBooking(REQUEST, 'k')).toEqual({
      ok: false,
      error: {
        code: 'SERVER',
        message: 'The server confirmed, but its answer is not a booking confirmation.',
        status: 201,
      },
    });
  });

  it('opens, reschedules and cancels by token, with the token encoded in the path', async () => {
    const moved = { ...BOOKING, start: BOOKING.start + 3_600_000, end: BOOKING.end + 3_600_000 };
    const { fetch, calls } = fakeFetch(
      json(200, { booking: BOOKING }),
      json(200, { booking: moved, manageToken: 'a/b' }),
      json(200, { booking: { ...moved, status: 'cancelled' } }),
      json(404, { code: 'NOT_FOUND', message: 'No booking matches this link.' }),
    );
    const api = client(fetch);
    expect(await api.getBooking('a/b')).toEqual({ ok: true, value: { booking: BOOKING } });
    expect(await api.reschedule('a/b', { start: moved.start, providerId: 'dr-lee' }, 'k1')).toEqual({
      ok: true,
      value: { booking: moved, manageToken: 'a/b' },
    });
    expect(await api.cancel('a/b', 'k2')).toEqual({
      ok: true,
      value: { booking: { ...moved, status: 'cancelled' } },
    });
    expect(await api.getBooking('nope')).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No booking matches this link.', status: 404 },
    });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET https://clinic.example/api/bookings/a%2Fb',
      'POST https://clinic.example/api/bookings/a%2Fb/reschedule',
      'POST https://clinic.example/api/bookings/a%2Fb/cancel',
      'GET https://clinic.example/api/bookings/nope',
    ]);
    expect(calls[1]?.body).toBe(JSON.stringify({ start: moved.start, providerId: 'dr-lee' }));
    expect(calls[2]?.headers['Idempotency-Key']).toBe('k2');
  });
});

describe('saveRules (the admin client only)', () => {
  const admin = (fetch: typeof globalThis.fetch) =>
    createAdminApiClient({ apiBase: 'https://clinic.example/api/', fetch, retryBaseMs: 1 });

  it('is not in the patient client', () => {
    expect('saveRules' in client(fakeFetch(json(200, {})).fetch)).toBe(false);
  });

  it('PUTs the draft and returns the new ETag', async () => {
    const answer = { etag: '"v2"', rulesEtag: '"r2"', version: 2, warnings: [] };
    const { fetch, calls } = fakeFetch(json(200, answer, { ETag: '"v2"' }));
    expect(await admin(fetch).saveRules(RULES)).toEqual({ ok: true, value: answer });
    expect(calls[0]?.method).toBe('PUT');
    expect(calls[0]?.body).toBe(JSON.stringify(RULES));
  });

  it('gives a refused draft as VALIDATION with the problems and a field error per path', async () => {
    const errors = [{ code: 'INVALID_TIMEZONE', path: '/timezone', message: 'Unknown zone.' }];
    const { fetch } = fakeFetch(json(422, { code: 'INVALID_RULES', message: 'Not saved.', errors }));
    expect(await admin(fetch).saveRules(RULES)).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        serverCode: 'INVALID_RULES',
        message: 'Not saved.',
        status: 422,
        problems: errors,
        fieldErrors: { '/timezone': 'INVALID_TIMEZONE' },
      },
    });
  });
});

describe('newIdempotencyKey', () => {
  it('makes a different random key each time', () => {
    const keys = new Set(Array.from({ length: 50 }, newIdempotencyKey));
    expect(keys.size).toBe(50);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f-]{32,36}$/);
  });
});

describe('fetchBusy', () => {
  const DEC = { start: Date.parse('2026-11-29T12:00:00Z'), end: Date.parse('2027-01-02T12:00:00Z') };
  const window = { month: '2026-12', ...DEC, busy: { lee: [[10, 30]] }, seats: {}, perDay: {} };

  it('lets the HTTP cache revalidate a month’s first fetch, then revalidates its own copy with its ETag (a 304 gives that copy)', async () => {
    const { fetch, calls } = fakeFetch(
      json(200, window, { ETag: '"w1"' }),
      new Response(null, { status: 304 }),
    );
    const api = client(fetch);
    const first = await api.fetchBusy('2026-12');
    expect(first).toEqual({ ok: true, value: { window, etag: '"w1"', fromCache: false } });
    const again = await api.fetchBusy('2026-12');
    expect(again.ok && again.value.fromCache).toBe(true);
    expect(again.ok && again.value.window).toBe(first.ok && first.value.window);
    expect(calls.map((call) => [call.url, call.cache, call.headers['If-None-Match']])).toEqual([
      ['https://clinic.example/api/busy/2026-12', 'no-cache', undefined],
      ['https://clinic.example/api/busy/2026-12', 'no-store', '"w1"'],
    ]);
  });

  it('refuses a window of another range or month (BAD_WINDOW)', async () => {
    const shifted = { ...window, start: DEC.start + 3_600_000 };
    const { fetch } = fakeFetch(json(200, shifted), json(200, { ...window, month: '2027-01' }));
    const api = client(fetch);
    expect(await api.fetchBusy('2026-12')).toEqual({
      ok: false,
      error: {
        code: 'BAD_WINDOW',
        message: `The busy times answered for 2026-12 cover another range (${DEC.start + 3_600_000} to ${DEC.end}).`,
        status: 200,
      },
    });
    expect(await api.fetchBusy('2026-12')).toMatchObject({ ok: false, error: { code: 'BAD_WINDOW' } });
  });

  it('refuses an answer that is not a window (BAD_WINDOW), and a month that is not one', async () => {
    const text = new Response('<html>', { headers: { 'Content-Type': 'text/html' } });
    const { fetch, calls } = fakeFetch(json(200, [1, 2]), text, json(200, { ...window, busy: [] }));
    const api = client(fetch);
    for (let i = 0; i < 3; i++) {
      expect(await api.fetchBusy('2026-12')).toEqual({
        ok: false,
        error: {
          code: 'BAD_WINDOW',
          message: 'The busy times of 2026-12 are not a busy window.',
          status: 200,
        },
      });
    }
    expect(await api.fetchBusy('2026-13')).toMatchObject({ ok: false, error: { code: 'BAD_WINDOW' } });
    expect(calls).toHaveLength(3);
  });

  it('refuses a 50 MB answer by its size limit (TOO_LARGE), declared or streamed', async () => {
    const declared = json(200, window, { 'Content-Length': String(50 * 1024 * 1024) });
    const streamed = megabytes(50);
    const { fetch } = fakeFetch(declared, streamed.response);
    const api = client(fetch);
    const tooLarge = {
      ok: false,
      error: {
        code: 'TOO_LARGE',
        message: `The response is larger than ${MAX_WINDOW_BYTES} bytes and was refused.`,
      },
    };
    expect(await api.fetchBusy('2026-12')).toEqual(tooLarge);
    expect(await api.fetchBusy('2026-12')).toEqual(tooLarge);
    expect(streamed.sent()).toBeLessThanOrEqual(4);
  });

  it('passes on a 404 from a server whose rules carry their bookings', async () => {
    const { fetch } = fakeFetch(json(404, { code: 'NOT_FOUND', message: 'There is no such API endpoint.' }));
    expect(await client(fetch).fetchBusy('2026-12')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', status: 404 },
    });
  });
});
