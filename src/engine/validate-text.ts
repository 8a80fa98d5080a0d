/**
 * Wording shared by validation messages: how a value is described, how counts print, day names.
 * Messages are read by clinic admins, so values are described in words ("a list", "the text "30"")
 * rather than JavaScript type names, and long texts are shortened.
 */

import type { Weekday } from './types.ts';

export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export const WEEKDAY_NAMES: Readonly<Record<Weekday, string>> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

const QUOTED_TEXT_LIMIT = 40;

/** A text in double quotes, shortened with `…` past 40 characters so a message stays readable. */
export function quote(text: string): string {
  const short = text.length > QUOTED_TEXT_LIMIT ? `${text.slice(0, QUOTED_TEXT_LIMIT)}…` : text;
  return `"${short}"`;
}

/**
 * A value in words, for "… but it is X".
 * @example describeValue('30') === 'the text "30"'; describeValue([]) === 'a list'; describeValue(NaN) === 'NaN'
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  try {
    if (Array.isArray(value)) return 'a list';
  } catch {
    // A revoked Proxy throws on Array.isArray; it cannot be read at all.
    return 'an unreadable value';
  }
  switch (typeof value) {
    case 'string':
      return value === '' ? 'an empty text' : `the text ${quote(value)}`;
    case 'number':
      return Number.isNaN(value) ? 'NaN' : String(value);
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'missing';
    case 'object':
      return 'an object';
    case 'function':
      return 'a function';
    case 'bigint':
      return 'a BigInt';
    default:
      return 'a symbol';
  }
}

/**
 * A value that should have been a text (a time, a date, a zone): quoted when it is a text,
 * described otherwise.
 * @example describeGiven('9:00') === '"9:00"'; describeGiven(900) === '900'
 */
export function describeGiven(value: unknown): string {
  return typeof value === 'string' ? quote(value) : describeValue(value);
}

/**
 * An integer with thousands separators, independent of the machine's locale.
 * @example formatCount(200000) === '200,000'
 */
export function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `#1` for the first entry of a list: admins count from 1, JSON Pointer paths count from 0. */
export function ordinal(index: number): string {
  return `#${index + 1}`;
}
