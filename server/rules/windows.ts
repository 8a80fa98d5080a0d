/**
 * The bodies of `GET /busy/{YYYY-MM}`: a month's busy window, built by `buildBusyWindow` from the
 * current rules and the bookings that overlap the month's range (one range query on the bookings'
 * start index), so its cost follows the bookings in the window, never the whole table.
 *
 * Each instance keeps the windows it built for `WINDOW_FRESH_MS`, with their gzip, so many patients
 * looking at one month cost one query a second and a `304` costs none. A booking changed on this
 * instance forgets its clinic's windows at once (the next request reads again); one changed on
 * another instance shows here within `WINDOW_FRESH_MS`. A window's ETag is its content's, so a
 * booking changes the ETag of the months it touches only. The booking step never relies on a
 * window: it re-checks inside its own transaction.
 */
import { buildBusyWindow, monthRange } from '../busy-window.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from '../errors.ts';
import { bookedBetween } from '../store/bookings.ts';
import { type ServedText, servedText } from './served.ts';

export const WINDOW_FRESH_MS = 1_000;
/** Months kept per clinic; the least recently built go first. */
const KEPT_MONTHS = 36;

interface KeptWindow {
  version: number;
  served: ServedText;
  /** `performance.now()` when its bookings were read: the copy's age in real time. */
  readAt: number;
}

interface ClinicWindows {
  kept: Map<string, KeptWindow>;
  /** Reads under way: requests that find the copy stale meanwhile wait for it instead of reading again. */
  reading: Map<string, { version: number; promise: Promise<ServedText> }>;
}

const byContext = new WeakMap<ServerContext, Map<string, ClinicWindows>>();

/**
 * The served window of `month` for the clinic's current rules.
 * @throws HttpError 404 when `month` is not `YYYY-MM` (2000-01 to 2999-12); 503 when the rules
 *   cannot be read or do not validate (a window needs the providers' zones and the types).
 */
export async function servedWindow(
  context: ServerContext,
  clinicId: string,
  month: string,
): Promise<ServedText> {
  const range = monthRange(month);
  if (!range) throw new HttpError(404, { code: 'NOT_FOUND', message: 'There is no such month.' });
  const current = await context.catalog.current(clinicId);
  const rules = current.rules;
  if (!rules) {
    throw new HttpError(503, {
      code: 'RULES_INVALID',
      message:
        "The clinic's rules have errors, so its busy times cannot be served until an administrator fixes them.",
    });
  }
  const clinic = windowsOf(context, clinicId);
  const known = clinic.kept.get(month);
  if (known?.version === current.version && performance.now() - known.readAt < WINDOW_FRESH_MS) {
    return known.served;
  }
  const pending = clinic.reading.get(month);
  if (pending?.version === current.version) return pending.promise;

  const read = async (): Promise<ServedText> => {
    const readAt = performance.now();
    const rows = await bookedBetween(context.db, clinicId, { from: range.start, to: range.end });
    const text = JSON.stringify(buildBusyWindow(rules, month, rows));
    // The same window as before keeps its served copy, and so its gzip.
    const served = known?.served.text === text ? known.served : servedText(text);
    // Kept only if no booking on this instance forgot the clinic's windows while this read ran.
    if (clinic.reading.get(month)?.promise === promise) {
      clinic.kept.delete(month);
      clinic.kept.set(month, { version: current.version, served, readAt });
      if (clinic.kept.size > KEPT_MONTHS) {
        const oldest = clinic.kept.keys().next().value;
        if (oldest !== undefined) clinic.kept.delete(oldest);
      }
    }
    return served;
  };
  const promise: Promise<ServedText> = read().finally(() => {
    if (clinic.reading.get(month)?.promise === promise) clinic.reading.delete(month);
  });
  clinic.reading.set(month, { version: current.version, promise });
  return promise;
}

/**
 * `servedWindow`'s answer at once, without a promise, when the catalog has the current rules at
 * hand (`RulesCatalog.currentNow`) and this instance's copy of `month` is fresh for them: most
 * requests of a busy month. `undefined` otherwise; then ask `servedWindow`.
 */
export function servedWindowNow(
  context: ServerContext,
  clinicId: string,
  month: string,
): ServedText | undefined {
  const current = context.catalog.currentNow(clinicId);
  if (!current) return undefined;
  const known = byContext.get(context)?.get(clinicId)?.kept.get(month);
  if (!known || known.version !== current.version || performance.now() - known.readAt >= WINDOW_FRESH_MS) {
    return undefined;
  }
  return known.served;
}

/** After a booking changed on this instance: the clinic's next window requests read the bookings again. */
export function forgetWindows(context: ServerContext, clinicId: string): void {
  byContext.get(context)?.delete(clinicId);
}

function windowsOf(context: ServerContext, clinicId: string): ClinicWindows {
  let clinics = byContext.get(context);
  if (!clinics) {
    clinics = new Map();
    byContext.set(context, clinics);
  }
  let clinic = clinics.get(clinicId);
  if (!clinic) {
    clinic = { kept: new Map(), reading: new Map() };
    clinics.set(clinicId, clinic);
  }
  return clinic;
}
