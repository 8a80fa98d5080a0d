/**
 * Busy windows (`busyWindows`, format v2): busy time of every provider over one range of real
 * time, as the clinic API's `GET /busy/{YYYY-MM}` answers it. Shape errors refuse the document;
 * entries for a provider or type the rules lack, and entries reaching outside the window, are
 * operational data from the clinic's systems and only warned about (see docs/rules-format.md).
 */

import { parseDate } from './civil.ts';
import { NUMBER_RANGES, SIZE_LIMITS } from './limits.ts';
import type { DocumentFacts, IdRegistry } from './validate-facts.ts';
import { isRecord, type ListRef, openEntry, readOwn, type Scope, UNREADABLE } from './validate-read.ts';
import { pointer, type Report } from './validate-report.ts';
import { describeValue, formatCount, ordinal, quote } from './validate-text.ts';

const WINDOW_FIELDS: ReadonlySet<string> = new Set(['month', 'start', 'end', 'busy', 'seats', 'perDay']);
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const MS_PER_MINUTE = 60_000;

/** What one window's walk counts: entries (against the size limit) and entries outside its range. */
interface Walk {
  report: Report;
  owner: string;
  entries: number;
  outside: number;
  lengthMinutes: number;
  tooLarge: boolean;
}

/** Checks every window of `busyWindows`; providers and types must have been read first. */
export function checkBusyWindows(report: Report, list: ListRef, facts: DocumentFacts): void {
  for (let index = 0; index < list.length && !report.stopped; index += 1) {
    const scope = openEntry(report, list, index, `Busy window ${ordinal(index)}`);
    if (scope === undefined) continue;
    scope.warnUnknownFields(WINDOW_FIELDS);
    const month = scope.field('month', false);
    if (month !== undefined) {
      if (typeof month === 'string' && MONTH.test(month)) scope.owner = `Busy window ${month}`;
      else scope.invalid('month', 'a month written YYYY-MM', month);
    }
    const range = readRange(scope);
    const walk: Walk = {
      report,
      owner: scope.owner,
      entries: 0,
      outside: 0,
      lengthMinutes: range === null ? Number.POSITIVE_INFINITY : (range.end - range.start) / MS_PER_MINUTE,
      tooLarge: false,
    };
    eachProvider(scope, 'busy', facts.providerIds, walk, (entries, path) =>
      checkTuples(walk, entries, path, 2, () => undefined),
    );
    eachProvider(scope, 'seats', facts.providerIds, walk, (entries, path) =>
      checkTuples(walk, entries, path, 4, (tuple, at) => checkSeat(walk, facts.typeIds, tuple, at)),
    );
    eachProvider(scope, 'perDay', facts.providerIds, walk, (byType, path) =>
      checkPerDay(walk, facts.typeIds, byType, path),
    );
    if (walk.outside > 0 && range !== null) {
      report.warn(
        'BUSY_OUTSIDE_WINDOW',
        scope.path,
        `${scope.owner}: ${formatCount(walk.outside)} ${walk.outside === 1 ? 'entry reaches' : 'entries reach'} outside the window's range; they count as busy time, but no slot outside the range is offered for want of the rest.`,
      );
    }
  }
}

function readRange(scope: Scope): { start: number; end: number } | null {
  const start = epochMinute(scope, 'start');
  const end = epochMinute(scope, 'end');
  if (start === undefined || end === undefined) return null;
  if (end <= start) {
    scope.report.error('EMPTY_INTERVAL', scope.path, `${scope.owner} ends at or before its start.`);
    return null;
  }
  if (end - start > SIZE_LIMITS.windowMinutes * MS_PER_MINUTE) {
    scope.report.error(
      'TOO_LARGE',
      scope.path,
      `${scope.owner} covers ${formatCount((end - start) / MS_PER_MINUTE)} minutes; a window may cover at most ${formatCount(SIZE_LIMITS.windowMinutes)}.`,
    );
    return null;
  }
  return { start, end };
}

/** A required epoch-ms field on a whole minute (offsets inside the window are whole minutes). */
function epochMinute(scope: Scope, key: string): number | undefined {
  const value = scope.field(key, true);
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value % MS_PER_MINUTE === 0) return value;
  scope.invalid(key, 'epoch milliseconds on a whole minute', value);
  return undefined;
}

/** Calls `check` with each provider's value of the object field `key`; unknown providers are warned about. */
function eachProvider(
  scope: Scope,
  key: string,
  providers: IdRegistry,
  walk: Walk,
  check: (value: unknown, path: string) => void,
): void {
  const byProvider = scope.object(key, false, scope.owner);
  if (byProvider === undefined) return;
  for (const providerId of keysOf(byProvider)) {
    if (walk.tooLarge || walk.report.stopped) return;
    const path = pointer(byProvider.path, providerId);
    if (providers !== null && !providers.has(providerId)) {
      walk.report.warn(
        'UNKNOWN_BUSY_REFERENCE',
        path,
        `${walk.owner} has busy time for provider ${quote(providerId)}, but no provider has that id; it is ignored.`,
      );
      continue;
    }
    check(readOwn(byProvider.target, providerId), path);
  }
}

function keysOf(scope: Scope): string[] {
  try {
    return Object.keys(scope.target);
  } catch {
    scope.report.error(
      'INVALID_FIELD',
      scope.path,
      `${scope.owner} could not be read; it must be plain data.`,
    );
    return [];
  }
}

/** A list of `[offset, length, ...]` tuples; `more` checks what follows the first two numbers. */
function checkTuples(
  walk: Walk,
  value: unknown,
  path: string,
  size: number,
  more: (tuple: object, at: string) => void,
): void {
  if (!Array.isArray(value)) {
    walk.report.error(
      'INVALID_FIELD',
      path,
      `${walk.owner}: ${path} must be a list, but it is ${describeValue(value)}.`,
    );
    return;
  }
  const length = value.length;
  if (!count(walk, length, path)) return;
  const span = SIZE_LIMITS.windowEntryMinutes;
  for (let index = 0; index < length && !walk.report.stopped; index += 1) {
    const tuple = readOwn(value, index);
    const at = pointer(path, index);
    if (!Array.isArray(tuple) || tuple.length !== size) {
      walk.report.error(
        'INVALID_FIELD',
        at,
        `${walk.owner}: entry ${at} must be a list of ${size} values, but it is ${tuple === UNREADABLE ? 'unreadable' : describeValue(tuple)}.`,
      );
      continue;
    }
    const offset = readOwn(tuple, 0);
    const minutes = readOwn(tuple, 1);
    if (!wholeIn(offset, -span, span) || !wholeIn(minutes, 1, span)) {
      walk.report.error(
        'INVALID_NUMBER',
        at,
        `${walk.owner}: entry ${at} must start with whole minutes: an offset from -${formatCount(span)} to ${formatCount(span)}, then a length from 1 to ${formatCount(span)}.`,
      );
      continue;
    }
    if (offset < 0 || offset + minutes > walk.lengthMinutes) walk.outside += 1;
    more(tuple, at);
  }
}

function checkSeat(walk: Walk, types: IdRegistry, tuple: object, at: string): void {
  const typeId = readOwn(tuple, 2);
  const seats = readOwn(tuple, 3);
  const [min, max] = NUMBER_RANGES.seats;
  if (typeof typeId !== 'string' || typeId === '' || !wholeIn(seats, min, max)) {
    walk.report.error(
      'INVALID_FIELD',
      at,
      `${walk.owner}: entry ${at} must end with an appointment type id and the seats taken (${min} to ${formatCount(max)}).`,
    );
    return;
  }
  if (types !== null && !types.has(typeId)) {
    walk.report.warn(
      'UNKNOWN_BUSY_REFERENCE',
      at,
      `${walk.owner}: entry ${at} is for appointment type ${quote(typeId)}, but no appointment type has that id; it counts as plain busy time.`,
    );
  }
}

function checkPerDay(walk: Walk, types: IdRegistry, value: unknown, path: string): void {
  if (!isRecord(value)) {
    walk.report.error(
      'INVALID_FIELD',
      path,
      `${walk.owner}: ${path} must be an object, but it is ${describeValue(value)}.`,
    );
    return;
  }
  for (const typeId of Object.keys(value)) {
    const typePath = pointer(path, typeId);
    if (types !== null && !types.has(typeId)) {
      walk.report.warn(
        'UNKNOWN_BUSY_REFERENCE',
        typePath,
        `${walk.owner} counts bookings of appointment type ${quote(typeId)}, but no appointment type has that id; they are ignored.`,
      );
      continue;
    }
    const byDate = readOwn(value, typeId);
    if (!isRecord(byDate)) {
      walk.report.error('INVALID_FIELD', typePath, `${walk.owner}: ${typePath} must be an object of dates.`);
      continue;
    }
    const dates = Object.keys(byDate);
    if (!count(walk, dates.length, typePath)) return;
    for (const date of dates) {
      const bookings = readOwn(byDate, date);
      if (parseDate(date) === null || !wholeIn(bookings, 0, SIZE_LIMITS.windowEntries)) {
        walk.report.error(
          'INVALID_FIELD',
          pointer(typePath, date),
          `${walk.owner}: ${pointer(typePath, date)} must be a date written YYYY-MM-DD with a whole number of bookings.`,
        );
      }
    }
  }
}

/** Adds `length` entries to the window's count; false (reported once) past the limit. */
function count(walk: Walk, length: number, path: string): boolean {
  walk.entries += length;
  if (walk.entries <= SIZE_LIMITS.windowEntries) return true;
  walk.tooLarge = true;
  walk.report.error(
    'TOO_LARGE',
    path,
    `${walk.owner} has more than ${formatCount(SIZE_LIMITS.windowEntries)} entries; a window may hold at most that many.`,
  );
  return false;
}

function wholeIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}
