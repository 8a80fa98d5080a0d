/**
 * Staff sessions: a random cookie value whose SHA-256 is the session's key in the database, with a
 * CSRF token the admin page sends back in `X-CSRF-Token` on every write. The cookie is HttpOnly,
 * SameSite=Strict, scoped to the clinic's API path, and Secure whenever the request came over
 * HTTPS (directly or through a proxy the server trusts).
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../errors.ts';
import type { Queryable } from '../store/database.ts';
import {
  deleteSession,
  findSession,
  insertSession,
  type Role,
  type SessionRow,
  type StaffMember,
} from '../store/staff.ts';

export const SESSION_COOKIE = 'cs_staff';
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;

const digest = (value: string) => createHash('sha256').update(value).digest('base64url');

export async function startSession(
  db: Queryable,
  staff: StaffMember,
  now: number,
): Promise<{ cookie: string; csrfToken: string; expiresAt: number }> {
  const cookie = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = now + SESSION_LIFETIME_MS;
  await insertSession(db, {
    idHash: digest(cookie),
    staffId: staff.id,
    clinicId: staff.clinicId,
    csrfToken,
    now,
    expiresAt,
  });
  return { cookie, csrfToken, expiresAt };
}

export function setSessionCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  path: string,
  value: string,
  maxAgeMs: number,
) {
  reply.setCookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    path,
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

export async function readSession(
  db: Queryable,
  request: FastifyRequest,
  clinicId: string,
  now: number,
): Promise<SessionRow | null> {
  const hash = sessionHash(request);
  return hash ? findSession(db, clinicId, hash, now) : null;
}

export async function endSession(db: Queryable, request: FastifyRequest): Promise<void> {
  const hash = sessionHash(request);
  if (hash) await deleteSession(db, hash);
}

/** The database's key for the session of the request's cookie (null without a cookie that could be one). */
export function sessionHash(request: FastifyRequest): string | null {
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie && cookie.length <= 100 ? digest(cookie) : null;
}

/**
 * The signed-in staff member for a request, or a refusal: 401 without a live session, 403 with the
 * wrong role, 403 for a write without the session's CSRF token or from another site.
 */
export async function requireStaff(
  db: Queryable,
  request: FastifyRequest,
  clinicId: string,
  now: number,
  role: Role | 'any',
): Promise<SessionRow> {
  const session = await readSession(db, request, clinicId, now);
  if (!session) {
    throw new HttpError(401, { code: 'UNAUTHENTICATED', message: 'Sign in as clinic staff first.' });
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    if (request.headers['sec-fetch-site'] === 'cross-site') throw crossSite();
    const sent = request.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !sameSecret(sent, session.csrfToken)) throw crossSite();
  }
  if (role === 'admin' && session.staff.role !== 'admin') {
    throw new HttpError(403, { code: 'FORBIDDEN', message: 'Only a clinic administrator can do this.' });
  }
  return session;
}

function crossSite(): HttpError {
  return new HttpError(403, {
    code: 'CSRF',
    message: "This request did not come from the clinic's admin page (its X-CSRF-Token is missing or wrong).",
  });
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
