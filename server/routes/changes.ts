/**
 * What the routes that book or change a booking share (bookings.ts, offers.ts): the context a
 * change runs in, its answer once committed, the token in a manage or offer link's path, and the
 * link's changes that carry nothing but their token (a cancellation, an offer taken).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { BookingContext } from '../booking/bookings.ts';
import {
  fingerprint,
  type Outcome,
  once,
  type Replayable,
  readIdempotencyKey,
} from '../booking/idempotency.ts';
import { deliver, type ServerContext } from '../context.ts';
import { forgetWindows } from '../rules/windows.ts';
import type { Queryable } from '../store/database.ts';

/** A manage or offer token in the path: the length bounds what is hashed and looked up. */
export const tokenParams = {
  type: 'object',
  properties: { token: { type: 'string', maxLength: 100 } },
} as const;

/** The context one request's booking or change runs in; its messages gather in `outbox`. */
export function bookingContext(context: ServerContext, request: FastifyRequest, now: number): BookingContext {
  return {
    catalog: context.catalog,
    clinicId: request.clinicId,
    now,
    outbox: [],
    emails: context.transport !== null,
    sealing: context.outbox,
  };
}

/**
 * Answers a committed booking or change. The first answer forgets the clinic's cached busy windows
 * and sends the change's messages; a replay of an idempotency key sends nothing again and says so.
 */
export function answerChange(
  context: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
  outcome: Replayable,
  booking: BookingContext,
): FastifyReply {
  if (outcome.replayed) {
    reply.header('Idempotent-Replayed', 'true');
  } else {
    forgetWindows(context, request.clinicId);
    deliver(context, booking.outbox);
  }
  return reply.code(outcome.status).header('Cache-Control', 'no-store').send(outcome.body);
}

/**
 * Registers `POST /{link}/:token/{action}` with an empty body: `change` runs once per
 * `Idempotency-Key`, in the key's transaction, and is answered by `answerChange`. The token enters
 * the key's fingerprint only as its own fingerprint, so idempotency records never hold one.
 */
export function tokenChange(
  app: FastifyInstance,
  link: 'bookings' | 'offers',
  action: string,
  bodyLimit: number,
  change: (tx: Queryable, booking: BookingContext, token: string) => Promise<Outcome>,
): void {
  const context = app.clinic;
  app.post<{ Params: { token: string } }>(
    `/${link}/:token/${action}`,
    { bodyLimit, schema: { params: tokenParams, body: { type: 'object', additionalProperties: false } } },
    async (request, reply) => {
      const key = readIdempotencyKey(request.headers['idempotency-key']);
      const now = context.now();
      const { token } = request.params;
      const booking = bookingContext(context, request, now);
      const print = fingerprint(`POST /${link}/${fingerprint('token', token)}/${action}`, {});
      const outcome = await once(context.db, request.clinicId, key, print, now, (tx) =>
        change(tx, booking, token),
      );
      return answerChange(context, request, reply, outcome, booking);
    },
  );
}
