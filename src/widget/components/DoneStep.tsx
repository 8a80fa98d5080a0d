import { startOver } from '../actions/flow.ts';
import type { Store } from '../state.ts';
import { CalendarLinks, manageHref } from './CalendarLinks.tsx';
import { Heading } from './Heading.tsx';
import { OptIn } from './OptIn.tsx';
import { Summary } from './Summary.tsx';

/**
 * The confirmation: the appointment, calendar links, the offer of an earlier time and how to
 * reschedule or cancel.
 */
export function DoneStep({ store }: { store: Store }) {
  const t = store.t.value;
  const confirmation = store.confirmation.value;
  if (!confirmation) return null;
  const { booking, manageToken } = confirmation;
  return (
    <div>
      <Heading store={store} text={t.confirmedTitle} />
      {confirmation.emailSent && <p>{t.confirmedLead}</p>}
      <Summary store={store} facts={booking} />
      <CalendarLinks store={store} booking={booking} token={manageToken} />
      <OptIn store={store} booking={booking} />
      <p>
        {t.manageHint}{' '}
        <a class="cs-link" href={manageHref(manageToken)} target="_self">
          {t.manageLink}
        </a>
      </p>
      <div class="cs-actions">
        <button
          type="button"
          class="cs-button cs-button--quiet"
          part="button"
          onClick={() => startOver(store)}
        >
          {t.bookAnother}
        </button>
      </div>
    </div>
  );
}
