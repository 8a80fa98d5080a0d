import { useEffect } from 'preact/hooks';
import { askCancel, bookAgain, confirmCancel, keepBooking, startReschedule } from '../actions/manage.ts';
import { openChanges, readPolicy } from '../change-policy.ts';
import { findType } from '../rules-view.ts';
import type { Store } from '../state.ts';
import { Busy } from './Busy.tsx';
import { CalendarLinks } from './CalendarLinks.tsx';
import { Heading } from './Heading.tsx';
import { OptIn } from './OptIn.tsx';
import { ChangePolicy } from './Policy.tsx';
import { Summary } from './Summary.tsx';

/** An existing booking from a reminder link: show it, then reschedule or cancel it. */
export function ManageStep({ store }: { store: Store }) {
  const t = store.t.value;
  const manage = store.manage.value;
  const rules = store.rules.value;
  const booking = manage?.booking ?? null;
  const policy = readPolicy(rules && booking ? findType(rules, booking.appointmentTypeId) : undefined);
  const now = store.deps.now();
  const open = booking ? openChanges(policy, booking.start, now) : null;
  // A reminder's "Reschedule" or "Cancel" link opens its action only while the policy allows it,
  // so the reschedule waits for the rules that hold the policy.
  const reschedule = manage?.reschedule === true && rules !== null && open?.reschedule === true;
  useEffect(() => {
    if (reschedule) startReschedule(store);
  }, [reschedule, store]);
  // Until the rules arrive the type's change policy is unknown: offering a change that then
  // disappears would be worse than a moment's wait. Rules that failed leave it to the server.
  const policyPending = rules === null && store.rulesStatus.value !== 'failed';
  if (!manage || manage.status === 'loading' || !booking || !open || policyPending) {
    return <Busy text={t.loadingBooking} />;
  }
  const status = manage.status === 'confirm-cancel' && !open.cancel ? 'ready' : manage.status;
  const cancelled = booking.status === 'cancelled';
  const upcoming = booking.start > now;
  const title =
    status === 'confirm-cancel' || status === 'cancelling'
      ? t.cancelTitle
      : status === 'cancelled'
        ? t.cancelledTitle
        : status === 'rescheduled'
          ? t.rescheduledTitle
          : t.manageTitle;
  return (
    <div aria-busy={status === 'cancelling' ? 'true' : 'false'}>
      <Heading store={store} text={title} />
      {cancelled && status !== 'cancelled' && <p>{t.alreadyCancelled}</p>}
      <Summary store={store} facts={booking} />
      {status === 'rescheduled' && <CalendarLinks store={store} booking={booking} token={manage.token} />}
      {!cancelled && upcoming && (
        <ChangePolicy
          store={store}
          typeId={booking.appointmentTypeId}
          providerId={booking.providerId}
          start={booking.start}
          now={now}
          manage
        />
      )}
      {(status === 'ready' || status === 'rescheduled') && !cancelled && upcoming && (
        <OptIn store={store} booking={booking} />
      )}
      {(status === 'ready' || status === 'rescheduled') &&
        !cancelled &&
        upcoming &&
        (open.reschedule || open.cancel) && (
          <div class="cs-actions">
            {open.reschedule && (
              <button type="button" class="cs-button" part="button" onClick={() => startReschedule(store)}>
                {t.reschedule}
              </button>
            )}
            {open.cancel && (
              <button
                type="button"
                class="cs-button cs-button--quiet"
                part="button"
                onClick={() => askCancel(store)}
              >
                {t.cancel}
              </button>
            )}
          </div>
        )}
      {cancelled && (
        <div class="cs-actions">
          <button type="button" class="cs-button" part="button" onClick={() => bookAgain(store)}>
            {t.bookNewTime}
          </button>
        </div>
      )}
      {(status === 'confirm-cancel' || status === 'cancelling') && (
        <div class="cs-actions">
          <button
            type="button"
            class="cs-button"
            part="button"
            // Not disabled: focus stays on it while cancelling (see ReviewStep).
            aria-disabled={status === 'cancelling' ? 'true' : undefined}
            onClick={() => void confirmCancel(store)}
          >
            {status === 'cancelling' ? t.cancelling : t.cancelYes}
          </button>
          <button
            type="button"
            class="cs-button cs-button--quiet"
            part="button"
            disabled={status === 'cancelling'}
            onClick={() => keepBooking(store)}
          >
            {t.cancelNo}
          </button>
        </div>
      )}
    </div>
  );
}
