import type { Booking } from '../../api/types.ts';
import { googleCalendarUrl, icsDataUrl } from '../ics.ts';
import { slotLocation } from '../rules-view.ts';
import type { Store } from '../state.ts';
import { summarize } from '../summary.ts';

/**
 * The link that opens this booking's manage view: this very page with `#booking=TOKEN`, spelled
 * out in full. A bare `#booking=…` would follow the host page's `<base href>` to another address,
 * and its `<base target>` to another tab.
 */
export function manageHref(token: string): string {
  return `${location.href.split('#')[0]}#booking=${encodeURIComponent(token)}`;
}

/**
 * The `.ics` download and the Google Calendar link for a booking (no patient data in either):
 * the clinic's name, phone and the visit's place; the file also has a reminder the day before
 * and the manage link.
 */
export function CalendarLinks({ store, booking, token }: { store: Store; booking: Booking; token: string }) {
  const t = store.t.value;
  const summary = summarize(store, booking);
  const rules = store.rules.value;
  const clinic = rules?.clinic;
  // The visit's place (the provider's for a video visit): the clinic's address beside its phone.
  const place = rules ? slotLocation(rules, booking) : undefined;
  const event = {
    uid: `${booking.id}@clinic-scheduler`,
    title: summary.title,
    start: booking.start,
    end: booking.end,
    location: summary.where,
    description: [clinic?.name, clinic?.phone, [place?.name, place?.address].filter(Boolean).join(', ')]
      .filter(Boolean)
      .join('\n'),
    stamp: store.deps.now(),
  };
  const file = { ...event, manage: { text: t.manageHint, url: manageHref(token) } };
  return (
    <div class="cs-actions">
      <a class="cs-button cs-button--quiet" part="button" href={icsDataUrl(file)} download="appointment.ics">
        {t.addIcs}
      </a>
      <a
        class="cs-button cs-button--quiet"
        part="button"
        href={googleCalendarUrl(event)}
        target="_blank"
        rel="noopener noreferrer"
      >
        {t.addGoogle}
      </a>
    </div>
  );
}
