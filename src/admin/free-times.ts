/**
 * The free times staff can move a booking to: one day, in the clinic's calendar, of the booking's
 * appointment type with one provider, computed on the admin page's slot client from the saved
 * rules and that month's busy window, as the widget computes a patient's. A convenience for the
 * front desk: the server checks the time chosen again, under its locks.
 */
import { DateTime } from 'luxon';
import type { AdminApiClient, StaffBooking } from '../api/types.ts';
import type { Slot } from '../engine/types.ts';
import type { SlotClient } from '../worker/client/slot-jobs.ts';
import { withWindows } from './analysis.ts';

export interface FreeTimesDeps {
  client: Pick<SlotClient, 'slots'>;
  api: Pick<AdminApiClient, 'fetchBusy'>;
  /** The saved rules, as served (the editor's draft plays no part). */
  rules: () => unknown;
  now: () => number;
}

export type FreeTimes = { ok: true; slots: Slot[] } | { ok: false; message: string };

/** Finds the free times of `day` (`YYYY-MM-DD` in `zone`) for `booking` with `providerId`. */
export type FindFreeTimes = (
  booking: StaffBooking,
  providerId: string,
  day: string,
  zone: string,
  signal?: AbortSignal,
) => Promise<FreeTimes>;

export function createFreeTimes(deps: FreeTimesDeps): FindFreeTimes {
  return async (booking, providerId, day, zone, signal) => {
    const start = DateTime.fromISO(day, { zone });
    if (!start.isValid) return { ok: false, message: 'Choose a day.' };
    const busy = await deps.api.fetchBusy(day.slice(0, 7), signal);
    if (!busy.ok) return { ok: false, message: `The free times could not be loaded: ${busy.error.message}` };
    // A day either side: a provider's day may begin in another zone than the clinic's.
    const query = {
      appointmentTypeId: booking.appointmentTypeId,
      providerId,
      from: start.minus({ days: 1 }).toISODate()!,
      to: start.plus({ days: 1 }).toISODate()!,
      now: deps.now(),
    };
    try {
      const { slots } = await deps.client.slots(withWindows(deps.rules(), [busy.value.window]), query, {
        lane: 'move',
        ...(signal ? { signal } : {}),
      });
      const end = start.plus({ days: 1 }).toMillis();
      return {
        ok: true,
        // The booking's own time is where it already is: nothing to move to.
        slots: slots.filter(
          (slot) =>
            slot.start >= start.toMillis() &&
            slot.start < end &&
            !(slot.start === booking.start && slot.providerId === booking.providerId),
        ),
      };
    } catch (error) {
      return { ok: false, message: `The free times could not be computed: ${(error as Error).message}` };
    }
  };
}
