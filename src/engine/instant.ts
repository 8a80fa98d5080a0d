/**
 * ISO 8601 instants to epoch milliseconds, in exactly the form rules documents use (and
 * `validateRules` accepts): `YYYY-MM-DDTHH:mm`, optional `:ss` and `.fraction`, then `Z` or an
 * offset `±HH:mm` (or `±HHmm`). A local time without an offset is ambiguous, so it is refused
 * rather than guessed. Busy lists hold up to 200,000 entries: the most common spelling is read by
 * character codes, the rest by one regular expression; luxon is not involved.
 */

import { daysFromCivil, daysInMonth, MS_PER_DAY, MS_PER_MINUTE, parseDate } from './civil.ts';

const EXTENDED_INSTANT =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):?(\d{2}))$/;

/** The largest epoch ms an ECMAScript Date can hold (±100,000,000 days). */
const MAX_EPOCH_MS = 8.64e15;

/**
 * Epoch ms of an ISO 8601 instant with `Z` or an offset, else `null`.
 * @example parseInstant('2026-03-08T02:30:00-05:00') === 1772955000000
 */
export function parseInstant(text: string): number | null {
  const fixed = fromFixedForm(text);
  if (fixed !== null) return fixed;
  const match = EXTENDED_INSTANT.exec(text);
  return match ? fromExtendedMatch(match) : null;
}

/**
 * Epoch ms of `now` given as epoch milliseconds or an ISO instant; `null` when it is neither
 * (NaN, Infinity, a date without time or offset, anything else).
 */
export function readInstant(value: unknown): number | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) && Math.abs(value) <= MAX_EPOCH_MS ? value : null;
  }
  if (typeof value === 'string' && value.length <= 64) return parseInstant(value);
  return null;
}

/**
 * The form servers write most, `YYYY-MM-DDTHH:mm:ss[.fff]` then `Z` or `±HH:mm`, read by
 * character codes (no regular expression, no allocation); `null` for anything else, which the
 * general paths then read.
 */
function fromFixedForm(text: string): number | null {
  const length = text.length;
  if (length < 20 || length > 35) return null;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84) return null;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return null;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
  let position = 19;
  let millis = 0;
  if (text.charCodeAt(position) === 46) {
    const fractionStart = ++position;
    while (position < length && isDigit(text.charCodeAt(position))) position++;
    const fractionDigits = position - fractionStart;
    if (fractionDigits < 1 || fractionDigits > 9) return null;
    // Milliseconds are the first three digits; further digits are truncated, as luxon does.
    for (let index = 0; index < 3; index++) {
      millis = millis * 10 + (index < fractionDigits ? text.charCodeAt(fractionStart + index) - 48 : 0);
    }
  }
  let offsetMinutes: number;
  const sign = text.charCodeAt(position);
  if (sign === 90 && position === length - 1) {
    offsetMinutes = 0;
  } else if (
    (sign === 43 || sign === 45) &&
    position === length - 6 &&
    text.charCodeAt(position + 3) === 58
  ) {
    const offsetHours = digitsAt(text, position + 1, 2);
    const offsetMins = digitsAt(text, position + 4, 2);
    if (offsetHours < 0 || offsetHours > 23 || offsetMins < 0 || offsetMins > 59) return null;
    offsetMinutes = (sign === 45 ? -1 : 1) * (offsetHours * 60 + offsetMins);
  } else {
    return null;
  }
  const epochDay = daysFromCivil(year, month, day);
  return (
    epochDay * MS_PER_DAY + (hour * 60 + minute - offsetMinutes) * MS_PER_MINUTE + second * 1000 + millis
  );
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The number written by `count` digits from `from`, or −1 when one of them is not a digit. */
function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let index = from; index < from + count; index++) {
    const code = text.charCodeAt(index);
    if (!isDigit(code)) return -1;
    value = value * 10 + code - 48;
  }
  return value;
}

/** Exact value of a matched instant, or `null` when a field is out of range. */
function fromExtendedMatch(match: RegExpExecArray): number | null {
  const epochDay = parseDate(match[1]);
  const hour = Number(match[2]);
  const minute = Number(match[3]);
  const second = match[4] === undefined ? 0 : Number(match[4]);
  if (epochDay === null || hour > 23 || minute > 59 || second > 59) return null;
  const millis = match[5] === undefined ? 0 : Number(match[5].slice(0, 3).padEnd(3, '0'));
  let offsetMinutes = 0;
  if (match[6] === undefined) {
    const offsetHours = Number(match[8]);
    const offsetMins = Number(match[9]);
    if (offsetHours > 23 || offsetMins > 59) return null;
    offsetMinutes = (match[7] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  return (
    epochDay * MS_PER_DAY + (hour * 60 + minute - offsetMinutes) * MS_PER_MINUTE + second * 1000 + millis
  );
}
