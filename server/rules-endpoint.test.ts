import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FIXTURE_RULES, get, newClinic, signIn, useTempApi } from './testing.ts';

const fixture = JSON.parse(readFileSync(FIXTURE_RULES, 'utf8'));

const ctx = useTempApi();

async function putRules(body: unknown, headers: Record<string, string> | null = null) {
  const session = headers ?? (await signIn(ctx.api));
  return fetch(`${ctx.api.url}/rules`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...session },
    body: JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, etag: r.headers.get('ETag'), body: await r.json() }));
}

describe('GET /rules', () => {
  it('serves the rules as version 2 JSON with a strong ETag, CORS headers and public, no-cache', async () => {
    const answer = await get(`${ctx.api.url}/rules`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
    expect(answer.headers.get('ETag')).toMatch(/^"[\w-]{32}"$/);
    expect(answer.headers.get('Cache-Control')).toBe('public, no-cache');
    expect(answer.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(answer.headers.get('Access-Control-Expose-Headers')).toBe('ETag, Idempotent-Replayed');
    expect(answer.body).toEqual({ ...fixture, version: 2, requires: ['busy-windows'] });
  });

  it("is gzipped for a client that accepts it (the widget's first request), plain for one that does not", async () => {
    const raw = (acceptEncoding: string | undefined) =>
      new Promise<{ encoding: string | undefined; vary: string | undefined; body: Buffer }>((done, fail) => {
        const headers = acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding };
        request(`${ctx.api.url}/rules`, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            done({
              encoding: res.headers['content-encoding'],
              vary: res.headers.vary,
              body: Buffer.concat(chunks),
            }),
          );
        })
          .on('error', fail)
          .end();
      });
    const gzipped = await raw('gzip, deflate, br');
    expect(gzipped.encoding).toBe('gzip');
    expect(gzipped.vary).toBe('Origin, Accept-Encoding');
    expect(JSON.parse(gunzipSync(gzipped.body).toString('utf8'))).toEqual({
      ...fixture,
      version: 2,
      requires: ['busy-windows'],
    });
    const plain = await raw(undefined);
    expect(plain.encoding).toBeUndefined();
    expect(JSON.parse(plain.body.toString('utf8'))).toEqual({
      ...fixture,
      version: 2,
      requires: ['busy-windows'],
    });
    expect(gzipped.body.length).toBeLessThan(plain.body.length / 2);
  });

  it('answers 304 to If-None-Match with the current ETag (weak or in a list too)', async () => {
    const etag = (await get(`${ctx.api.url}/rules`)).headers.get('ETag') ?? '';
    const same = await get(`${ctx.api.url}/rules`, { 'If-None-Match': etag });
    expect(same.status).toBe(304);
    expect(same.text).toBe('');
    expect(same.headers.get('ETag')).toBe(etag);
    expect((await get(`${ctx.api.url}/rules`, { 'If-None-Match': `"other", W/${etag}` })).status).toBe(304);
    expect((await get(`${ctx.api.url}/rules`, { 'If-None-Match': '"stale"' })).status).toBe(200);
  });

  it('answers a CORS preflight for the headers the widget sends', async () => {
    const answer = await fetch(`${ctx.api.url}/bookings`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://clinic.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(answer.headers.get('Access-Control-Allow-Methods')).toBe('GET, POST, PUT');
    expect(answer.headers.get('Access-Control-Allow-Headers')).toBe(
      'Content-Type, Idempotency-Key, If-None-Match, If-Match, X-CSRF-Token',
    );
  });

  it('answers 503 RULES_UNAVAILABLE for a clinic that has no rules yet', async () => {
    const bare = await newClinic(ctx.db, null);
    const answer = await get(`${ctx.api.origin}/c/${bare}/api/rules`);
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({
      code: 'RULES_UNAVAILABLE',
      message: "The clinic's rules cannot be read right now; bookings are paused.",
    });
  });

  it('answers 404 NOT_FOUND for an unknown endpoint and an unknown clinic', async () => {
    const missing = await get(`${ctx.api.url}/slots`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ code: 'NOT_FOUND', message: 'There is no such endpoint.' });
    const clinic = await get(`${ctx.api.origin}/c/no-such-clinic/api/rules`);
    expect(clinic.status).toBe(404);
    expect(clinic.body).toEqual({ code: 'NOT_FOUND', message: 'There is no such clinic on this server.' });
  });
});

describe('PUT /rules', () => {
  it('saves a valid draft durably: it is served from then on with a new ETag', async () => {
    const before = (await get(`${ctx.api.url}/rules`)).headers.get('ETag');
    const draft = { ...fixture, clinic: { ...fixture.clinic, phone: '+1 555 0199' } };
    const saved = await putRules(draft);
    expect(saved.status).toBe(200);
    expect(saved.etag).not.toBe(before);
    expect(saved.body).toEqual({
      etag: saved.etag,
      rulesEtag: expect.stringMatching(/^"[\w-]{32}"$/),
      version: 2,
      warnings: [],
    });
    const served = await get(`${ctx.api.url}/rules`);
    expect(served.headers.get('ETag')).toBe(saved.etag);
    expect((served.body.clinic as { phone: string }).phone).toBe('+1 555 0199');

    await ctx.restart();
    const afterRestart = await get(`${ctx.api.url}/rules`);
    expect(afterRestart.headers.get('ETag')).toBe(saved.etag);
  });

  it('refuses a save without a session (401), from staff (403), and without the CSRF token (403)', async () => {
    const save = (headers: Record<string, string>) =>
      fetch(`${ctx.api.url}/rules`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(fixture),
      }).then(async (r) => ({ status: r.status, body: await r.json() }));
    expect(await save({})).toEqual({
      status: 401,
      body: { code: 'UNAUTHENTICATED', message: 'Sign in as clinic staff first.' },
    });
    const staff = await signIn(ctx.api, 'staff');
    expect(await save(staff)).toEqual({
      status: 403,
      body: { code: 'FORBIDDEN', message: 'Only a clinic administrator can do this.' },
    });
    const admin = await signIn(ctx.api, 'admin');
    const csrf = {
      status: 403,
      body: {
        code: 'CSRF',
        message:
          "This request did not come from the clinic's admin page (its X-CSRF-Token is missing or wrong).",
      },
    };
    expect(await save({ Cookie: admin.Cookie })).toEqual(csrf);
    expect(await save({ ...admin, 'X-CSRF-Token': 'guessed' })).toEqual(csrf);
    expect(
      await save({ ...admin, 'Sec-Fetch-Site': 'cross-site', Origin: 'https://elsewhere.example' }),
    ).toEqual(csrf);
    expect((await save(admin)).status).toBe(200);
  });

  it('refuses a draft with errors: 422 INVALID_RULES with the validator errors, nothing saved', async () => {
    const before = await get(`${ctx.api.url}/rules`);
    const refused = await putRules({ ...fixture, timezone: 'Mars/Olympus' });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('INVALID_RULES');
    expect(refused.body.message).toBe('The rules were not saved: 1 error to fix.');
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ code: 'INVALID_TIMEZONE', path: '/timezone' }),
    ]);
    expect((await get(`${ctx.api.url}/rules`)).headers.get('ETag')).toBe(before.headers.get('ETag'));
  });
});
