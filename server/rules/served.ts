/**
 * The document widgets receive from `GET /rules`: the current rules with every confirmed booking
 * that has not ended (or ended within 48 hours, so a type's `maxPerDay` still counts the whole
 * day) as an opaque busy entry: provider, times, the type only when the rules still have it.
 */
import type { BusyEntry, RulesDocument } from '../../src/engine/index.ts';
import type { ServerContext } from '../context.ts';
import { type BookedRow, bookedBetween } from '../store/bookings.ts';
import { etagOf } from './catalog.ts';

const KEEP_PAST_MS = 48 * 60 * 60 * 1000;
/** Far enough for any booking window (the engine allows 3,660 days ahead). */
const HORIZON_MS = 3_700 * 86_400_000;

export interface ServedRules {
  text: string;
  etag: string;
}

const cache = new WeakMap<ServerContext, Map<string, { key: string; served: ServedRules }>>();

export async function servedDocument(context: ServerContext, clinicId: string): Promise<ServedRules> {
  const current = await context.catalog.current(clinicId);
  const now = context.now();
  const booked = await currentBookings(context, clinicId, now);
  if (!current.rules) return { text: current.text, etag: current.etag };
  const key = `${current.version}\n${JSON.stringify(booked)}`;
  let byClinic = cache.get(context);
  if (!byClinic) {
    byClinic = new Map();
    cache.set(context, byClinic);
  }
  const known = byClinic.get(clinicId);
  if (known?.key === key) return known.served;
  const text = JSON.stringify(withBookingsAsBusy(current.rules, booked));
  const served = { text, etag: etagOf(text) };
  byClinic.set(clinicId, { key, served });
  return served;
}

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

/**
 * `doc` without the busy entries that are exactly one of `booked` (as `withBookingsAsBusy` adds
 * them): an admin's draft edited from the served document must not turn bookings into blocks.
 */
export function withoutBookingsAsBusy(doc: unknown, booked: readonly BookedRow[]): unknown {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return doc;
  const rules = doc as { busy?: unknown };
  if (!Array.isArray(rules.busy)) return doc;
  const keys = new Set(booked.map((b) => `${b.providerId}|${b.start}|${b.end}`));
  const busy = rules.busy.filter((entry: Partial<BusyEntry> | null) => {
    if (typeof entry !== 'object' || entry === null || (entry.seats ?? 1) !== 1) return true;
    return !keys.has(`${entry.providerId}|${Date.parse(entry.start ?? '')}|${Date.parse(entry.end ?? '')}`);
  });
  return { ...rules, busy };
}
