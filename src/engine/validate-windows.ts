/**
 * Busy windows (`busyWindows`, format v2): busy time of every provider over one range of real
 * time, as the clinic API's `GET /busy/{YYYY-MM}` answers it. Shape errors refuse the document;
 * entries for a provider or type the rules lack, and entries reaching outside the window, are
 * operational data from the clinic's systems and only warned about (see docs/rules-format.md).
 * Written compactly on purpose: it ships in the patient's worker, whose size is budgeted.
 */

import { parseDate } from './civil.ts';
import { SIZE_LIMITS } from './limits.ts';
import type { RulesErrorCode, WarningCode } from './types.ts';
import type { DocumentFacts, IdRegistry } from './validate-facts.ts';
import { isRecord, type ListRef, openEntry, readOwn, type Scope } from './validate-read.ts';
import { pointer, type Report } from './validate-report.ts';
import { formatCount, ordinal } from './validate-text.ts';

const WINDOW_FIELDS: ReadonlySet<string> = new Set(['month', 'start', 'end', 'busy', 'seats', 'perDay']);
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const MINUTE = 60_000;
const SPAN = SIZE_LIMITS.windowEntryMinutes;

/** Checks every window of `busyWindows`; providers and types must have been read first. */
export function checkBusyWindows(report: Report, list: ListRef, facts: DocumentFacts): void {
  for (let index = 0; index < list.length && !report.stopped; index += 1) {
    const scope = openEntry(report, list, index, `Busy window ${ordinal(index)}`);
    if (scope !== undefined) checkWindow(report, scope, facts);
  }
}

function checkWindow(report: Report, scope: Scope, facts: DocumentFacts): void {
  scope.warnUnknownFields(WINDOW_FIELDS);
  const base = scope.path;
  // Messages name the offending value by its path inside the window: `busy/lee/3 must be ...`.
  const say = (path: string, what: string) => `${scope.owner}: ${path.slice(base.length + 1)} ${what}.`;
  const fail = (code: RulesErrorCode, path: string, what: string) =>
    report.error(code, path, say(path, what));
  const warn = (code: WarningCode, path: string, what: string) => report.warn(code, path, say(path, what));

  const month = scope.field('month', false);
  if (typeof month === 'string' && MONTH.test(month)) scope.owner = `Busy window ${month}`;
  else if (month !== undefined)
    fail('INVALID_FIELD', pointer(base, 'month'), 'must be a month written YYYY-MM');
  const start = scope.field('start', true);
  const end = scope.field('end', true);
  let minutes = Number.POSITIVE_INFINITY;
  for (const [key, value] of [
    ['start', start],
    ['end', end],
  ] as const) {
    if (value !== undefined && !onMinute(value))
      fail('INVALID_FIELD', pointer(base, key), 'must be epoch milliseconds on a whole minute');
  }
  if (onMinute(start) && onMinute(end)) {
    minutes = (end - start) / MINUTE;
    if (minutes <= 0) report.error('EMPTY_INTERVAL', base, `${scope.owner} ends at or before its start.`);
    else if (minutes > SIZE_LIMITS.windowMinutes)
      report.error(
        'TOO_LARGE',
        base,
        `${scope.owner} covers ${formatCount(minutes)} minutes; a window may cover at most ${formatCount(SIZE_LIMITS.windowMinutes)}.`,
      );
  }

  let entries = 0;
  let outside = 0;
  const counted = (path: string, length: number): boolean => {
    entries += length;
    if (entries <= SIZE_LIMITS.windowEntries) return true;
    fail('TOO_LARGE', path, `takes the window past ${formatCount(SIZE_LIMITS.windowEntries)} entries`);
    return false;
  };
  for (const key of ['busy', 'seats', 'perDay'] as const) {
    const map = scope.object(key, false, scope.owner);
    if (map === undefined) continue;
    for (const providerId of keysOf(map.target)) {
      const at = pointer(map.path, providerId);
      if (report.stopped) return;
      if (!known(facts.providerIds, providerId)) {
        warn('UNKNOWN_BUSY_REFERENCE', at, 'is for a provider the rules lack; it is ignored');
        continue;
      }
      const value = readOwn(map.target, providerId);
      if (key === 'perDay') {
        if (!isRecord(value)) {
          fail('INVALID_FIELD', at, 'must be an object of appointment types');
          continue;
        }
        for (const typeId of keysOf(value)) {
          const typeAt = pointer(at, typeId);
          const byDate = readOwn(value, typeId);
          if (!known(facts.typeIds, typeId)) {
            warn(
              'UNKNOWN_BUSY_REFERENCE',
              typeAt,
              'counts an appointment type the rules lack; it is ignored',
            );
          } else if (!isRecord(byDate)) {
            fail('INVALID_FIELD', typeAt, 'must be an object of dates');
          } else {
            const dates = keysOf(byDate);
            if (!counted(typeAt, dates.length)) return;
            for (const date of dates) {
              if (parseDate(date) === null || !whole(readOwn(byDate, date), 0, SIZE_LIMITS.windowEntries))
                fail('INVALID_FIELD', pointer(typeAt, date), 'must be a YYYY-MM-DD date with a whole number');
            }
          }
        }
        continue;
      }
      if (!Array.isArray(value)) {
        fail('INVALID_FIELD', at, 'must be a list');
        continue;
      }
      if (!counted(at, value.length)) return;
      const size = key === 'busy' ? 2 : 4;
      for (let index = 0; index < value.length; index++) {
        const tuple = readOwn(value, index);
        const entryAt = pointer(at, index);
        const shaped = Array.isArray(tuple) && tuple.length === size;
        const offset = shaped ? readOwn(tuple, 0) : undefined;
        const length = shaped ? readOwn(tuple, 1) : undefined;
        const typeId = size === 4 && shaped ? readOwn(tuple, 2) : '';
        if (
          !whole(offset, -SPAN, SPAN) ||
          !whole(length, 1, SPAN) ||
          (size === 4 &&
            (typeof typeId !== 'string' || typeId === '' || !whole(readOwn(tuple as object, 3), 1, 1000)))
        ) {
          fail(
            shaped ? 'INVALID_NUMBER' : 'INVALID_FIELD',
            entryAt,
            `must be [${size === 2 ? 'offset, length' : 'offset, length, appointment type id, seats taken'}], in whole minutes within a year`,
          );
          continue;
        }
        if (offset < 0 || offset + length > minutes) outside++;
        if (size === 4 && !known(facts.typeIds, typeId as string))
          warn(
            'UNKNOWN_BUSY_REFERENCE',
            entryAt,
            'is for an appointment type the rules lack; it counts as plain busy time',
          );
      }
    }
  }
  if (outside > 0 && minutes !== Number.POSITIVE_INFINITY) {
    report.warn(
      'BUSY_OUTSIDE_WINDOW',
      base,
      `${scope.owner}: ${formatCount(outside)} ${outside === 1 ? 'entry reaches' : 'entries reach'} outside the window's range; they count as busy time, but no slot outside the range is offered for want of the rest.`,
    );
  }
}

function keysOf(target: object): string[] {
  try {
    return Object.keys(target);
  } catch {
    return [];
  }
}

function known(registry: IdRegistry, id: string): boolean {
  return registry === null || registry.has(id);
}

function onMinute(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value % MINUTE === 0;
}

function whole(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}
