/**
 * A clinic's bookings that have not ended (or ended within 48 hours, so a type's `maxPerDay` still
 * counts the whole day) as a rules document's opaque busy entries: provider, times, seats, and the
 * type only when the rules still have it. For what computes slots on the server from one whole
 * document (the SMART Scheduling Links files, in a worker thread); widgets get busy time by window.
 */
import type { BusyEntry, RulesDocument } from '../../src/engine/index.ts';
import type { ServerContext } from '../context.ts';
import { type BookedRow, bookedBetween } from '../store/bookings.ts';

const KEEP_PAST_MS = 48 * 60 * 60 * 1000;
/** Far enough for any booking window (the engine allows 3,660 days ahead). */
const HORIZON_MS = 3_700 * 86_400_000;

export function currentBookings(context: ServerContext, clinicId: string, now: number): Promise<BookedRow[]> {
  return bookedBetween(context.db, clinicId, { from: now - KEEP_PAST_MS, to: now + HORIZON_MS });
}

/**
 * The rules with `booked` as busy entries. A booking of a type the rules no longer have (kept as
 * plain busy time when an admin removed the type) is plain busy time; one of a provider the rules
 * no longer have is left out: nothing can be booked with that provider.
 */
export function withBookingsAsBusy(rules: RulesDocument, booked: readonly BookedRow[]): RulesDocument {
  const types = new Set(rules.appointmentTypes.map((t) => t.id));
  const providers = new Set(rules.providers.map((p) => p.id));
  const busy: BusyEntry[] = [...(rules.busy ?? [])];
  for (const row of booked) {
    if (!providers.has(row.providerId)) continue;
    const entry: BusyEntry = {
      providerId: row.providerId,
      start: new Date(row.start).toISOString(),
      end: new Date(row.end).toISOString(),
    };
    if (types.has(row.appointmentTypeId)) entry.appointmentTypeId = row.appointmentTypeId;
    entry.seats = row.seats;
    busy.push(entry);
  }
  return { ...rules, busy };
}
