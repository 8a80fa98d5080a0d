/**
 * The admin page against the real clinic server in happy-dom: the window is moved to the
 * server's origin, so the real admin client talks to the real API same-origin, with happy-dom's
 * cookie jar keeping the HttpOnly session cookie as a browser would. What another staff member
 * does meanwhile goes through `app.inject()` (real routing, its own session).
 */

import { createStaffMember } from '../../server/routes/staff.ts';
import type { Role } from '../../server/store/staff.ts';
import { bookingRequest, type RunningApi } from '../../server/testing.ts';
import type { BookingRequest } from '../../src/api/types.ts';

export const PASSWORD = 'correct horse battery staple';

/** Points happy-dom's window at the server, so `/c/CLINIC/api` is this page's own origin. */
export function openAt(api: RunningApi): string {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(
    `${api.origin}/admin.html`,
  );
  return `/c/${api.clinicId}/api`;
}

export async function staffAccount(api: RunningApi, role: Role, email = `${role}@clinic.example`) {
  await createStaffMember(api.server.db, api.clinicId, { email, password: PASSWORD, role }, api.clock.now);
  return email;
}

async function inject(
  api: RunningApi,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
  headers = {},
) {
  const answer = await api.server.app.inject({
    method,
    url: `/c/${api.clinicId}/api${path}`,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  return { status: answer.statusCode, body: answer.body ? JSON.parse(answer.body) : null };
}

/** Another administrator's save of `rules` (a session of their own), as the admin page of another browser. */
export async function saveAsOtherAdmin(api: RunningApi, rules: unknown): Promise<number> {
  const email = 'other@clinic.example';
  await staffAccount(api, 'admin', email).catch(() => undefined);
  const answer = await api.server.app.inject({
    method: 'POST',
    url: `/c/${api.clinicId}/api/staff/session`,
    payload: { email, password: PASSWORD },
  });
  const cookie = String(answer.headers['set-cookie']).split(';')[0] ?? '';
  const { csrfToken } = JSON.parse(answer.body) as { csrfToken: string };
  const saved = await inject(api, 'PUT', '/rules', rules, { cookie, 'x-csrf-token': csrfToken });
  if (saved.status !== 200) throw new Error(`other admin's save: ${saved.status}`);
  return saved.body.version as number;
}

/**
 * A patient's booking of Dr. Lee's follow-up on Wednesday 2 December 2026, 09:00 in New York, or of
 * what `overrides` say.
 */
export async function bookAsPatient(
  api: RunningApi,
  overrides: Partial<BookingRequest> = { offerEarlier: 'any-provider' },
  key = 'staff-view-1',
): Promise<void> {
  const booked = await inject(api, 'POST', '/bookings', bookingRequest(overrides), {
    'idempotency-key': key,
  });
  if (booked.status !== 201) throw new Error(`booking: ${booked.status} ${JSON.stringify(booked.body)}`);
}

/** The stored rules versions, newest first, as the server has them. */
export async function versionsOf(api: RunningApi) {
  const { listRulesVersions } = await import('../../server/store/rules.ts');
  return listRulesVersions(api.server.db, api.clinicId);
}

/**
 * happy-dom's own fetch (its cookie jar, its same-origin rules), asked to skip its HTTP cache:
 * that cache throws "Cached response not found" when the server answers 304 to a request it did
 * not store (the client's own If-None-Match), where a browser's cache lets the 304 through.
 */
export const pageFetch: typeof fetch = (input, init = {}) =>
  window.fetch(input, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), 'Cache-Control': 'no-cache' },
  });
