import type { Booking } from '../../api/types.ts';
import { googleCalendarUrl, icsDataUrl } from '../ics.ts';
import type { Store } from '../state.ts';
import { summarize } from '../summary.ts';

/** The `.ics` download and the Google Calendar link for a booking (no patient data in either). */
export function CalendarLinks({ store, booking }: { store: Store; booking: Booking }) {
  const t = store.t.value;
  const summary = summarize(store, booking);
  const event = {
    uid: `${booking.id}@clinic-scheduler`,
    title: summary.title,
    start: booking.start,
    end: booking.end,
    location: summary.where,
    description: store.rules.value?.clinic.phone ?? '',
    stamp: store.deps.now(),
  };
  return (
    <div class="cs-actions">
      <a class="cs-button cs-button--quiet" part="button" href={icsDataUrl(event)} download="appointment.ics">
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
