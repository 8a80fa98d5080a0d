/**
 * Fields that several parts of a document share: a `timezone` (document, location, provider) and a
 * `date` (overrides, closures).
 */

import type { Scope } from './validate-read.ts';
import { pointer } from './validate-report.ts';
import { describeGiven } from './validate-text.ts';
import { calendarDay, isZoneName } from './validate-values.ts';

/** Checks a `timezone` field of `scope` (the document, a location, a provider); returns it when valid. */
export function checkZoneField(scope: Scope, required: boolean): string | undefined {
  const zone = scope.field('timezone', required);
  if (zone === undefined) return undefined;
  if (isZoneName(zone)) return zone as string;
  scope.report.error(
    'INVALID_TIMEZONE',
    pointer(scope.path, 'timezone'),
    `${scope.owner}: the time zone ${describeGiven(zone)} is not an IANA time zone name such as "America/New_York".`,
  );
  return undefined;
}

/** The `date` field of an entry as a calendar date (overrides, closures). */
export function readDate(scope: Scope): { text: string; day: number } | undefined {
  const value = scope.field('date', true);
  if (value === undefined) return undefined;
  const day = calendarDay(value);
  if (day !== null) return { text: value as string, day };
  scope.report.error(
    'INVALID_DATE',
    pointer(scope.path, 'date'),
    `${scope.owner}: the date ${describeGiven(value)} is not a calendar date; write dates as YYYY-MM-DD, e.g. 2026-12-24.`,
  );
  return undefined;
}
