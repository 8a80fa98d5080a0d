/**
 * The value formats of rules format v1, as pure predicates and parsers: `HH:mm` clock times,
 * `YYYY-MM-DD` dates, ISO 8601 instants with an offset, IANA zone names. Dates are read by the
 * engine's own `parseDate`; instants by a stricter reader that the tests prove equal to the
 * engine's `parseInstant` (and to luxon) on everything it accepts.
 */

import { IANAZone } from 'luxon';
import { daysFromCivil, MINUTES_PER_DAY, MS_PER_MINUTE, parseClockMinutes, parseDate } from './civil.ts';
import { VALIDATION_LIMITS } from './limits.ts';

const CLOCK_TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/**
 * Minutes after midnight of an `HH:mm` time from `00:00` to `24:00`, else `null`.
 * @example clockMinutes('24:00') === 1440; clockMinutes('9:00') === null; clockMinutes('24:30') === null
 */
export function clockMinutes(value: unknown): number | null {
  return typeof value === 'string' && CLOCK_TIME.test(value) ? parseClockMinutes(value) : null;
}

/**
 * Epoch day of a real `YYYY-MM-DD` calendar date, else `null`.
 * @example calendarDay('2026-02-30') === null
 */
export function calendarDay(value: unknown): number | null {
  return typeof value === 'string' && value.length === 10 ? parseDate(value) : null;
}

/**
 * The instant forms of rules format v1 (RFC 3339 with optional seconds): `2026-11-24T14:00:00Z`,
 * `2026-11-24T09:00-05:00`, `2026-11-24T09:00:00.250-0500`. Groups: year, month, day, hour,
 * minute, second, fraction, offset sign, offset hours, offset minutes.
 */
const INSTANT_FORM =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d{2}):?(\d{2}))$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Epoch ms of an ISO 8601 instant with an explicit offset or `Z`, else `null`. Stricter than the
 * engine's `parseInstant` (no `24:00`, no offset past ±23:59, uppercase `T` and `Z`) and exactly
 * equal to it on what it accepts; read by hand because a document may hold 400,000 instants.
 * @example instantMillis('2026-11-24T14:00:00Z') === 1795528800000; instantMillis('2026-11-24T14:00:00') === null
 */
export function instantMillis(value: unknown): number | null {
  if (typeof value !== 'string' || value.length > VALIDATION_LIMITS.maxInstantLength) return null;
  const form = INSTANT_FORM.exec(value);
  if (form === null) return null;
  // Indexed reads rather than destructuring: this runs for every busy entry.
  const year = Number(form[1]);
  const month = Number(form[2]);
  const day = Number(form[3]);
  const monthDays = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
  if (monthDays === undefined || day < 1 || day > monthDays) return null;
  const hour = Number(form[4]);
  const minute = Number(form[5]);
  const second = form[6] === undefined ? 0 : Number(form[6]);
  const offsetHours = form[9] === undefined ? 0 : Number(form[9]);
  const offsetMinutes = form[10] === undefined ? 0 : Number(form[10]);
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return null;
  const offset = (form[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes);
  const fraction = form[7];
  const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const minutes = daysFromCivil(year, month, day) * MINUTES_PER_DAY + hour * 60 + minute - offset;
  return minutes * MS_PER_MINUTE + second * 1000 + millis;
}

/** A date and time without an offset: the one mistake worth a more specific message. */
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

export function lacksOffset(value: string): boolean {
  return LOCAL_DATE_TIME.test(value);
}

/**
 * Whether a zone name is one the engine can use: an IANA name luxon (and so `Intl`) knows, or `UTC`.
 * Each check builds an `Intl.DateTimeFormat`, and the answer cannot change while the page or the
 * process runs, so the names found valid are kept (at most `KEPT_ZONE_NAMES`: `Intl` also takes
 * other spellings of each). Refused names are not kept, so documents full of made-up names (a
 * fuzzer, a hostile upload) cannot fill the set and leave the real ones out.
 */
export function isZoneName(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > VALIDATION_LIMITS.maxZoneNameLength) {
    return false;
  }
  if (validZoneNames.has(value)) return true;
  const valid = value === 'UTC' || IANAZone.isValidZone(value);
  if (valid && validZoneNames.size < KEPT_ZONE_NAMES) validZoneNames.add(value);
  return valid;
}

const KEPT_ZONE_NAMES = 1_000;
const validZoneNames = new Set<string>();
