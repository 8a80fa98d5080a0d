/**
 * Where the served rules come from: the admin's saved document when there is one, else the rules
 * file (re-read when it changes on disk). The document served to widgets adds every confirmed,
 * upcoming booking as an opaque busy entry (provider and times only, never patient data), so
 * slots generated in the browser leave booked times out.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { BusyEntry, RulesDocument } from '../src/engine/index.ts';
import { HttpError } from './http.ts';
import type { StoreData, StoredBooking } from './store.ts';

export interface ServedRules {
  text: string;
  etag: string;
}

export interface RulesSource {
  /** The clinic's own rules, before bookings are added. Throws `HttpError` 503 when unreadable. */
  base(data: StoreData): unknown;
  /** The document widgets receive, serialised, with its strong ETag. */
  served(data: StoreData, now: number): ServedRules;
}

export function createRulesSource(rulesFile: string): RulesSource {
  let fileCache: { stamp: string; doc: unknown } | null = null;
  let servedCache: { base: unknown; data: StoreData; kept: number; served: ServedRules } | null = null;

  function fromFile(): unknown {
    let stamp: string;
    try {
      const stat = statSync(rulesFile);
      stamp = `${stat.mtimeMs}:${stat.size}`;
    } catch {
      throw unavailable(rulesFile, 'does not exist');
    }
    if (fileCache?.stamp === stamp) return fileCache.doc;
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(rulesFile, 'utf8'));
    } catch {
      throw unavailable(rulesFile, 'is not valid JSON');
    }
    fileCache = { stamp, doc };
    return doc;
  }

  function base(data: StoreData): unknown {
    return data.savedRules ?? fromFile();
  }

  function served(data: StoreData, now: number): ServedRules {
    const current = base(data);
    // Bookings only ever leave the busy list as time passes, so their count tells the lists apart.
    const kept = data.bookings.filter((booking) => countsAsBusy(booking, now));
    const cached = servedCache;
    if (cached && cached.base === current && cached.data === data && cached.kept === kept.length) {
      return cached.served;
    }
    const text = JSON.stringify(withBookingsAsBusy(current, kept, now));
    const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 32)}"`;
    servedCache = { base: current, data, kept: kept.length, served: { text, etag } };
    return servedCache.served;
  }

  return { base, served };
}

/**
 * Bookings that ended this long ago still count: a type's `maxPerDay` counts the whole day, and a
 * clinic day is over everywhere 48 hours after it began.
 */
const KEEP_PAST_MS = 48 * 60 * 60 * 1000;

/**
 * `doc` with the confirmed bookings that have not ended (or ended within the last 48 hours) as busy entries. `except` leaves one booking
 * out: a booking being rescheduled must not block its own new time.
 */
export function withBookingsAsBusy(
  doc: unknown,
  bookings: readonly StoredBooking[],
  now: number,
  except?: string,
): unknown {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return doc;
  const rules = doc as RulesDocument;
  const busy: BusyEntry[] = Array.isArray(rules.busy) ? [...rules.busy] : [];
  for (const booking of bookings) {
    if (booking.status !== 'confirmed' || booking.end <= now - KEEP_PAST_MS || booking.id === except)
      continue;
    busy.push({
      providerId: booking.providerId,
      start: new Date(booking.start).toISOString(),
      end: new Date(booking.end).toISOString(),
      appointmentTypeId: booking.appointmentTypeId,
      seats: 1,
    });
  }
  return { ...rules, busy };
}

/**
 * `doc` without the busy entries that are exactly one of `bookings` (as `withBookingsAsBusy` adds
 * them): an admin's draft edited from the served document must not turn bookings into blocks.
 */
export function withoutBookingsAsBusy(doc: unknown, bookings: readonly StoredBooking[]): unknown {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return doc;
  const rules = doc as { busy?: unknown };
  if (!Array.isArray(rules.busy)) return doc;
  const booked = new Set(
    bookings
      .filter((b) => b.status === 'confirmed')
      .map((b) => `${b.providerId}|${b.appointmentTypeId}|${b.start}|${b.end}`),
  );
  const busy = rules.busy.filter((entry: Partial<BusyEntry> | null) => {
    if (typeof entry !== 'object' || entry === null || (entry.seats ?? 1) !== 1) return true;
    const key = `${entry.providerId}|${entry.appointmentTypeId}|${Date.parse(entry.start ?? '')}|${Date.parse(entry.end ?? '')}`;
    return !booked.has(key);
  });
  return { ...rules, busy };
}

/** The file's path goes to the server's log only: clients learn that the rules are missing, not where. */
function countsAsBusy(booking: StoredBooking, now: number): boolean {
  return booking.status === 'confirmed' && booking.end > now - KEEP_PAST_MS;
}

function unavailable(rulesFile: string, problem: string): HttpError {
  console.error(`clinic api: the rules file ${rulesFile} ${problem}.`);
  return new HttpError(503, {
    code: 'RULES_UNAVAILABLE',
    message: "The clinic's rules cannot be read right now; bookings are paused.",
  });
}
