/**
 * The staff's view of 31 days of bookings (from today, or a day they choose): a plain table, times
 * in the clinic's zone, with a move to another free time and a cancellation (asked twice) for the
 * patient on each upcoming one.
 * The patients' details are on screen only (see bookings.ts).
 */
import { DateTime } from 'luxon';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { StaffBooking } from '../../api/types.ts';
import { answerText, type StoredAnswer } from '../../intake.ts';
import { BOOKING_DAYS, type Bookings, findsPatient } from '../bookings.ts';
import { clinicTime } from '../format.ts';
import { type FreeTimes, SEARCH_DAYS } from '../free-times.ts';
import { namesOf } from './DiffTable.tsx';

/** Whether the patient asked to be offered an earlier time that frees up (docs/api.md). */
const EARLIER = { 'same-provider': 'Yes, this provider', 'any-provider': 'Yes, any provider', none: 'No' };

/** The intake answers, each under the question as the patient read it. */
function Answers({ answers }: { answers: StoredAnswer[] }) {
  if (answers.length === 0) return null;
  return (
    <dl class="cs-admin-answers">
      {answers.flatMap((answer, index) => [
        <dt key={`q${index}`}>{answer.label}</dt>,
        <dd key={`a${index}`}>{answerText(answer.value, 'Yes', 'No')}</dd>,
      ])}
    </dl>
  );
}

/**
 * Focus for a button that opens a small form in its place: `opened` takes it when the form opens,
 * and the button (`opener`) gets it back when the form closes, so a keyboard user is never left on
 * the page's body.
 */
function useFocusInPlace<Opened extends HTMLElement>(open: boolean) {
  const opener = useRef<HTMLButtonElement>(null);
  const opened = useRef<Opened>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) opened.current?.focus();
    else if (wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return { opener, opened };
}

/** "Cancel…", then "Cancel the visit" or "Keep it" (focused): a booking is never cancelled by one slip. */
function CancelCell({
  booking,
  bookings,
  when,
}: {
  booking: StaffBooking;
  bookings: Bookings;
  when: string;
}) {
  const [asking, setAsking] = useState(false);
  const focus = useFocusInPlace<HTMLButtonElement>(asking);
  if (!bookings.cancellable(booking)) return null;
  const busy = bookings.changing.value !== null;
  if (!asking) {
    return (
      <button
        ref={focus.opener}
        type="button"
        onClick={() => setAsking(true)}
        aria-label={`Cancel… ${booking.patient.name}, ${when}`}
      >
        Cancel…
      </button>
    );
  }
  return (
    <span class="cs-admin-actions">
      <button
        type="button"
        class="cs-admin-danger"
        disabled={busy}
        onClick={() => void bookings.cancel(booking).then(() => setAsking(false))}
        aria-label={`Cancel the visit: ${booking.patient.name}, ${when}`}
      >
        Cancel the visit
      </button>
      <button
        ref={focus.opened}
        type="button"
        onClick={() => setAsking(false)}
        aria-label={`Keep it: ${booking.patient.name}, ${when}`}
      >
        Keep it
      </button>
    </span>
  );
}

/** The providers who offer `typeId` in `rules`, with their names. */
function offering(rules: unknown, typeId: string, providers: Map<string, string>): string[] {
  const types = (rules as { appointmentTypes?: { id?: unknown; providerIds?: unknown }[] } | null)
    ?.appointmentTypes;
  const ids = types?.find((type) => type.id === typeId)?.providerIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => providers.has(id)) : [];
}

/**
 * "Move…", then a day and (when several offer the visit) a provider, that day's free times, and
 * "Move to …" or "Keep the time". The times are the saved rules' with the saved busy time; the
 * server checks the chosen one again, and a time taken meanwhile is refused in its words, after
 * which the times are found again.
 */
function MoveCell({
  booking,
  bookings,
  when,
  zone,
  providers,
  offeredBy,
}: {
  booking: StaffBooking;
  bookings: Bookings;
  when: string;
  zone: string;
  providers: Map<string, string>;
  offeredBy: string[];
}) {
  const [open, setOpen] = useState(false);
  /** Where the form starts: the booking's own day and provider. */
  const fromBooking = () => ({
    day: DateTime.fromMillis(booking.start, { zone }).toISODate() ?? '',
    providerId: booking.providerId,
  });
  // A new object finds the times again, also for the same day and provider (after a refusal).
  const [search, setSearch] = useState(fromBooking);
  /** null while they are found. */
  const [times, setTimes] = useState<FreeTimes | null>(null);
  const [chosen, setChosen] = useState<number | null>(null);
  const focus = useFocusInPlace<HTMLInputElement>(open);
  // The row's booking as it now is, read by the search without starting one: a move gives the row a
  // new booking object just before the form closes.
  const current = useRef(booking);
  current.current = booking;
  useEffect(() => {
    if (!open) return;
    const abort = new AbortController();
    setTimes(null);
    setChosen(null);
    void bookings
      .freeTimes(current.current, search.providerId, search.day, zone, abort.signal)
      .then((found) => {
        if (!abort.signal.aborted) setTimes(found);
      });
    return () => abort.abort();
  }, [open, search, bookings, zone]);
  if (!bookings.cancellable(booking)) return null;
  const who = `${booking.patient.name}, ${when}`;
  if (!open) {
    return (
      <button
        ref={focus.opener}
        type="button"
        onClick={() => {
          setSearch(fromBooking());
          setOpen(true);
        }}
        aria-label={`Move… ${who}`}
      >
        Move…
      </button>
    );
  }
  const busy = bookings.changing.value !== null;
  const move = async (start: number) => {
    if (await bookings.move(booking, { start, providerId: search.providerId }, zone)) setOpen(false);
    else setSearch({ ...search });
  };
  let list = <p class="cs-admin-status">Finding free times…</p>;
  if (times && !times.ok) list = <p class="cs-admin-error">{times.message}</p>;
  else if (times?.ok && times.slots.length === 0) {
    const next = times.nextDay;
    list = (
      <p class="cs-admin-muted">
        {next
          ? 'No free times that day. '
          : `No free times that day, nor in the ${SEARCH_DAYS} days after it.`}
        {next && (
          <button type="button" onClick={() => setSearch({ ...search, day: next })}>
            Next free day: {DateTime.fromISO(next, { zone }).setLocale('en-US').toFormat('ccc d LLL yyyy')}
          </button>
        )}
      </p>
    );
  } else if (times?.ok) {
    list = (
      <fieldset class="cs-admin-actions">
        <legend>Free times</legend>
        {times.slots.map((slot) => (
          <button
            key={slot.start}
            type="button"
            aria-pressed={chosen === slot.start}
            onClick={() => setChosen(slot.start)}
          >
            {DateTime.fromMillis(slot.start, { zone }).toFormat('HH:mm')}
          </button>
        ))}
      </fieldset>
    );
  }
  return (
    <fieldset class="cs-admin-move">
      <legend>Move to</legend>
      <label class="cs-admin-field">
        <span>Day</span>
        <input
          ref={focus.opened}
          type="date"
          value={search.day}
          aria-label={`Day to move to: ${who}`}
          onInput={(event) => setSearch({ ...search, day: event.currentTarget.value })}
        />
      </label>
      {offeredBy.length > 1 && (
        <label class="cs-admin-field">
          <span>Provider</span>
          <select
            value={search.providerId}
            aria-label={`Provider to move to: ${who}`}
            onChange={(event) => setSearch({ ...search, providerId: event.currentTarget.value })}
          >
            {offeredBy.map((id) => (
              <option key={id} value={id}>
                {providers.get(id)}
              </option>
            ))}
          </select>
        </label>
      )}
      {list}
      <span class="cs-admin-actions">
        <button
          type="button"
          disabled={chosen === null || busy}
          onClick={() => chosen !== null && void move(chosen)}
          aria-label={chosen === null ? `Move: ${who}` : `Move to ${clinicTime(chosen, zone)}: ${who}`}
        >
          {chosen === null ? 'Move' : `Move to ${clinicTime(chosen, zone)}`}
        </button>
        <button type="button" onClick={() => setOpen(false)} aria-label={`Keep the time: ${who}`}>
          Keep the time
        </button>
      </span>
    </fieldset>
  );
}

function Row({
  booking,
  bookings,
  zone,
  types,
  providers,
  rules,
}: {
  booking: StaffBooking;
  bookings: Bookings;
  zone: string;
  types: Map<string, string>;
  providers: Map<string, string>;
  rules: unknown;
}) {
  const when = clinicTime(booking.start, zone);
  return (
    <tr>
      <th scope="row">{when}</th>
      <td>{types.get(booking.appointmentTypeId) ?? booking.appointmentTypeId}</td>
      <td>{providers.get(booking.providerId) ?? booking.providerId}</td>
      <td>{booking.patient.name}</td>
      <td>{booking.patient.email}</td>
      <td>{booking.patient.phone}</td>
      <td>{booking.status === 'cancelled' ? 'Cancelled' : 'Confirmed'}</td>
      <td>{EARLIER[booking.offerEarlier ?? 'none']}</td>
      <td>
        <Answers answers={booking.answers ?? []} />
      </td>
      <td>
        <MoveCell
          booking={booking}
          bookings={bookings}
          when={when}
          zone={zone}
          providers={providers}
          offeredBy={offering(rules, booking.appointmentTypeId, providers)}
        />
        <CancelCell booking={booking} bookings={bookings} when={when} />
      </td>
    </tr>
  );
}

/** The first day of the 31 shown, in the clinic's calendar: today unless staff choose another. */
function FromDay({ bookings, zone }: { bookings: Bookings; zone: string }) {
  const [day, setDay] = useState(bookings.firstDay.value ?? '');
  return (
    <form
      class="cs-admin-actions"
      aria-label="Which days"
      onSubmit={(event) => {
        event.preventDefault();
        void bookings.load(zone, day === '' ? null : day);
      }}
    >
      <label class="cs-admin-field">
        <span>From (empty: today)</span>
        <input type="date" value={day} onInput={(event) => setDay(event.currentTarget.value)} />
      </label>
      <button type="submit" disabled={bookings.status.value === 'loading'}>
        Show these days
      </button>
    </form>
  );
}

export function BookingsPanel({
  bookings,
  rules,
  zone,
}: {
  bookings: Bookings;
  rules: unknown;
  zone: string;
}) {
  const status = bookings.status.value;
  const all = bookings.bookings.value;
  const [query, setQuery] = useState('');
  const list = query.trim() === '' ? all : all.filter((booking) => findsPatient(booking, query));
  const first = bookings.firstDay.value;
  const days = first
    ? `the ${BOOKING_DAYS} days from ${DateTime.fromISO(first, { zone }).setLocale('en-US').toFormat('ccc d LLL yyyy')}`
    : `the next ${BOOKING_DAYS} days`;
  const types = namesOf([rules], 'appointmentTypes');
  const providers = namesOf([rules], 'providers');
  let body = <p class="cs-admin-status">Loading the bookings…</p>;
  if (status === 'failed') body = <p class="cs-admin-error">{bookings.message.value}</p>;
  else if (status === 'ready' && all.length === 0)
    body = <p class="cs-admin-muted">No bookings in {days}.</p>;
  else if (all.length > 0 && list.length === 0)
    body = (
      <p class="cs-admin-muted">
        No patient of the {all.length} bookings listed matches "{query.trim()}".
      </p>
    );
  // While a page loads, the list so far stays (the panel says it is busy).
  else if (list.length > 0) {
    body = (
      <table class="cs-admin-table" data-testid="bookings">
        <caption>
          {list !== all
            ? `${list.length} of the ${all.length} bookings listed match "${query.trim()}", times in ${zone}`
            : bookings.more.value
              ? `The first ${list.length} bookings of ${days}, times in ${zone}`
              : `${list.length} booking${list.length === 1 ? '' : 's'} in ${days}, times in ${zone}`}
        </caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Type</th>
            <th scope="col">Provider</th>
            <th scope="col">Patient</th>
            <th scope="col">Email</th>
            <th scope="col">Phone</th>
            <th scope="col">Status</th>
            <th scope="col">Earlier time wanted</th>
            <th scope="col">Answers</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {list.map((booking) => (
            <Row
              key={booking.id}
              booking={booking}
              bookings={bookings}
              zone={zone}
              types={types}
              providers={providers}
              rules={rules}
            />
          ))}
        </tbody>
      </table>
    );
  }
  return (
    <section
      class="cs-admin-panel cs-admin-wide"
      aria-labelledby="cs-admin-bookings-title"
      aria-busy={status === 'loading'}
    >
      <h2 id="cs-admin-bookings-title">Bookings</h2>
      <FromDay bookings={bookings} zone={zone} />
      <button type="button" onClick={() => void bookings.load(zone)} disabled={status === 'loading'}>
        Refresh the bookings
      </button>
      {/* Kept in this component only: what staff type to find a patient never leaves the screen. */}
      <label class="cs-admin-field">
        <span>Find a patient (name, email or phone)</span>
        <input type="search" value={query} onInput={(event) => setQuery(event.currentTarget.value)} />
      </label>
      {body}
      <p class={bookings.notice.value?.kind === 'error' ? 'cs-admin-error' : 'cs-admin-status'} role="status">
        {bookings.notice.value?.text ?? ''}
      </p>
      {bookings.more.value && (
        <button type="button" onClick={() => void bookings.loadMore()} disabled={status === 'loading'}>
          Show the later bookings
        </button>
      )}
    </section>
  );
}
