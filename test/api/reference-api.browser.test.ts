import { describe, expect, inject, it } from 'vitest';
import { createApiClient, newIdempotencyKey } from '../../src/api/client.ts';

/**
 * The client in real Chromium against the reference API on the second origin: CORS preflights
 * for Idempotency-Key and If-None-Match, the exposed ETag, and a 304 the HTTP cache does not hide;
 * and a busy window kept by the HTTP cache from one visit to the next.
 */
const sandbox = `${inject('testOrigin')}/sandbox/reference-api/api`;

describe('the reference API from another origin', () => {
  it('serves rules with a readable ETag and revalidates to 304 across origins', async () => {
    const api = createApiClient({ apiBase: sandbox, timeoutMs: 5000 });
    const first = await api.fetchRules();
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.etag).toMatch(/^"[\w-]{32}"$/);
    expect(first.value.fromCache).toBe(false);
    const second = await api.fetchRules();
    if (!second.ok) throw new Error(second.error.message);
    expect(second.value.fromCache).toBe(true);
    expect(api.cachedRules()).toEqual(first.value.rules);
  });

  it('revalidates a month’s busy window that an earlier page left in the HTTP cache: a 304, not the window again', async () => {
    // On the page's own origin (the sandbox proxy), where Resource Timing tells what crossed the wire.
    const base = '/sandbox/reference-api/api';
    // A month no earlier run of this file in the same browser has left in its cache.
    const month = `${2030 + Math.floor(Math.random() * 20)}-${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}`;
    const earlierVisit = await createApiClient({ apiBase: base, timeoutMs: 5000 }).fetchBusy(month);
    if (!earlierVisit.ok) throw new Error(earlierVisit.error.message);
    // A new client, as the next visit's page starts with: it holds no copy of its own.
    const returning = await createApiClient({ apiBase: base, timeoutMs: 5000 }).fetchBusy(month);
    if (!returning.ok) throw new Error(returning.error.message);
    expect(returning.value.window).toEqual(earlierVisit.value.window);
    const [first, second] = performance.getEntriesByName(
      new URL(`${base}/busy/${month}`, location.href).href,
    ) as PerformanceResourceTiming[];
    // The same body, and on the wire the first answer's headers without it.
    expect(first!.encodedBodySize).toBeGreaterThan(0);
    expect(second!.encodedBodySize).toBe(first!.encodedBodySize);
    expect(second!.transferSize).toBe(first!.transferSize - first!.encodedBodySize);
  });

  it('answers a booking request across origins with a field-by-field 422', async () => {
    const api = createApiClient({ apiBase: sandbox, timeoutMs: 5000 });
    const result = await api.createBooking(
      {
        appointmentTypeId: 'no-such-type',
        providerId: 'no-such-provider',
        start: Date.UTC(2030, 0, 1),
        patient: {
          name: 'Test Patient',
          dateOfBirth: '1990-01-01',
          email: 'test@example.com',
          phone: '+1 555 0100',
          patientStatus: 'new',
          consent: true,
        },
      },
      newIdempotencyKey(),
    );
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        message: 'There is no such appointment type.',
        status: 422,
        fieldErrors: { appointmentTypeId: 'UNKNOWN' },
      },
    });
  });

  it('says NOT_FOUND for an unknown manage token', async () => {
    const api = createApiClient({ apiBase: sandbox, timeoutMs: 5000 });
    const result = await api.getBooking('x'.repeat(43));
    expect(result).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No booking matches this link.', status: 404 },
    });
  });
});
