/**
 * Staff sign-in and what staff see: `POST/GET/DELETE /staff/session` and one's own password, the
 * bookings list (any staff member) and the staff accounts (administrators).
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { checkPassword, hashPassword, passwordProblem } from '../auth/passwords.ts';
import {
  endSession,
  requireStaff,
  SESSION_COOKIE,
  sessionHash,
  setSessionCookie,
  startSession,
} from '../auth/sessions.ts';
import { HttpError, invalidFields, notFound } from '../errors.ts';
import { listBookings } from '../store/bookings.ts';
import { offerEarlierOf } from '../store/offers.ts';
import {
  deleteStaff,
  findPasswordHash,
  findStaffForLogin,
  insertStaff,
  listStaff,
  type Role,
  setPasswordHash,
  updateStaffRole,
} from '../store/staff.ts';

const loginBody = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'password'],
  properties: { email: { type: 'string', maxLength: 254 }, password: { type: 'string', maxLength: 256 } },
} as const;

const memberBody = {
  type: 'object',
  additionalProperties: false,
  required: ['email', 'password', 'role'],
  properties: {
    email: { type: 'string', maxLength: 254 },
    password: { type: 'string', maxLength: 256 },
    role: { type: 'string', enum: ['admin', 'staff'] },
  },
} as const;

const ownPasswordBody = {
  type: 'object',
  additionalProperties: false,
  required: ['currentPassword', 'newPassword'],
  properties: {
    currentPassword: { type: 'string', maxLength: 256 },
    newPassword: { type: 'string', maxLength: 256 },
  },
} as const;

const passwordBody = {
  type: 'object',
  additionalProperties: false,
  required: ['password'],
  properties: { password: { type: 'string', maxLength: 256 } },
} as const;

/** An account named in the path, `/staff/members/:id…`. */
const memberParams = { type: 'object', properties: { id: { type: 'string', maxLength: 64 } } } as const;

const roleBody = {
  type: 'object',
  additionalProperties: false,
  required: ['role'],
  properties: { role: { type: 'string', enum: ['admin', 'staff'] } },
} as const;

/** Sign-in attempts per clinic and email address, whatever their outcome. */
export const LOGIN_ATTEMPTS = { max: 10, timeWindow: 15 * 60 * 1000 };

/**
 * One answer of `GET /staff/bookings` holds at most this many bookings, and stops at the booking
 * that takes its JSON past `BOOKINGS_PAGE_BYTES` (intake answers can make a booking 30 KB; the
 * admin page's client takes 8 MB). `truncated` says more start later in the range, which a request
 * `from` the last one's start continues (it lists that start again).
 */
export const BOOKINGS_PAGE = 5_000;
export const BOOKINGS_PAGE_BYTES = 4 * 1024 * 1024;

/**
 * One page's answer as JSON, each booking serialised once: all of `bookings`, or as many as fit
 * (at least one), `truncated` when some are left out.
 */
function pageJson(bookings: readonly object[]): string {
  const parts: string[] = [];
  let bytes = 0;
  for (const booking of bookings) {
    const json = JSON.stringify(booking);
    bytes += json.length + 1;
    if (parts.length === BOOKINGS_PAGE || (parts.length > 0 && bytes > BOOKINGS_PAGE_BYTES)) break;
    parts.push(json);
  }
  return `{"bookings":[${parts.join(',')}],"truncated":${parts.length < bookings.length}}`;
}

export async function staffRoutes(app: FastifyInstance): Promise<void> {
  const { db, now } = app.clinic;

  /**
   * The administrator's session for a change to the account `:id` names, refused (`409 SELF`,
   * saying `self`) when that is their own.
   */
  async function anotherMember(request: FastifyRequest<{ Params: { id: string } }>, self: string) {
    const session = await requireStaff(db, request, request.clinicId, now(), 'admin');
    if (session.staff.id === request.params.id) throw new HttpError(409, { code: 'SELF', message: self });
    return session;
  }

  /**
   * Checks the new password's length (refusing it as the body's `field`), stores its hash and ends
   * the account's sessions but `keep`.
   */
  async function setPassword(
    clinicId: string,
    id: string,
    password: string,
    field: string,
    keep: string | null,
  ) {
    const problem = passwordProblem(password);
    if (problem) throw invalidFields({ [field]: 'TOO_WEAK' }, problem);
    return setPasswordHash(db, clinicId, id, await hashPassword(password), keep);
  }

  app.post<{ Body: { email: string; password: string } }>(
    '/staff/session',
    {
      schema: { body: loginBody },
      config: {
        rateLimit: {
          ...LOGIN_ATTEMPTS,
          hook: 'preHandler',
          keyGenerator: (request) =>
            `login\n${request.clinicId}\n${String((request.body as { email?: unknown })?.email ?? '').toLowerCase()}`,
        },
      },
    },
    async (request, reply) => {
      const { email, password } = request.body;
      const found = await findStaffForLogin(db, request.clinicId, email.trim());
      const ok = await checkPassword(found?.passwordHash ?? null, password);
      if (!found || !ok) {
        throw new HttpError(401, {
          code: 'INVALID_LOGIN',
          message: 'That email and password do not match a staff account of this clinic.',
        });
      }
      const { passwordHash: _hash, ...staff } = found;
      const session = await startSession(db, staff, now());
      setSessionCookie(reply, request, request.apiBase, session.cookie, session.expiresAt - now());
      request.log.info({ staffId: staff.id }, 'staff signed in');
      return reply.header('Cache-Control', 'no-store').send({
        staff: { id: staff.id, email: staff.email, role: staff.role },
        csrfToken: session.csrfToken,
      });
    },
  );

  app.get('/staff/session', async (request, reply) => {
    const session = await requireStaff(db, request, request.clinicId, now(), 'any');
    const { staff } = session;
    return reply
      .header('Cache-Control', 'no-store')
      .send({ staff: { id: staff.id, email: staff.email, role: staff.role }, csrfToken: session.csrfToken });
  });

  app.delete('/staff/session', async (request, reply) => {
    await requireStaff(db, request, request.clinicId, now(), 'any');
    await endSession(db, request);
    reply.clearCookie(SESSION_COOKIE, { path: request.apiBase });
    return reply.code(204).send();
  });

  // One's own password, from the one it replaces: guessed no faster than at sign-in (the same
  // limit, per session), and every other session of the account ends, so a session opened with
  // the old password is closed by the change.
  app.put<{ Body: { currentPassword: string; newPassword: string } }>(
    '/staff/session/password',
    {
      schema: { body: ownPasswordBody },
      config: {
        rateLimit: {
          ...LOGIN_ATTEMPTS,
          hook: 'preHandler',
          keyGenerator: (request) => `password\n${request.clinicId}\n${sessionHash(request) ?? ''}`,
        },
      },
    },
    async (request, reply) => {
      const session = await requireStaff(db, request, request.clinicId, now(), 'any');
      const { currentPassword, newPassword } = request.body;
      const stored = await findPasswordHash(db, request.clinicId, session.staff.id);
      if (!(await checkPassword(stored, currentPassword))) {
        throw invalidFields({ currentPassword: 'WRONG' }, 'That is not your current password.');
      }
      await setPassword(request.clinicId, session.staff.id, newPassword, 'newPassword', sessionHash(request));
      request.log.info({ staffId: session.staff.id }, 'staff password changed');
      return reply.code(204).send();
    },
  );

  app.get<{ Querystring: { from?: string; to?: string } }>(
    '/staff/bookings',
    {
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { from: { type: 'string', maxLength: 40 }, to: { type: 'string', maxLength: 40 } },
        },
      },
    },
    async (request, reply) => {
      await requireStaff(db, request, request.clinicId, now(), 'any');
      const from = request.query.from === undefined ? now() - 86_400_000 : Date.parse(request.query.from);
      const to = request.query.to === undefined ? from + 31 * 86_400_000 : Date.parse(request.query.to);
      if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from || to - from > 400 * 86_400_000) {
        throw invalidFields(
          { range: 'INVALID' },
          'Give from and to as ISO 8601 instants, at most 400 days apart.',
        );
      }
      // One more than a page is asked for, so the answer can say that more follow.
      const found = await listBookings(db, request.clinicId, { from, to, limit: BOOKINGS_PAGE + 1 });
      const optIns = await offerEarlierOf(
        db,
        request.clinicId,
        found.map((booking) => booking.id),
      );
      const bookings = found.map((booking) => {
        const choice = optIns.get(booking.id);
        return choice ? { ...booking, offerEarlier: choice } : booking;
      });
      return reply
        .header('Cache-Control', 'no-store')
        .type('application/json; charset=utf-8')
        .send(pageJson(bookings));
    },
  );

  app.get('/staff/members', async (request, reply) => {
    await requireStaff(db, request, request.clinicId, now(), 'admin');
    return reply.header('Cache-Control', 'no-store').send({ members: await listStaff(db, request.clinicId) });
  });

  app.post<{ Body: { email: string; password: string; role: Role } }>(
    '/staff/members',
    { schema: { body: memberBody } },
    async (request, reply) => {
      await requireStaff(db, request, request.clinicId, now(), 'admin');
      const member = await createStaffMember(db, request.clinicId, request.body, now());
      return reply.code(201).send({ member });
    },
  );

  app.put<{ Params: { id: string }; Body: { role: Role } }>(
    '/staff/members/:id/role',
    {
      schema: {
        params: memberParams,
        body: roleBody,
      },
    },
    async (request, reply) => {
      // So the clinic always keeps an administrator: the one making the change.
      await anotherMember(request, 'You cannot change your own role; ask another administrator.');
      const member = await updateStaffRole(db, request.clinicId, request.params.id, request.body.role);
      if (!member) throw notFound('There is no such staff member.');
      return reply.header('Cache-Control', 'no-store').send({ member });
    },
  );

  // For an account whose password is forgotten or was given out: the administrator sets a new
  // one to hand over, and the account's sessions end.
  app.put<{ Params: { id: string }; Body: { password: string } }>(
    '/staff/members/:id/password',
    {
      schema: {
        params: memberParams,
        body: passwordBody,
      },
    },
    async (request, reply) => {
      const session = await anotherMember(
        request,
        'Change your own password with your current one (Your password).',
      );
      const member = await setPassword(
        request.clinicId,
        request.params.id,
        request.body.password,
        'password',
        null,
      );
      if (!member) throw notFound('There is no such staff member.');
      request.log.info(
        { staffId: member.id, by: session.staff.id },
        'staff password set by an administrator',
      );
      return reply.header('Cache-Control', 'no-store').send({ member });
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/staff/members/:id',
    { schema: { params: memberParams } },
    async (request, reply) => {
      await anotherMember(request, 'You cannot remove your own account; ask another administrator.');
      if (!(await deleteStaff(db, request.clinicId, request.params.id)))
        throw notFound('There is no such staff member.');
      return reply.code(204).send();
    },
  );
}

/** Creates a staff account (also used by `npm run admin:create`). */
export async function createStaffMember(
  db: import('../store/database.ts').Queryable,
  clinicId: string,
  input: { email: string; password: string; role: Role },
  now: number,
) {
  const email = input.email.trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254)
    throw invalidFields({ email: 'INVALID' }, 'The email is not an address like ana@clinic.example.');
  const problem = passwordProblem(input.password);
  if (problem) throw invalidFields({ password: 'TOO_WEAK' }, problem);
  const member = {
    id: `st_${randomBytes(12).toString('base64url')}`,
    clinicId,
    email,
    role: input.role,
    createdAt: now,
  };
  if (!(await insertStaff(db, member, await hashPassword(input.password)))) {
    throw new HttpError(409, {
      code: 'EXISTS',
      message: 'A staff member of this clinic already has that email address.',
    });
  }
  return member;
}
