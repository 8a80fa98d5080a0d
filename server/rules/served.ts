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

/**
 * How long a served document is answered again without asking the database, on one instance.
 * The same bound as the catalog's view of the current rules version: a booking made on another
 * instance shows in this one's `GET /rules` within it, while this instance's own bookings forget
 * the document at once (`forgetServed`). The booking step never relies on it: it re-checks inside
 * its transaction.
 */
export const SERVED_FRESH_MS = 1_000;

interface CachedServed {
  version: number;
  key: string;
  served: ServedRules;
  /** `performance.now()` when the bookings were last read: the cache's own age, in real time. */
  readAt: number;
  /** The clinic's clock then: a clock moved by more than the freshness window reads again. */
  clinicNow: number;
}

interface ClinicServed {
  cached?: CachedServed;
  /** The read under way: requests that find the copy stale meanwhile wait for it, not read again. */
  reading?: { version: number; promise: Promise<ServedRules> };
}

const cache = new WeakMap<ServerContext, Map<string, ClinicServed>>();

export async function servedDocument(context: ServerContext, clinicId: string): Promise<ServedRules> {
  const current = await context.catalog.current(clinicId);
  if (!current.rules) return { text: current.text, etag: current.etag };
  const rules = current.rules;
  const now = context.now();
  let byClinic = cache.get(context);
  if (!byClinic) {
    byClinic = new Map();
    cache.set(context, byClinic);
  }
  let state = byClinic.get(clinicId);
  if (!state) {
    state = {};
    byClinic.set(clinicId, state);
  }
  const known = state.cached;
  if (
    known?.version === current.version &&
    performance.now() - known.readAt < SERVED_FRESH_MS &&
    Math.abs(now - known.clinicNow) < SERVED_FRESH_MS
  ) {
    return known.served;
  }
  if (state.reading?.version === current.version) return state.reading.promise;
  const own = state;
  const read = async (): Promise<ServedRules> => {
    const readAt = performance.now();
    const booked = await currentBookings(context, clinicId, now);
    const key = `${current.version}\n${JSON.stringify(booked)}`;
    const previous = own.cached;
    const served =
      previous?.key === key
        ? previous.served
        : (() => {
            const text = JSON.stringify(withBookingsAsBusy(rules, booked));
            return { text, etag: etagOf(text) };
          })();
    // Kept only if no booking on this instance forgot the clinic's copy while this read ran.
    if (own.reading?.promise === promise) {
      own.cached = { version: current.version, key, served, readAt, clinicNow: now };
    }
    return served;
  };
  const promise = read().finally(() => {
    if (own.reading?.promise === promise) own.reading = undefined;
  });
  own.reading = { version: current.version, promise };
  return promise;
}

/** After a booking changed on this instance: the next `GET /rules` reads the bookings again. */
export function forgetServed(context: ServerContext, clinicId: string): void {
  cache.get(context)?.delete(clinicId);
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
