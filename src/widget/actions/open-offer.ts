/**
 * An earlier-time offer's link (`#offer=TOKEN`). The page bundle only asks for the offer, at once,
 * beside the later part that shows it and takes it (OfferStep, actions/offer.ts). The token stays
 * in the fragment while the offer may still be taken (a reload opens it again), and leaves it once
 * the offer is used, gone or unknown, as a manage link's token leaves once it opens nothing.
 */
import { batch } from '@preact/signals';
import { fragmentValue, LINK_TOKEN } from '../fragment.ts';
import type { Store } from '../state.ts';

/** The offer token in a URL fragment, or `null`. */
export function offerTokenFromHash(hash: string): string | null {
  return fragmentValue(hash, 'offer', LINK_TOKEN) ?? null;
}

/** Shows the offer step and asks for the offer behind `token`. */
export function openOfferLink(store: Store, token: string): void {
  const api = store.deps.apiClient();
  if (!api) return;
  batch(() => {
    store.offer.value = { token, offer: null, status: 'loading', pending: api.getOffer(token, store.signal) };
    store.notice.value = null;
    store.step.value = 'offer';
  });
}
