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

/**
 * The day's free times, and the first later day with any within `SEARCH_DAYS` (null: none), for a
 * day that has none; or why they could not be had.
 */
export type FreeTimes = { ok: true; slots: Slot[]; nextDay: string | null } | { ok: false; message: string };

/** How far past the day chosen the next day with free times is looked for. */
export const SEARCH_DAYS = 14;

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
    const last = start.plus({ days: SEARCH_DAYS });
    const months = [...new Set([day.slice(0, 7), last.toFormat('yyyy-LL')])];
    const fetched = await Promise.all(months.map((month) => deps.api.fetchBusy(month, signal)));
    const windows = [];
    for (const busy of fetched) {
      if (!busy.ok)
        return { ok: false, message: `The free times could not be loaded: ${busy.error.message}` };
      windows.push(busy.value.window);
    }
    // From a day before: a provider's day may begin in another zone than the clinic's.
    const query = {
      appointmentTypeId: booking.appointmentTypeId,
      providerId,
      from: start.minus({ days: 1 }).toISODate()!,
      to: last.toISODate()!,
      now: deps.now(),
    };
    try {
      const rules = deps.rules();
      const without = windows.map((window) => withoutBooking(window, booking, rules));
      const { slots } = await deps.client.slots(withWindows(rules, without), query, {
        lane: 'move',
        ...(signal ? { signal } : {}),
      });
      const end = start.plus({ days: 1 }).toMillis();
      // The booking's own time is where it already is: nothing to move to.
      const free = slots.filter(
        (slot) => !(slot.start === booking.start && slot.providerId === booking.providerId),
      );
      const that = free.filter((slot) => slot.start >= start.toMillis() && slot.start < end);
      const later = that.length === 0 ? free.find((slot) => slot.start >= end) : undefined;
      return {
        ok: true,
        slots: that,
        nextDay: later ? DateTime.fromMillis(later.start, { zone }).toISODate() : null,
      };
    } catch (error) {
      return { ok: false, message: `The free times could not be computed: ${(error as Error).message}` };
    }
  };
}

interface RulesShape {
  timezone?: string;
  locations?: { id?: unknown; timezone?: string }[];
  providers?: { id?: unknown; timezone?: string; locationId?: unknown }[];
  appointmentTypes?: { id?: unknown; capacity?: unknown }[];
}

/** How the window holds `booking`: as seats of a class (capacity above 1) or as busy time; and its provider's zone. */
function placeIn(rules: unknown, booking: StaffBooking): { group: boolean; zone: string | undefined } {
  const doc = (rules ?? {}) as RulesShape;
  const capacity = doc.appointmentTypes?.find((type) => type.id === booking.appointmentTypeId)?.capacity;
  const provider = doc.providers?.find((p) => p.id === booking.providerId);
  const location = doc.locations?.find((l) => l.id === provider?.locationId);
  return {
    group: typeof capacity === 'number' && capacity > 1,
    zone: provider?.timezone ?? location?.timezone ?? doc.timezone,
  };
}

/**
 * `window` without `booking` in it, as the server's check of a move leaves it out: its minutes
 * out of its provider's busy time, or, for a group type, its seats out of the class's count; and
 * one fewer of its type on its day (`perDay`, kept for types with a daily cap), the day read in the
 * provider's zone as the server counts it.
 */
export function withoutBooking(
  window: BusyWindowData,
  booking: StaffBooking,
  rules: unknown,
): BusyWindowData {
  const { group, zone } = placeIn(rules, booking);
  const from = (booking.start - window.start) / 60_000;
  const to = (booking.end - window.start) / 60_000;
  const id = booking.providerId;
  const out = { ...window };
  const seats = window.seats[id];
  const busy = window.busy[id];
  if (group && Array.isArray(seats)) {
    out.seats = {
      ...window.seats,
      [id]: seats.flatMap((entry: [number, number, string, number]) =>
        entry[0] !== from || entry[2] !== booking.appointmentTypeId
          ? [entry]
          : entry[3] > booking.seats
            ? [[entry[0], entry[1], entry[2], entry[3] - booking.seats]]
            : [],
      ),
    };
  } else if (!group && Array.isArray(busy)) {
    out.busy = {
      ...window.busy,
      [id]: busy.flatMap(([offset, length]: [number, number]) => {
        const end = offset + length;
        if (end <= from || offset >= to) return [[offset, length]];
        return [...(offset < from ? [[offset, from - offset]] : []), ...(end > to ? [[to, end - to]] : [])];
      }),
    };
  }
  const perType = window.perDay[id] as Record<string, Record<string, number>> | undefined;
  const counts = perType?.[booking.appointmentTypeId];
  const day = zone ? DateTime.fromMillis(booking.start, { zone }).toISODate() : null;
  if (perType && counts && day !== null && typeof counts[day] === 'number') {
    out.perDay = {
      ...window.perDay,
      [id]: { ...perType, [booking.appointmentTypeId]: { ...counts, [day]: Math.max(0, counts[day] - 1) } },
    };
  }
  return out;
}
