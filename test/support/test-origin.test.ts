import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingRequest } from '../../server/testing.ts';
import { savedRules } from '../../src/api/rules-forms.ts';
import { generateSlots, type RulesDocument } from '../../src/engine/index.ts';
import { apiRoutes, cspPageRoute, startTestOrigin, type TestOrigin } from './test-origin.ts';

let origin: TestOrigin;
let api: Awaited<ReturnType<typeof apiRoutes>>;

beforeAll(async () => {
  api = await apiRoutes();
  origin = await startTestOrigin([api.route, cspPageRoute]);
});

afterAll(async () => {
  await origin.close();
  await api.close();
});

describe('the browser tests’ second origin', () => {
  it('serves the reference API at /api with CORS for any origin', async () => {
    const answer = await fetch(`${origin.url}/api/rules`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(answer.headers.get('Access-Control-Expose-Headers')).toBe('ETag, Idempotent-Replayed');
    expect(((await answer.json()) as { version: number }).version).toBe(2);
  }, 30_000);

  it('gives each sandbox its own store', async () => {
    const rules = (await (await fetch(`${origin.url}/sandbox/one/api/rules`)).json()) as RulesDocument;
    const type = rules.appointmentTypes.find((t) => (t.capacity ?? 1) === 1 && t.providerIds.length > 0);
    if (!type) throw new Error('the sample has no bookable type');
    const now = Date.now();
    const from = DateTime.fromMillis(now, { zone: rules.timezone });
    // Without the busy-windows requirement: the sandboxes start with no bookings.
    const found = generateSlots(savedRules(rules), {
      appointmentTypeId: type.id,
      from: from.toISODate() ?? '',
      to: from.plus({ days: 60 }).toISODate() ?? '',
      now,
      maxSlots: 1,
    });
    const slot = found.ok ? found.slots[0] : undefined;
    if (!slot) throw new Error('no slot in the next 60 days');
    const patient = {
      ...bookingRequest().patient,
      patientStatus: type.patients === 'new' ? 'new' : 'existing',
    };
    const booked = await fetch(`${origin.url}/sandbox/one/api/bookings`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'sandbox-key' },
      body: JSON.stringify({
        appointmentTypeId: type.id,
        providerId: slot.providerId,
        start: slot.start,
        patient,
      }),
    });
    expect(booked.status).toBe(201);
    const month = new Date(slot.start).toISOString().slice(0, 7);
    const busy = async (name: string) =>
      Object.keys(
        ((await (await fetch(`${origin.url}/sandbox/${name}/api/busy/${month}`)).json()) as { busy: object })
          .busy,
      );
    expect(await busy('one')).toEqual([slot.providerId]);
    expect(await busy('two')).toEqual([]);
    expect((await fetch(`${origin.url}/sandbox/bad name/api/rules`)).status).toBe(404);
  });

  it('creates a staff account of a sandbox (test origin only), whose session cookie is scoped to the sandbox path', async () => {
    const made = await fetch(`${origin.url}/sandbox/staffed/test-staff`, {
      method: 'POST',
      body: JSON.stringify({ role: 'admin' }),
    });
    expect(made.status).toBe(201);
    const { email, password } = (await made.json()) as { email: string; password: string };
    expect(email).toMatch(/^admin-[0-9a-f]{12}@sandbox\.example$/);
    const session = await fetch(`${origin.url}/sandbox/staffed/api/staff/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(session.status).toBe(200);
    expect(session.headers.get('set-cookie')).toMatch(/; Path=\/sandbox\/staffed\/api;/);
    // The account belongs to that sandbox's clinic only.
    const elsewhere = await fetch(`${origin.url}/sandbox/other/api/staff/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(elsewhere.status).toBe(401);
    const refused = await fetch(`${origin.url}/sandbox/staffed/test-staff`, {
      method: 'POST',
      body: '{"role":"root"}',
    });
    expect(refused.status).toBe(400);
  }, 30_000);

  it('still serves the repository files, and leaves paths that only start like /api alone', async () => {
    const file = await fetch(`${origin.url}/docs/openapi.yaml`);
    expect(file.status).toBe(200);
    expect((await file.text()).startsWith('openapi: 3.1.0')).toBe(true);
    expect((await fetch(`${origin.url}/apix/rules`)).status).toBe(404);
  });

  it('makes a clinic page under the CSP it is asked for, and refuses an incomplete request', async () => {
    const csp = "script-src 'nonce-abc' 'strict-dynamic'";
    const query = new URLSearchParams({ csp, widget: 'cdn', nonce: 'abc', 'worker-url': 'self' });
    const page = await fetch(`${origin.url}/csp-page?${query}`);
    expect(page.headers.get('Content-Security-Policy')).toBe(csp);
    const html = await page.text();
    expect(html).toContain('<script nonce="abc" src="/test/fixtures/embed/strict-csp.js"></script>');
    expect(html).toContain('<script nonce="abc" src="/test/fixtures/embed/cdn-loader.js"></script>');
    expect(html).toContain(
      '<clinic-scheduler api-base="/sandbox/csp-page/api" worker-url="/dist/slots-worker.js"></clinic-scheduler>',
    );
    const selfHosted = await (await fetch(`${origin.url}/csp-page?csp=x&widget=self`)).text();
    expect(selfHosted).toContain('<script src="/dist/clinic-scheduler.js"></script>');
    expect(selfHosted).toContain('<clinic-scheduler api-base="/sandbox/csp-page/api"></clinic-scheduler>');
    expect((await fetch(`${origin.url}/csp-page?widget=self`)).status).toBe(400);
    expect((await fetch(`${origin.url}/csp-page?csp=x&widget=self&nonce=%22%3E`)).status).toBe(400);
  });
});
