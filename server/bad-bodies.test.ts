/**
 * Bad bodies sent to the real server over HTTP: each gets a 4xx with a named code before any
 * handler writes, and the clinic's rows in every table are exactly as before.
 */
import { describe, expect, it } from 'vitest';
import { bookingRequest, post, signIn, useTempApi } from './testing.ts';

const ctx = useTempApi();

const nested = (depth: number, open: string, close: string, inner = '1') =>
  open.repeat(depth) + inner + close.repeat(depth);

interface BadBody {
  name: string;
  body: string | Blob;
  /** Absent: no Content-Type header at all. */
  type?: string;
}

const json = (value: unknown) => JSON.stringify(value);

/** The same bad bodies for every endpoint that takes one. */
const COMMON: BadBody[] = [
  { name: 'malformed JSON', body: '{"appointmentTypeId":', type: 'application/json' },
  { name: 'an empty body', body: '', type: 'application/json' },
  { name: '10 MB', body: json({ padding: 'x'.repeat(10 * 1024 * 1024) }), type: 'application/json' },
  { name: 'arrays nested 5,000 deep', body: nested(5_000, '[', ']'), type: 'application/json' },
  { name: 'a prototype-poisoning key', body: '{"__proto__":{"admin":true}}', type: 'application/json' },
  { name: 'no Content-Type', body: new Blob([json(bookingRequest())]) },
  { name: 'a form body', body: 'a=b', type: 'application/x-www-form-urlencoded' },
  // The one type besides JSON that Fastify parses by default, and one a cross-site page may send
  // without a preflight.
  { name: 'JSON sent as text/plain', body: json(bookingRequest()), type: 'text/plain' },
];

async function send(method: string, url: string, bad: BadBody, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method,
    headers: { ...(bad.type ? { 'Content-Type': bad.type } : {}), 'Idempotency-Key': 'bad-body', ...headers },
    body: bad.body,
  });
  const body = (await response.json()) as Record<string, unknown>;
  return { status: response.status, code: body.code, body };
}

/** The clinic's rows in every table, in full: any write at all changes this. */
async function snapshot(): Promise<string> {
  const tables = ['bookings', 'idempotency', 'outbox', 'rules_versions', 'sessions', 'staff'];
  const rows: Record<string, unknown> = {};
  for (const table of tables) {
    rows[table] = await ctx.db.query(`SELECT * FROM ${table} WHERE clinic_id = $1 ORDER BY 1, 2`, [
      ctx.api.clinicId,
    ]);
  }
  return JSON.stringify(rows);
}

const named: Record<string, { status: number; code: string }> = {
  'malformed JSON': { status: 400, code: 'BAD_REQUEST' },
  'an empty body': { status: 400, code: 'BAD_REQUEST' },
  '10 MB': { status: 413, code: 'TOO_LARGE' },
  'a prototype-poisoning key': { status: 400, code: 'BAD_REQUEST' },
  'no Content-Type': { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  'a form body': { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  'JSON sent as text/plain': { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
};

describe('bad bodies on the real server', () => {
  it('refuses each on the patient endpoints with a named 4xx and changes nothing', async () => {
    const booked = await post(`${ctx.api.url}/bookings`, bookingRequest(), 'the-one-booking');
    expect(booked.status).toBe(201);
    const token = booked.body.manageToken as string;
    const before = await snapshot();
    const endpoints = [
      `${ctx.api.url}/bookings`,
      `${ctx.api.url}/bookings/${token}/reschedule`,
      `${ctx.api.url}/bookings/${token}/cancel`,
    ];
    const specific: (BadBody & { fieldErrors: Record<string, string> })[] = [
      {
        name: 'objects nested 5,000 deep in a field',
        body: `{"patient":${nested(5_000, '{"a":', '}')}}`,
        type: 'application/json',
        fieldErrors: { a: 'UNKNOWN' },
      },
      {
        name: 'a body that is not an object',
        body: '"book me"',
        type: 'application/json',
        fieldErrors: { body: 'INVALID' },
      },
      {
        name: 'an unknown field',
        body: json({ ...bookingRequest(), status: 'confirmed' }),
        type: 'application/json',
        fieldErrors: { status: 'UNKNOWN' },
      },
    ];
    for (const url of endpoints) {
      for (const bad of COMMON) {
        const answer = await send('POST', url, bad);
        const expected = named[bad.name] ?? { status: 422, code: 'VALIDATION' };
        expect({ bad: bad.name, url, ...answer }).toMatchObject({ bad: bad.name, url, ...expected });
      }
    }
    for (const bad of specific) {
      const answer = await send('POST', endpoints[0]!, bad);
      expect({ bad: bad.name, ...answer }).toMatchObject({
        bad: bad.name,
        status: 422,
        body: { code: 'VALIDATION', fieldErrors: bad.fieldErrors },
      });
    }
    // Wrong types: every field of the wrong kind is named.
    const wrong = await post(
      endpoints[0]!,
      { appointmentTypeId: 7, providerId: ['dr-lee'], start: '2026-12-02T14:00:00Z', patient: 'Maria' },
      'wrong-types',
    );
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('VALIDATION');
    expect(wrong.body.fieldErrors).toEqual({ patient: 'INVALID' });
    const wrongFields = await post(
      endpoints[0]!,
      { ...bookingRequest(), appointmentTypeId: 7, providerId: ['dr-lee'], start: '2026-12-02T14:00:00Z' },
      'wrong-types-2',
    );
    expect(wrongFields.status).toBe(422);
    expect(wrongFields.body.fieldErrors).toEqual({
      appointmentTypeId: 'INVALID',
      providerId: 'INVALID',
      start: 'INVALID',
    });
    const wrongMove = await post(endpoints[1]!, { providerId: 5, start: 'soon' }, 'wrong-move');
    expect(wrongMove.status).toBe(422);
    expect(wrongMove.body.code).toBe('VALIDATION');

    expect(await snapshot()).toBe(before);
    // And the server still books after all that.
    const after = await post(
      endpoints[0]!,
      bookingRequest({ start: bookingRequest().start + 1_800_000 }),
      'after-bad-bodies',
    );
    expect(after.status).toBe(201);
  }, 60_000);

  it('refuses each on the staff endpoints (sign-in, rules save) with a named 4xx and changes nothing', async () => {
    const headers = await signIn(ctx.api);
    const before = await snapshot();
    for (const bad of COMMON) {
      const login = await send('POST', `${ctx.api.url}/staff/session`, bad);
      const expected = named[bad.name] ?? { status: 422, code: 'VALIDATION' };
      expect({ bad: bad.name, ...login }).toMatchObject({ bad: bad.name, ...expected });
      const save = await send('PUT', `${ctx.api.url}/rules`, bad, headers);
      const expectedSave = named[bad.name] ?? { status: 422, code: 'INVALID_RULES' };
      expect({ bad: bad.name, ...save }).toMatchObject({ bad: bad.name, ...expectedSave });
    }
    const wrongTypes = await post(
      `${ctx.api.url}/staff/session`,
      { email: ['admin@clinic.example'], password: 12 },
      null,
    );
    expect(wrongTypes.status).toBe(422);
    expect(wrongTypes.body.code).toBe('VALIDATION');
    const unknown = await post(
      `${ctx.api.url}/staff/session`,
      { email: 'admin@clinic.example', password: 'x', role: 'admin' },
      null,
    );
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'VALIDATION', fieldErrors: { role: 'UNKNOWN' } });
    const rules = await send(
      'PUT',
      `${ctx.api.url}/rules`,
      {
        name: 'rules of the wrong types',
        body: json({ version: '1', timezone: 5 }),
        type: 'application/json',
      },
      headers,
    );
    expect(rules.status).toBe(422);
    expect(rules.body.code).toBe('INVALID_RULES');
    expect(await snapshot()).toBe(before);
  }, 60_000);
});
