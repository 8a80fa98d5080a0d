/**
 * Opening an earlier-time offer from its email's link (`#offer=TOKEN`). In the page bundle, so the
 * offer starts loading at once, while the later part that shows it (OfferStep) and takes it
 * (actions/offer.ts) loads beside it (start.ts asks for both). The token stays in the fragment while the offer may still be taken (a
 * reload opens it again), and leaves it once the offer is used, gone or unknown, as a manage
 * link's token leaves once it no longer opens anything.
 */
import { batch } from '@preact/signals';
import { forgetOfferLink, fragmentValue } from '../fragment.ts';
import type { Store } from '../state.ts';
import { chooseInitial } from './rules.ts';

const TOKEN = /^[A-Za-z0-9._~-]{1,512}$/;

/** The offer token in a URL fragment, or `null`. */
export function offerTokenFromHash(hash: string): string | null {
  return fragmentValue(hash, 'offer', TOKEN) ?? null;
}

/**
 * Loads the offer behind a token and shows it beside the visit it would move; its heading then
 * takes focus (the patient followed a link here, and the widget may be far down the page).
 */
export async function openOffer(store: Store, token: string): Promise<void> {
  const api = store.deps.apiClient();
  if (!api) {
    store.step.value = 'what';
    return;
  }
  batch(() => {
    store.offer.value = { token, offer: null, status: 'loading' };
    store.notice.value = null;
    store.step.value = 'offer';
  });
  const result = await api.getOffer(token, store.signal);
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
  // No answer worth keeping (offline, a timeout): the banner says so and offers to try again.
  batch(() => {
    store.offer.value = { token, offer: null, status: 'failed', code };
    store.notice.value = { kind: 'error', key: 'offerLoadFailed', phone: true, retry: 'offer' };
    store.focusTarget.value = 'heading';
  });
}

/** "Try again" on an offer that could not be loaded. */
export function retryOffer(store: Store): void {
  const token = store.offer.peek()?.token;
  if (token) void openOffer(store, token);
}
