import { describe, expect, it } from 'vitest';
import { bookingRequest, useTempApi, WED_9AM } from '../../server/testing.ts';
import { createApiClient } from './client.ts';

const ctx = useTempApi();
const HALF_HOUR = 30 * 60_000;

describe("the client's earlier-slot offers against the reference API", () => {
  it('opts out and in, opens and accepts an offer, and reads an expired one as OFFER_EXPIRED', async () => {
    const api = createApiClient({ apiBase: ctx.api.url, retries: 0 });
    const freed = await api.createBooking(bookingRequest(), 'c-1');
    const waiting = await api.createBooking(
      bookingRequest({ start: WED_9AM + 3 * HALF_HOUR, offerEarlier: 'same-provider' }),
      'c-2',
    );
    if (!freed.ok || !waiting.ok) throw new Error('not booked');
    expect(waiting.value.booking.offerEarlier).toBe('same-provider');
    const out = await api.setOfferEarlier(waiting.value.manageToken, null);
    expect(out.ok && out.value.booking.offerEarlier).toBe(undefined);
    const back = await api.setOfferEarlier(waiting.value.manageToken, 'same-provider');
    expect(back.ok && back.value.booking.offerEarlier).toBe('same-provider');

    await api.cancel(freed.value.manageToken, 'c-3');
    await ctx.api.messagesSent();
    const token = ctx.api.outbox.offers(ctx.api.clinicId)[0]?.offer?.token ?? '';
    const offer = await api.getOffer(token);
    expect(offer.ok && [offer.value.offer.start, offer.value.booking.start]).toEqual([
      WED_9AM,
      WED_9AM + 3 * HALF_HOUR,
    ]);
    const accepted = await api.acceptOffer(token, 'c-4');
    expect(accepted.ok && accepted.value.booking.start).toBe(WED_9AM);
    const again = await api.getOffer(token);
    expect(again).toEqual({
      ok: false,
      error: {
        code: 'OFFER_EXPIRED',
        message: 'This offer has already been accepted.',
        status: 410,
        reason: 'USED',
      },
    });
  });
});
