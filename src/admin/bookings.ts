/**
 * The staff's bookings list in signals: 31 days from the start of today in the clinic's zone, or
 * of the day staff choose, and cancelling a booking for its patient. The patients' details live
 * only in this signal, for the screen: never in a URL (the query holds the two instants only), a
 * log, the console or storage.
 */
import { batch, signal } from '@preact/signals';
import { DateTime } from 'luxon';
import type { AdminApiClient, StaffBooking } from '../api/types.ts';

export const BOOKING_DAYS = 31;

/**
 * From the start of `day` (a calendar date, `YYYY-MM-DD`; today when absent or not a date) in
 * `zone` to the start of the day `BOOKING_DAYS` later, in epoch ms: whole days of the clinic's
 * calendar, however long daylight saving makes them.
 */
export function bookingRange(now: number, zone: string, day?: string | null): { from: number; to: number } {
  const chosen = day ? DateTime.fromISO(day, { zone }) : null;
  const first = (chosen?.isValid ? chosen : DateTime.fromMillis(now, { zone })).startOf('day');
  return { from: first.toMillis(), to: first.plus({ days: BOOKING_DAYS }).toMillis() };
}

export interface BookingsDeps {
  api: Pick<AdminApiClient, 'listBookings' | 'cancelForPatient'>;
  now: () => number;
  onSignedOut: () => void;
}

export function createBookings(deps: BookingsDeps) {
  const bookings = signal<StaffBooking[]>([]);
  /** More bookings of the range start after the last one listed (the server answers a page at a time). */
  const more = signal(false);
  const status = signal<'idle' | 'loading' | 'ready' | 'failed'>('idle');
  const message = signal('');
  /** The range on screen, so the later pages continue it rather than today's. */
  let range = { from: 0, to: 0 };
  /** The first day shown (`YYYY-MM-DD`), or null for today. */
  const firstDay = signal<string | null>(null);
  /** The booking being cancelled, while its request runs. */
  const cancelling = signal<string | null>(null);
  /** The outcome of the last cancellation, worded for the screen (no patient's details in it). */
  const notice = signal<{ kind: 'error' | 'done'; text: string } | null>(null);

  async function fetchPage(from: number, listed: StaffBooking[]): Promise<void> {
    status.value = 'loading';
    const result = await deps.api.listBookings(from, range.to);
    batch(() => {
      if (result.ok) {
        // A page starts at the last one's start, which it lists again with any of the same start.
        const known = new Set(listed.map((booking) => booking.id));
        bookings.value = [...listed, ...result.value.bookings.filter((booking) => !known.has(booking.id))];
        more.value = result.value.truncated;
        status.value = 'ready';
        message.value = '';
        return;
      }
      if (result.error.status === 401) deps.onSignedOut();
      bookings.value = [];
      more.value = false;
      status.value = 'failed';
      message.value = `The bookings could not be loaded: ${result.error.message}`;
    });
  }

  /** Lists `BOOKING_DAYS` from `day` (today when null), or from the day shown, from the first booking. */
  function load(zone: string, day: string | null = firstDay.peek()): Promise<void> {
    firstDay.value = day;
    range = bookingRange(deps.now(), zone, day);
    return fetchPage(range.from, []);
  }

  /** Adds the next page of the range, after the last booking listed. */
  function loadMore(): Promise<void> {
    const last = bookings.peek().at(-1);
    if (!more.peek() || !last) return Promise.resolve();
    return fetchPage(last.start, bookings.peek());
  }

  /** Whether staff can still cancel `booking`: confirmed, and its visit not begun. */
  const cancellable = (booking: StaffBooking) => booking.status === 'confirmed' && deps.now() < booking.start;

  /** Cancels `booking` for its patient; the row shows it cancelled once the server has. */
  async function cancel(booking: StaffBooking): Promise<void> {
    if (cancelling.peek() !== null) return;
    batch(() => {
      cancelling.value = booking.id;
      notice.value = null;
    });
    const result = await deps.api.cancelForPatient(booking.id);
    batch(() => {
      cancelling.value = null;
      if (!result.ok) {
        if (result.error.status === 401) deps.onSignedOut();
        notice.value = { kind: 'error', text: `The visit was not cancelled: ${result.error.message}` };
        return;
      }
      const { status: cancelled } = result.value.booking;
      bookings.value = bookings.peek().map((b) => (b.id === booking.id ? { ...b, status: cancelled } : b));
      const told =
        result.value.emailSent === true
          ? 'The patient is emailed.'
          : result.value.emailSent === false
            ? 'This server sends no email: tell the patient.'
            : 'It had been cancelled already.';
      notice.value = { kind: 'done', text: `Cancelled. ${told}` };
    });
  }

  /** Forgets the patients' details (on sign-out). */
  function clear(): void {
    batch(() => {
      bookings.value = [];
      more.value = false;
      firstDay.value = null;
      status.value = 'idle';
      notice.value = null;
    });
  }

  return {
    bookings,
    more,
    firstDay,
    status,
    message,
    cancelling,
    notice,
    load,
    loadMore,
    cancellable,
    cancel,
    clear,
  };
}

export type Bookings = ReturnType<typeof createBookings>;
