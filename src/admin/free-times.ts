/**
 * The free times staff can move a booking to: one day, in the clinic's calendar, of the booking's
 * appointment type with one provider, computed on the admin page's slot client from the saved
 * rules and that month's busy window, as the widget computes a patient's, with the booking's own
 * place taken out of the window as the server leaves it out of a move's check: a visit moves by a
 * quarter of an hour into its own time. A convenience for the front desk: the server checks the
 * time chosen again, under its locks.
 */
import { DateTime } from 'luxon';
import type { AdminApiClient, BusyWindowData, StaffBooking } from '../api/types.ts';
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
      const rules = deps.rules();
      const window = withoutBooking(
        busy.value.window,
        booking,
        isGroupType(rules, booking.appointmentTypeId),
      );
      const { slots } = await deps.client.slots(withWindows(rules, [window]), query, {
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

/** Whether the rules' type `typeId` seats a group (capacity above 1): its bookings are seats in a window. */
function isGroupType(rules: unknown, typeId: string): boolean {
  const types = (rules as { appointmentTypes?: { id?: unknown; capacity?: unknown }[] } | null)
    ?.appointmentTypes;
  const capacity = types?.find((type) => type.id === typeId)?.capacity;
  return typeof capacity === 'number' && capacity > 1;
}

/**
 * `window` without `booking` in it: its minutes taken out of its provider's busy time, or, for a
 * group type, its seat out of the class's count. Its count of the day (`perDay`, for types with a
 * daily cap) stays: a move within a full day shows no times, though the server would take it.
 */
export function withoutBooking(
  window: BusyWindowData,
  booking: StaffBooking,
  group: boolean,
): BusyWindowData {
  const from = (booking.start - window.start) / 60_000;
  const to = (booking.end - window.start) / 60_000;
  const id = booking.providerId;
  if (group) {
    const seats = window.seats[id];
    if (!Array.isArray(seats)) return window;
    const left = seats.flatMap((entry: [number, number, string, number]) =>
      entry[0] !== from || entry[2] !== booking.appointmentTypeId
        ? [entry]
        : entry[3] > booking.seats
          ? [[entry[0], entry[1], entry[2], entry[3] - booking.seats]]
          : [],
    );
    return { ...window, seats: { ...window.seats, [id]: left } };
  }
  const busy = window.busy[id];
  if (!Array.isArray(busy)) return window;
  const left = busy.flatMap(([offset, length]: [number, number]) => {
    const end = offset + length;
    if (end <= from || offset >= to) return [[offset, length]];
    return [...(offset < from ? [[offset, from - offset]] : []), ...(end > to ? [[to, end - to]] : [])];
  });
  return { ...window, busy: { ...window.busy, [id]: left } };
}
