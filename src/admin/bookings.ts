/**
 * The staff's bookings list in signals: the next 31 days from the start of today in the clinic's
 * zone. The patients' details live only in this signal, for the screen: never in a URL (the query
 * holds the two instants only), a log, the console or storage.
 */
import { batch, signal } from '@preact/signals';
import { DateTime } from 'luxon';
import type { AdminApiClient, StaffBooking } from '../api/types.ts';

export const BOOKING_DAYS = 31;

/** From the start of today in `zone` to the start of the day `BOOKING_DAYS` later, in epoch ms. */
export function bookingRange(now: number, zone: string): { from: number; to: number } {
  const today = DateTime.fromMillis(now, { zone }).startOf('day');
  return { from: today.toMillis(), to: today.plus({ days: BOOKING_DAYS }).toMillis() };
}

export interface BookingsDeps {
  api: Pick<AdminApiClient, 'listBookings'>;
  now: () => number;
  onSignedOut: () => void;
}

export function createBookings(deps: BookingsDeps) {
  const bookings = signal<StaffBooking[]>([]);
  const status = signal<'idle' | 'loading' | 'ready' | 'failed'>('idle');
  const message = signal('');

  async function load(zone: string): Promise<void> {
    status.value = 'loading';
    const { from, to } = bookingRange(deps.now(), zone);
    const result = await deps.api.listBookings(from, to);
    batch(() => {
      if (result.ok) {
        bookings.value = result.value;
        status.value = 'ready';
        message.value = '';
        return;
      }
      if (result.error.status === 401) deps.onSignedOut();
      bookings.value = [];
      status.value = 'failed';
      message.value = `The bookings could not be loaded: ${result.error.message}`;
    });
  }

  /** Forgets the patients' details (on sign-out). */
  function clear(): void {
    batch(() => {
      bookings.value = [];
      status.value = 'idle';
    });
  }

  return { bookings, status, message, load, clear };
}

export type Bookings = ReturnType<typeof createBookings>;
