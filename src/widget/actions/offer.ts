/**
 * Earlier-slot offers, the patient's side: opting in (or out) from the confirmation or the
 * manage view with the booking's manage token, and showing and taking an offered time from its
 * link (asked for by the page bundle as the page opened: actions/open-offer.ts). Taking it is one
 * request whose idempotency key belongs to the offer, so a double click or a retry after a lost
 * answer moves the booking once; the server decides who gets a time two patients take.
 */
import { batch } from '@preact/signals';
import type { Booking, OfferEarlier } from '../../api/types.ts';
import type { MessageKey } from '../form-values.ts';
import { forgetOfferLink } from '../fragment.ts';
import type { Store } from '../state.ts';
import { bookingDetail } from './answers.ts';
import { idempotencyKeyFor } from './booking.ts';
import { announce, goToStep } from './common.ts';
import { chooseInitial } from './rules.ts';

/** The booking the opt-in applies to: the one just booked, or the one opened from its link. */
function optInTarget(store: Store): { token: string; booking: Booking } | null {
  const step = store.step.peek();
  const confirmation = store.confirmation.peek();
  if (step === 'done' && confirmation)
    return { token: confirmation.manageToken, booking: confirmation.booking };
  const manage = store.manage.peek();
  if (step === 'manage' && manage?.booking) return { token: manage.token, booking: manage.booking };
  return null;
}

/**
 * The offers a patient opting in now gets: those they chose before for this booking; else any
 * provider's times when they booked "any available provider", else their provider's.
 */
export function optInChoice(store: Store, booking: Booking): OfferEarlier {
  if (booking.offerEarlier) return booking.offerEarlier;
  const last = store.lastOptIn;
  if (last?.bookingId === booking.id) return last.choice;
  const anyProvider = store.step.peek() === 'done' && store.providerId.peek() === null;
  return anyProvider ? 'any-provider' : 'same-provider';
}

/** The sentence for an opt-in that was not saved. */
export function optInFailure(code: string | undefined): MessageKey {
  if (code === 'NETWORK' || code === 'TIMEOUT') return 'optInNetwork';
  if (code === 'EXPIRED' || code === 'NOT_FOUND') return 'optInClosed';
  return 'optInFailed';
}

/** Opts the shown booking in to earlier-time offers, or out. One request at a time. */
export async function setOptIn(store: Store, on: boolean): Promise<void> {
  const api = store.deps.apiClient();
  const target = optInTarget(store);
  if (!api || !target || store.optIn.peek().status === 'saving') return;
  const { token, booking } = target;
  const choice = optInChoice(store, booking);
  const wanted = on ? choice : null;
  store.lastOptIn = { bookingId: booking.id, choice };
  store.optIn.value = { status: 'saving', wanted, bookingId: booking.id };
  const result = await api.setOfferEarlier(token, wanted, store.signal);
  if (store.disposed) return;
  const t = store.t.peek();
  if (!result.ok) {
    const { code } = result.error;
    store.optIn.value = { status: 'failed', wanted, bookingId: booking.id, code };
    announce(store, t[optInFailure(code)] as string);
    store.deps.emit('cs-error', { code, message: 'The earlier-time choice was not saved.' });
    return;
  }
  const saved = result.value.booking;
  batch(() => {
    const confirmation = store.confirmation.peek();
    if (confirmation?.booking.id === saved.id) store.confirmation.value = { ...confirmation, booking: saved };
    const manage = store.manage.peek();
    if (manage?.booking?.id === saved.id) store.manage.value = { ...manage, booking: saved };
    store.optIn.value = { status: 'idle', wanted, bookingId: booking.id };
  });
  announce(store, saved.offerEarlier ? t.optInOn : t.optInOff);
}

/**
 * Reads the offer's answer (asked for as the link opened, or again on "Try again") and shows it:
 * beside the visit, gone with its reason, or, for an unknown token, a message and the booking
 * flow. The heading then takes focus (the patient followed a link, maybe far down the page).
 */
export async function showOffer(store: Store): Promise<void> {
  const state = store.offer.peek();
  if (!state?.pending || state.status !== 'loading') return;
  const { token, pending } = state;
  store.offer.value = { token, offer: null, status: 'loading' };
  const result = await pending;
  if (store.disposed || store.offer.peek()?.token !== token) return;
  if (result.ok) {
    batch(() => {
      store.offer.value = { token, offer: result.value, status: 'ready' };
      store.focusTarget.value = 'heading';
    });
    return;
  }
  const { code, reason } = result.error;
  store.deps.emit('cs-error', { code, message: 'The offer link could not be opened.' });
  if (code === 'OFFER_EXPIRED') {
    batch(() => {
      store.offer.value = { token, offer: null, status: 'gone', ...(reason ? { reason } : {}) };
      store.focusTarget.value = 'heading';
    });
    forgetOfferLink(store.deps.locationHash);
    return;
  }
  if (code === 'NOT_FOUND') {
    batch(() => {
      store.offer.value = null;
      store.notice.value = { kind: 'error', key: 'offerInvalid' };
      store.step.value = 'what';
      store.focusTarget.value = 'heading';
    });
    forgetOfferLink(store.deps.locationHash);
    chooseInitial(store);
    return;
  }
  // No answer worth keeping (offline, a timeout): the banner says so; the step offers a retry.
  batch(() => {
    store.offer.value = { token, offer: null, status: 'failed', code };
    store.notice.value = { kind: 'error', key: 'offerLoadFailed', phone: true };
    store.focusTarget.value = 'heading';
  });
}

/** "Try again" on an offer that could not be loaded: asks again, and OfferStep shows the answer. */
export function retryOffer(store: Store): void {
  const api = store.deps.apiClient();
  const state = store.offer.peek();
  if (!api || !state || state.offer !== null || state.status !== 'failed') return;
  batch(() => {
    store.notice.value = null;
    store.offer.value = {
      token: state.token,
      offer: null,
      status: 'loading',
      pending: api.getOffer(state.token, store.signal),
    };
  });
}

/** Moves the booking to the offered time. A second call while one is in flight does nothing. */
export async function takeOffer(store: Store): Promise<void> {
  const api = store.deps.apiClient();
  const state = store.offer.peek();
  if (!api || !state?.offer || (state.status !== 'ready' && state.status !== 'failed')) return;
  const { token, offer } = state;
  const key = idempotencyKeyFor(store, `offer:${token}`);
  batch(() => {
    store.offer.value = { token, offer, status: 'accepting' };
    store.notice.value = null;
  });
  const result = await api.acceptOffer(token, key, store.signal);
  if (store.disposed) return;
  if (result.ok) {
    // The move keeps the opt-in (a still earlier time may open up): the answer repeats it, and an
    // answer without it (a server that does not) keeps the one shown.
    const { offerEarlier } = offer.booking;
    const booking = offerEarlier ? { offerEarlier, ...result.value.booking } : result.value.booking;
    batch(() => {
      store.offer.value = null;
      store.flow.value = 'book';
      store.manage.value = { token: result.value.manageToken, booking, status: 'rescheduled' };
      goToStep(store, 'manage');
    });
    forgetOfferLink(store.deps.locationHash);
    store.deps.emit('cs-rescheduled', bookingDetail(booking));
    return;
  }
  const { code, reason } = result.error;
  store.deps.emit('cs-error', { code, message: 'The booking was not moved to the offered time.' });
  if (code === 'OFFER_EXPIRED' || code === 'NOT_FOUND') {
    batch(() => {
      store.offer.value = { token, offer, status: 'gone', ...(reason ? { reason } : {}) };
      store.focusTarget.value = 'heading';
    });
    forgetOfferLink(store.deps.locationHash);
    return;
  }
  batch(() => {
    store.offer.value = { token, offer, status: 'failed', code };
    store.notice.value = { kind: 'error', key: offerFailure(code) };
  });
}

/** The sentence for an offer no longer available, by the server's reason. */
export function goneMessage(reason: string | undefined): MessageKey {
  if (reason === 'TAKEN') return 'offerTaken';
  if (reason === 'PASSED') return 'offerPassed';
  if (reason === 'USED') return 'offerUsed';
  if (reason === 'BOOKING_CHANGED') return 'offerBookingChanged';
  if (reason === 'CHANGES_CLOSED') return 'offerChangesClosed';
  return 'offerGone';
}

/** The sentence for an offer not taken for want of an answer (the patient may retry). */
function offerFailure(code: string): MessageKey {
  if (code === 'NETWORK') return 'offerNetwork';
  if (code === 'TIMEOUT') return 'offerTimeout';
  return 'offerServer';
}
