import { useEffect } from 'preact/hooks';
import { goneMessage, retryOffer, showOffer, takeOffer } from '../actions/offer.ts';
import type { Store } from '../state.ts';
import { Busy } from './Busy.tsx';
import { Heading } from './Heading.tsx';
import { RetryButton } from './RetryButton.tsx';
import { Summary } from './Summary.tsx';

/**
 * An earlier time offered by email (`#offer=TOKEN`): the patient's visit as it is and the time
 * offered, side by side (each in the shown zone, with the clinic's beside it when it reads
 * differently), and one button that moves the visit. A time someone else took first, or one
 * gone by, is said in a sentence, with the visit shown unchanged.
 */
export function OfferStep({ store }: { store: Store }) {
  const t = store.t.value;
  const state = store.offer.value;
  const pending = state?.pending;
  useEffect(() => {
    if (pending) void showOffer(store);
  }, [pending, store]);
  // Until the rules arrive the clinic's zone and the provider's name are unknown: each side's
  // time would gain its clinic reading a moment later. Rules that failed show what there is.
  const rulesPending = store.rules.value === null && store.rulesStatus.value !== 'failed';
  if (!state || state.status === 'loading' || rulesPending) return <Busy text={t.offerLoading} />;
  const { offer } = state;
  if (state.status === 'gone') {
    return (
      <div>
        <Heading store={store} text={t.offerGoneTitle} />
        <p>{t[goneMessage(state.reason)]}</p>
        {offer && (
          <section aria-labelledby={`${store.idPrefix}-offer-kept`}>
            <h3 id={`${store.idPrefix}-offer-kept`}>{t.offerKept}</h3>
            <Summary store={store} facts={offer.booking} />
          </section>
        )}
      </div>
    );
  }
  // Not loaded for want of an answer: the banner above says so.
  if (!offer) {
    return (
      <div>
        <Heading store={store} text={t.offerTitle} />
        <div class="cs-actions">
          <RetryButton store={store} onRetry={() => retryOffer(store)} />
        </div>
      </div>
    );
  }
  const accepting = state.status === 'accepting';
  const ids = { now: `${store.idPrefix}-offer-now`, next: `${store.idPrefix}-offer-next` };
  return (
    <div aria-busy={accepting ? 'true' : 'false'}>
      <Heading store={store} text={t.offerTitle} />
      <p>{t.offerLead}</p>
      <div class="cs-compare">
        <section aria-labelledby={ids.now}>
          <h3 id={ids.now}>{t.offerCurrent}</h3>
          <Summary store={store} facts={offer.booking} />
        </section>
        <section aria-labelledby={ids.next}>
          <h3 id={ids.next}>{t.offerNew}</h3>
          <Summary store={store} facts={offer.offer} />
        </section>
      </div>
      <div class="cs-actions">
        {/* aria-disabled, not disabled, while sending, as on the review (focus stays on it). */}
        <button
          type="button"
          class="cs-button"
          part="button"
          aria-disabled={accepting ? 'true' : undefined}
          onClick={() => void takeOffer(store)}
        >
          {accepting ? t.offerAccepting : state.status === 'failed' ? t.retry : t.offerAccept}
        </button>
      </div>
    </div>
  );
}
