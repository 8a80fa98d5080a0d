import type { Booking } from '../../api/types.ts';
import { optInChoice, optInFailure, setOptIn } from '../actions/offer.ts';
import { findProvider } from '../rules-view.ts';
import type { Store } from '../state.ts';

/**
 * "Offer me an earlier time": a checkbox on the confirmation and in the manage view, saved at
 * once with the booking's manage token. What it now says is announced in the live region; a
 * choice that was not saved puts the box back as it was and says why, beside it.
 */
export function OptIn({ store, booking }: { store: Store; booking: Booking }) {
  const t = store.t.value;
  const state = store.optIn.value;
  const mine = state.bookingId === booking.id;
  const saving = mine && state.status === 'saving';
  const failed = mine && state.status === 'failed';
  const checked = saving ? state.wanted !== null : booking.offerEarlier !== undefined;
  const choice = saving && state.wanted ? state.wanted : optInChoice(store, booking);
  const rules = store.rules.value;
  const provider = (rules && findProvider(rules, booking.providerId)?.name) ?? booking.providerId;
  const id = `${store.idPrefix}-offer-earlier`;
  return (
    <div class="cs-field cs-opt-in" aria-busy={saving ? 'true' : 'false'}>
      <div class="cs-check">
        <input
          type="checkbox"
          id={id}
          checked={checked}
          aria-describedby={failed ? `${id}-error ${id}-hint` : `${id}-hint`}
          onChange={(event) => {
            // One request at a time: a change while one is saving is put back (it would race it).
            if (saving) event.currentTarget.checked = checked;
            else void setOptIn(store, event.currentTarget.checked);
          }}
        />
        <label for={id}>{t.optInLabel}</label>
      </div>
      <p id={`${id}-hint`} class="cs-meta">
        {choice === 'any-provider' ? t.optInHintAny : t.optInHintSame(provider)}
      </p>
      {failed && (
        <p id={`${id}-error`} class="cs-error">
          {t[optInFailure(state.code)]}
        </p>
      )}
    </div>
  );
}
