import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { WINDOW_FRESH_MS } from './rules/windows.ts';
import type { Database } from './store/database.ts';
import {
  bookingRequest,
  get,
  newClinic,
  post,
  signIn,
  startApi,
  storeInvalidRules,
  useTempApi,
  WED_9AM,
} from './testing.ts';

const ctx = useTempApi();

/** The window of December 2026 starts on 29 November at 12:00 UTC: 9:00 on 2 December in New York is minute 4,440. */
const DEC_START = Date.parse('2026-11-29T12:00:00Z');
const WED_9AM_MINUTE = (WED_9AM - DEC_START) / 60_000;

describe('GET /rules', () => {
  it('serves the saved rules as version 2 requiring busy windows, with no booking, and the same ETag after a booking', async () => {
    const first = await get(`${ctx.api.url}/rules`);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('public, no-cache');
    const rules = first.body as {
      version: number;
      requires: string[];
      busy?: unknown;
      busyWindows?: unknown;
    };
    expect(rules.version).toBe(2);
    expect(rules.requires).toEqual(['busy-windows']);
    expect(rules.busy).toBeUndefined();
    expect(rules.busyWindows).toBeUndefined();

    expect((await post(`${ctx.api.url}/bookings`, bookingRequest(), 'one')).status).toBe(201);
    const etag = first.headers.get('etag')!;
    const again = await get(`${ctx.api.url}/rules`, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
  });

  it('stores a draft made from the served document without the busy-windows requirement', async () => {
    const headers = await signIn(ctx.api);
    const served = (await get(`${ctx.api.url}/rules`)).body as Record<string, unknown>;
    const draft = {
      ...served,
      busyWindows: [{ month: '2026-12', start: DEC_START, end: DEC_START + 60_000 }],
    };
    const saved = await fetch(`${ctx.api.url}/rules`, {
      method: 'PUT',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify(draft),
    });
    expect(saved.status).toBe(200);
    const { version } = (await saved.json()) as { version: number };
    const stored = await get(`${ctx.api.url}/rules/versions/${version}`, headers);
    const document = (stored.body as { document: Record<string, unknown> }).document;
    expect(document.requires).toEqual([]);
    expect(document.busyWindows).toBeUndefined();
    // The booking step re-checks against the stored bookings, so a booking still goes through.
    expect((await post(`${ctx.api.url}/bookings`, bookingRequest(), 'after-save')).status).toBe(201);
  });
});

describe('GET /busy/{YYYY-MM}', () => {
  it("answers the month's busy time, changes its ETag with a booking in it, and keeps another month's", async () => {
    const december = await get(`${ctx.api.url}/busy/2026-12`);
    const january = await get(`${ctx.api.url}/busy/2027-01`);
    expect(december.status).toBe(200);
    expect(december.headers.get('cache-control')).toBe('public, no-cache');
    expect(december.body).toEqual({
      month: '2026-12',
      start: DEC_START,
      end: Date.parse('2027-01-02T12:00:00Z'),
      busy: {},
      seats: {},
      perDay: {},
    });

    expect((await post(`${ctx.api.url}/bookings`, bookingRequest(), 'one')).status).toBe(201);
    const changed = await get(`${ctx.api.url}/busy/2026-12`, {
      'If-None-Match': december.headers.get('etag')!,
    });
    expect(changed.status).toBe(200);
    expect((changed.body as { busy: unknown }).busy).toEqual({ 'dr-lee': [[WED_9AM_MINUTE, 30]] });
    const unchanged = await get(`${ctx.api.url}/busy/2027-01`, {
      'If-None-Match': january.headers.get('etag')!,
    });
    expect(unchanged.status).toBe(304);
  });

  it('says nothing of who booked or which type: only merged times, group seats and daily counts', async () => {
    expect((await post(`${ctx.api.url}/bookings`, bookingRequest(), 'a')).status).toBe(201);
    const next = bookingRequest({ start: WED_9AM + 1_800_000 });
    expect((await post(`${ctx.api.url}/bookings`, next, 'b')).status).toBe(201);
    const window = await get(`${ctx.api.url}/busy/2026-12`);
    expect((window.body as { busy: unknown }).busy).toEqual({ 'dr-lee': [[WED_9AM_MINUTE, 60]] });
    expect(window.text).not.toMatch(/Maria|Garcia|example\.com|follow-up/);
  });

  it('gzips a window for a client that accepts it', async () => {
    const response = await fetch(`${ctx.api.url}/busy/2026-12`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    // fetch decodes it; the raw body is checked by decoding what a gzip-only client would get.
    expect(JSON.parse(await response.text()).month).toBe('2026-12');
    const raw = await ctx.api.server.app.inject({
      url: `/c/${ctx.api.clinicId}/api/busy/2026-12`,
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(JSON.parse(gunzipSync(raw.rawPayload).toString()).month).toBe('2026-12');
  });

  it.each(['2026-13', '1999-12', '3000-01', '2026-1', 'december', '2026-12-01'])(
    'answers 404 NOT_FOUND for %s',
    async (month) => {
      const answer = await get(`${ctx.api.url}/busy/${month}`);
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({ code: 'NOT_FOUND', message: 'There is no such month.' });
    },
  );

  it('answers 503 RULES_INVALID when its own stored rules do not validate', async () => {
    await storeInvalidRules(ctx.db, ctx.api.clinicId, ctx.api.clock.now);
    ctx.api.clock.now += 2_000;
    const answer = await get(`${ctx.api.url}/busy/2026-12`);
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({
      code: 'RULES_INVALID',
      message:
        "The clinic's rules have errors, so its busy times cannot be served until an administrator fixes them.",
    });
  });

  it("shows another instance's booking within WINDOW_FRESH_MS, and this instance's own at once", async () => {
    const other = await startApi(ctx.db, ctx.api.clinicId, ctx.api.clock);
    try {
      const first = await get(`${ctx.api.url}/busy/2026-12`);
      expect((first.body as { busy: unknown }).busy).toEqual({});
      expect((await post(`${other.url}/bookings`, bookingRequest(), 'on-the-other')).status).toBe(201);
      await new Promise((done) => setTimeout(done, WINDOW_FRESH_MS + 50));
      const seen = await get(`${ctx.api.url}/busy/2026-12`);
      expect((seen.body as { busy: unknown }).busy).toEqual({ 'dr-lee': [[WED_9AM_MINUTE, 30]] });

      const own = bookingRequest({ start: WED_9AM + 1_800_000 });
      expect((await post(`${ctx.api.url}/bookings`, own, 'on-this-one')).status).toBe(201);
      const after = await get(`${ctx.api.url}/busy/2026-12`);
      expect((after.body as { busy: unknown }).busy).toEqual({ 'dr-lee': [[WED_9AM_MINUTE, 60]] });
    } finally {
      await other.close();
    }
  });

  it('reads the bookings once for many requests at once, and not again within WINDOW_FRESH_MS', async () => {
    let reads = 0;
    const counted: Database = {
      ...ctx.db,
      query: (sql, params) => {
        if (/FROM bookings/.test(sql)) reads++;
        return ctx.db.query(sql, params);
      },
    };
    const counting = await startApi(counted, ctx.api.clinicId, ctx.api.clock);
    try {
      const answers = await Promise.all(
        Array.from({ length: 20 }, () => get(`${counting.url}/busy/2026-12`)),
      );
      expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
      expect(new Set(answers.map((answer) => answer.headers.get('etag'))).size).toBe(1);
      expect(reads).toBe(1);
      const etag = answers[0]!.headers.get('etag')!;
      const again = await Promise.all(
        Array.from({ length: 20 }, () => get(`${counting.url}/busy/2026-12`, { 'If-None-Match': etag })),
      );
      expect(again.map((answer) => answer.status)).toEqual(Array(20).fill(304));
      expect(reads).toBe(1);
    } finally {
      await counting.close();
    }
  });

  it("keeps one clinic's busy time from another's", async () => {
    expect((await post(`${ctx.api.url}/bookings`, bookingRequest(), 'mine')).status).toBe(201);
    const other = await startApi(ctx.db, await newClinic(ctx.db), ctx.api.clock);
    try {
      expect(((await get(`${other.url}/busy/2026-12`)).body as { busy: unknown }).busy).toEqual({});
      const unknown = ctx.api.url.replace(ctx.api.clinicId, 'no-such-clinic');
      expect((await get(`${unknown}/busy/2026-12`)).body).toEqual({
        code: 'NOT_FOUND',
        message: 'There is no such clinic on this server.',
      });
    } finally {
      await other.close();
    }
  });
});
