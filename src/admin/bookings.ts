/**
 * The staff's bookings list in signals: 31 days from the start of today in the clinic's zone, or
 * of the day staff choose, finding a patient in it, and cancelling or moving a booking for its
 * patient. The patients' details live only in this signal, for the screen: never in a URL (the
 * query holds the two instants only), a log, the console or storage.
 */
import { batch, signal } from '@preact/signals';
import { DateTime } from 'luxon';
import type { AdminApiClient, AdminResult, StaffBooking, StaffBookingChange } from '../api/types.ts';
import { clinicTime } from './format.ts';
import type { FindFreeTimes } from './free-times.ts';

export const BOOKING_DAYS = 31;

/** Text folded for finding: lower case, without accents ("García" is found as "garcia"). */
function folded(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase();
}

/**
 * Whether `booking`'s patient is the one staff look for by `query`: each of its words in their
 * name or email, whatever the case and accents, or, for a query of three digits or more, those
 * digits in their phone number however it was typed. An empty query finds every booking.
 */
export function findsPatient(booking: StaffBooking, query: string): boolean {
  const words = folded(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const { name, email, phone } = booking.patient;
  const digits = query.replace(/\D/g, '');
  if (digits.length >= 3 && /^[\d\s()+.-]+$/.test(query.trim()))
    return phone.replace(/\D/g, '').includes(digits);
  const text = folded(`${name} ${email}`);
  return words.every((word) => text.includes(word));
}

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
  api: Pick<AdminApiClient, 'listBookings' | 'cancelForPatient' | 'moveForPatient'>;
  /** The free times a booking can move to (free-times.ts). */
  freeTimes: FindFreeTimes;
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
  /** The booking being cancelled or moved, while its request runs. */
  const changing = signal<string | null>(null);
  /** The outcome of the last cancellation or move, worded for the screen (no patient's details in it). */
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

  /** Whether staff can still cancel or move `booking`: confirmed, and its visit not begun. */
  const cancellable = (booking: StaffBooking) => booking.status === 'confirmed' && deps.now() < booking.start;

  /**
   * Runs one change of `booking` for its patient (one at a time); on success the row takes the
   * server's booking and the notice says `done` and how the patient hears, else `failed` and why.
   * Whether it went through.
   */
  async function change(
    booking: StaffBooking,
    run: () => Promise<AdminResult<StaffBookingChange>>,
    words: { done: (changed: StaffBookingChange['booking']) => string; already: string; failed: string },
  ): Promise<boolean> {
    if (changing.peek() !== null) return false;
    batch(() => {
      changing.value = booking.id;
      notice.value = null;
    });
    const result = await run();
    batch(() => {
      changing.value = null;
      if (!result.ok) {
        if (result.error.status === 401) deps.onSignedOut();
        notice.value = { kind: 'error', text: `${words.failed}: ${result.error.message}` };
        return;
      }
      const { status, start, end, providerId } = result.value.booking;
      // A moved booking takes its place among the others by its new time, as the server lists them.
      bookings.value = bookings
        .peek()
        .map((b) => (b.id === booking.id ? { ...b, status, start, end, providerId } : b))
        .sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
      const told =
        result.value.emailSent === true
          ? 'The patient is emailed.'
          : result.value.emailSent === false
            ? 'This server sends no email: tell the patient.'
            : words.already;
      notice.value = { kind: 'done', text: `${words.done(result.value.booking)} ${told}` };
    });
    return result.ok;
  }

  /** Cancels `booking` for its patient; the row shows it cancelled once the server has. */
  async function cancel(booking: StaffBooking): Promise<void> {
    await change(booking, () => deps.api.cancelForPatient(booking.id), {
      done: () => 'Cancelled.',
      already: 'It had been cancelled already.',
      failed: 'The visit was not cancelled',
    });
  }

  /** Moves `booking` for its patient to `to`; the row shows the new time once the server has it. */
  function move(booking: StaffBooking, to: { start: number; providerId: string }, zone: string) {
    return change(booking, () => deps.api.moveForPatient(booking.id, to), {
      done: (moved) => `Moved to ${clinicTime(moved.start, zone)}.`,
      // Answered as it is: a retry of a move that went through, or another's move there meanwhile.
      already: 'It had been moved there already.',
      failed: 'The visit was not moved',
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
    changing,
    notice,
    load,
    loadMore,
    cancellable,
    cancel,
    move,
    freeTimes: deps.freeTimes,
    clear,
  };
}

export type Bookings = ReturnType<typeof createBookings>;
