/**
 * Earlier-slot offers: open an offer link, accept it, and a booking's opt-in set or cleared from
 * its manage link. Offer tokens, like manage tokens, reach the server only in these paths (the
 * logs name them `/offers/:token`).
 */
import type { FastifyInstance } from 'fastify';
import { live, publicBooking } from '../booking/bookings.ts';
import { acceptOffer, openOffer } from '../booking/offers.ts';
import { checkOfferEarlier, type FieldErrors } from '../booking/request.ts';
import { hashToken } from '../booking/tokens.ts';
import { HttpError, invalidFields } from '../errors.ts';
import { findBookingByToken } from '../store/bookings.ts';
import { setOfferEarlier } from '../store/offers.ts';
import { bookingContext, tokenChange, tokenParams } from './changes.ts';

export async function offerRoutes(app: FastifyInstance): Promise<void> {
  const context = app.clinic;

  app.get<{ Params: { token: string } }>(
    '/offers/:token',
    { schema: { params: tokenParams } },
    async (request, reply) => {
      const now = context.now();
      const offer = await openOffer(context.db, bookingContext(context, request, now), request.params.token);
      return reply.header('Cache-Control', 'no-store').send(offer);
    },
  );

  tokenChange(app, 'offers', 'accept', 1024, acceptOffer);

  app.put<{ Params: { token: string } }>(
    '/bookings/:token/offer-earlier',
    {
      bodyLimit: 1024,
      schema: {
        params: tokenParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['offerEarlier'],
          properties: { offerEarlier: {} },
        },
      },
    },
    async (request, reply) => {
      const errors: FieldErrors = {};
      const choice = checkOfferEarlier((request.body as { offerEarlier: unknown }).offerEarlier, errors);
      if (Object.keys(errors).length > 0) {
        throw invalidFields(errors, 'Send offerEarlier as "same-provider", "any-provider" or null.');
      }
      const now = context.now();
      const booking = await context.db.transaction(async (tx) => {
        const found = live(
          await findBookingByToken(tx, request.clinicId, hashToken(request.params.token), true),
          now,
        );
        if (found.status === 'cancelled') {
          throw new HttpError(410, {
            code: 'EXPIRED',
            message:
              'This booking was cancelled and can no longer be changed; book a new appointment instead.',
          });
        }
        await setOfferEarlier(tx, request.clinicId, found.id, choice);
        return found;
      });
      const answer = publicBooking(booking);
      if (choice) answer.offerEarlier = choice;
      return reply.header('Cache-Control', 'no-store').send({ booking: answer });
    },
  );
}
