import { changeDeadline, openChanges, type PolicyView, readPolicy } from '../change-policy.ts';
import { formatDateTime, formatZoneName } from '../format.ts';
import { findType } from '../rules-view.ts';
import type { Store } from '../state.ts';
import { visitTimes } from '../visit-times.ts';
import { CallSentence } from './Phone.tsx';

/**
 * The type's change policy for a booking (or the time being booked): until when it can be
 * rescheduled or cancelled online, and the clinic's own text. With `manage`, past the cut-off it
 * says why the buttons are gone and gives the clinic's phone number.
 */
export function ChangePolicy({
  store,
  typeId,
  providerId,
  start,
  manage = false,
  now = store.deps.now(),
}: {
  store: Store;
  typeId: string;
  providerId: string;
  start: number;
  manage?: boolean;
  /** The patient's clock, as the caller read it for the same render. */
  now?: number;
}) {
  const t = store.t.value;
  const rules = store.rules.value;
  const policy = readPolicy(rules ? findType(rules, typeId) : undefined);
  if (!policy) return null;
  const open = openChanges(policy, start, now);
  return (
    <dl class="cs-summary cs-policy">
      <dt>{t.policyTitle}</dt>
      <dd>
        <p>
          {open.closed
            ? (manage ? t.changesClosed : t.policyClosedOnceBooked)(cutoffText(store, policy.cutoffMinutes))
            : ruleSentence(store, policy, providerId, start)}
        </p>
        {manage && !(open.cancel && open.reschedule) && <CallToChange store={store} />}
        {policy.text !== '' && <p class="cs-policy-text">{policy.text}</p>}
      </dd>
    </dl>
  );
}

function ruleSentence(store: Store, policy: PolicyView, providerId: string, start: number): string {
  const t = store.t.value;
  const locale = store.locale.value.intl;
  const deadline = changeDeadline(policy, start);
  const [main] = visitTimes(store, providerId, start);
  const when = `${formatDateTime(deadline, main.zone, locale)} (${formatZoneName(main.zone, locale, deadline)})`;
  if (policy.cancelOnline && policy.rescheduleOnline) return t.policyBoth(when);
  if (policy.cancelOnline) return t.policyCancelOnly(when);
  if (policy.rescheduleOnline) return t.policyRescheduleOnly(when);
  return t.policyNone;
}

/** "1 day", "36 hours", "90 minutes": the largest unit that divides the cut-off. */
function cutoffText(store: Store, minutes: number): string {
  const t = store.t.value;
  if (minutes > 0 && minutes % 1440 === 0) return t.cutoffLength(minutes / 1440, 'day');
  if (minutes > 0 && minutes % 60 === 0) return t.cutoffLength(minutes / 60, 'hour');
  return t.cutoffLength(minutes, 'minute');
}

/** "Call +1 555 0100 to reschedule or cancel." with a `tel:` link (as CallToBook). */
export function CallToChange({ store }: { store: Store }) {
  const t = store.t.value;
  return <CallSentence store={store} sentence={t.callToChange} withoutPhone={t.contactToChange} />;
}
