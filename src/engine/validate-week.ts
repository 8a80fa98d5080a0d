/**
 * Hours by weekday (a provider's `weekly`, an appointment type's `hours`): only the keys mon to
 * sun, each a list of spans checked and merged as one day.
 */

import type { Weekday } from './types.ts';
import type { MergedSpans } from './validate-facts.ts';
import { readOwn, type Scope } from './validate-read.ts';
import { pointer, type Report } from './validate-report.ts';
import { checkDaySpans, type SpanPlaces } from './validate-spans.ts';
import { quote, WEEKDAY_NAMES, WEEKDAYS } from './validate-text.ts';

const DAY_KEYS: ReadonlySet<string> = new Set(WEEKDAYS);

export interface WeekHoursField {
  /** The field, e.g. `weekly`. */
  readonly key: string;
  /** Whose hours, in messages: `Dr. Ana Lee`, `Appointment type "Vaccination"`. */
  readonly label: string;
  /** How the object is named in messages: `Dr. Ana Lee's weekly hours`. */
  readonly owner: string;
  /** Spans per day. */
  readonly limit: number;
  readonly places?: SpanPlaces;
}

/**
 * Checks a week of hours and returns each weekday's merged spans (days with none left out), or
 * `undefined` when the field is absent or not an object.
 */
export function checkWeekHours(
  report: Report,
  scope: Scope,
  field: WeekHoursField,
): Partial<Record<Weekday, MergedSpans>> | undefined {
  const week = scope.object(field.key, false, field.owner);
  if (week === undefined) return undefined;
  let keys: string[];
  try {
    keys = Object.keys(week.target);
  } catch {
    report.error(
      'INVALID_FIELD',
      week.path,
      `${week.owner} could not be read; a rules document must be plain JSON data.`,
    );
    return undefined;
  }
  for (const key of keys) {
    if (report.stopped) return undefined;
    if (DAY_KEYS.has(key)) continue;
    report.error(
      'INVALID_FIELD',
      pointer(week.path, key),
      `${week.owner}: ${quote(key)} is not a day; use mon, tue, wed, thu, fri, sat or sun.`,
    );
  }
  const days: Partial<Record<Weekday, MergedSpans>> = {};
  for (const day of WEEKDAYS) {
    if (report.stopped) return days;
    if (readOwn(week.target, day) === undefined) continue;
    const spans = week.list(day, false, field.limit);
    if (spans === undefined) continue;
    const merged = checkDaySpans(report, spans, `${field.label}'s ${WEEKDAY_NAMES[day]} hours`, field.places);
    if (merged !== undefined && merged.length > 0) days[day] = merged;
  }
  return days;
}
