/**
 * Availability as hours: R4's `availableTime` / `notAvailable` (PractitionerRole,
 * HealthcareService), R4's `Location.hoursOfOperation`, and R5's `Availability` data type
 * (`availability[].availableTime` / `notAvailableTime`, and R5's `Location.hoursOfOperation`).
 * Weekly spans come out in the rules format's `HH:mm`; unavailability as time off (instants) or
 * closed dates, read in the provider's zone.
 */
import type { DateOverride, InstantRange, TimeSpan, Weekday } from '../src/engine/index.ts';
import { readBound, readClock, utcInstant } from './fhir-time.ts';
import { IMPORT_LIMITS } from './limits.ts';
import type { DescriptionMeaning } from './mapping.ts';
import type { Findings } from './problems.ts';
import { isRecord } from './read-input.ts';

const DAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** One element of availability, with where it sits in its resource. */
interface Located {
  value: unknown;
  field: string;
}

export interface Availability {
  times: Located[];
  notAvailable: Located[];
}

function listAt(value: unknown, field: string, resource: string, findings: Findings): Located[] {
  if (!Array.isArray(value)) return [];
  if (value.length > IMPORT_LIMITS.maxListEntries) {
    findings.error(
      'TOO_MANY_ENTRIES',
      resource,
      field,
      `"${field}" has ${value.length} entries; the first ${IMPORT_LIMITS.maxListEntries} were read.`,
    );
  }
  return value
    .slice(0, IMPORT_LIMITS.maxListEntries)
    .map((item, index) => ({ value: item, field: `${field}[${index}]` }));
}

/** R5's `Availability` list at `field` (`availability`, or R5's `hoursOfOperation`). */
function r5Availability(list: Located[], resource: string, findings: Findings, into: Availability): void {
  for (const item of list) {
    if (!isRecord(item.value)) continue;
    into.times.push(...listAt(item.value.availableTime, `${item.field}.availableTime`, resource, findings));
    into.notAvailable.push(
      ...listAt(item.value.notAvailableTime, `${item.field}.notAvailableTime`, resource, findings),
    );
  }
}

/**
 * Every availability element of a PractitionerRole, HealthcareService or Location, R4 or R5.
 * @example availabilityOf({ resourceType: 'PractitionerRole', availableTime: [x] }, …).times // [{ value: x, field: 'availableTime[0]' }]
 */
export function availabilityOf(
  data: Record<string, unknown>,
  resource: string,
  findings: Findings,
): Availability {
  const found: Availability = { times: [], notAvailable: [] };
  found.times.push(...listAt(data.availableTime, 'availableTime', resource, findings));
  found.notAvailable.push(...listAt(data.notAvailable, 'notAvailable', resource, findings));
  r5Availability(listAt(data.availability, 'availability', resource, findings), resource, findings, found);
  const hours = listAt(data.hoursOfOperation, 'hoursOfOperation', resource, findings);
  const r5Hours = hours.filter(
    (item) => isRecord(item.value) && ('availableTime' in item.value || 'notAvailableTime' in item.value),
  );
  r5Availability(r5Hours, resource, findings, found);
  found.times.push(...hours.filter((item) => !r5Hours.includes(item)));
  return found;
}

export type Weekly = Partial<Record<Weekday, TimeSpan[]>>;

/**
 * Weekly hours from availability times. `allDay` is 00:00–24:00; a missing start or end, an end
 * at or before the start, or seconds are located errors and the entry is left out; a day listed
 * twice in one entry counts once (a warning). Identical spans from several entries are kept once.
 */
export function weeklyHours(times: Located[], resource: string, findings: Findings): Weekly {
  const weekly: Weekly = {};
  for (const { value, field } of times) {
    if (!isRecord(value)) continue;
    const days = Array.isArray(value.daysOfWeek) ? value.daysOfWeek.slice(0, 50) : [];
    if (days.length === 0) {
      findings.error(
        'NO_DAYS',
        resource,
        `${field}.daysOfWeek`,
        `${resource} ${field} names no day of the week; it was not imported.`,
      );
      continue;
    }
    let span: TimeSpan;
    if (value.allDay === true) span = { start: '00:00', end: '24:00' };
    else {
      const startField = 'openingTime' in value ? 'openingTime' : 'availableStartTime';
      const endField = 'closingTime' in value ? 'closingTime' : 'availableEndTime';
      if (value[startField] === undefined || value[endField] === undefined) {
        const missing = value[startField] === undefined ? startField : endField;
        findings.error(
          'MISSING_TIME',
          resource,
          `${field}.${missing}`,
          `${resource} ${field} has no ${missing} and is not allDay; it was not imported (FHIR gives it no meaning).`,
        );
        continue;
      }
      const start = readClock(value[startField], 'start');
      const end = readClock(value[endField], 'end');
      if (!start.ok || !end.ok) {
        const [bad, reason] = !start.ok
          ? [startField, start.reason]
          : [endField, (end as { reason: string }).reason];
        findings.error(
          'INVALID_TIME',
          resource,
          `${field}.${bad}`,
          `${resource} ${field}.${bad}: ${reason}; it was not imported.`,
        );
        continue;
      }
      if (end.time <= start.time) {
        findings.error(
          'END_BEFORE_START',
          resource,
          field,
          `${resource} ${field} ends (${end.time}) at or before it starts (${start.time}); it was not imported. Write hours past midnight as two entries.`,
        );
        continue;
      }
      span = { start: start.time, end: end.time };
    }
    const seen = new Set<string>();
    days.forEach((day: unknown, index) => {
      if (typeof day !== 'string' || !DAYS.includes(day as Weekday)) {
        findings.error(
          'INVALID_DAY',
          resource,
          `${field}.daysOfWeek[${index}]`,
          `${JSON.stringify(day)} is not a day (mon … sun).`,
        );
        return;
      }
      if (seen.has(day)) {
        findings.warning(
          'DUPLICATE_DAY',
          resource,
          `${field}.daysOfWeek[${index}]`,
          `"${day}" is listed twice; it counts once.`,
        );
        return;
      }
      seen.add(day);
      const list = weekly[day as Weekday] ?? [];
      weekly[day as Weekday] = list;
      if (!list.some((known) => known.start === span.start && known.end === span.end)) list.push(span);
    });
  }
  for (const day of DAYS) weekly[day]?.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return weekly;
}

export interface Unavailability {
  timeOff: InstantRange[];
  closedDates: DateOverride[];
}

export interface Window {
  fromMs: number;
  toMs: number;
}

/**
 * Time off from `notAvailable` / `notAvailableTime`, read in `zone` and cut to the import's
 * window (a `during` of 500 years becomes time off to the window's end, with a warning). An entry
 * with only a description means what the mapping says, else it is a located error.
 */
export function unavailability(
  entries: Located[],
  context: {
    resource: string;
    zone: string;
    window: Window;
    descriptions: Record<string, DescriptionMeaning>;
  },
  findings: Findings,
): Unavailability {
  const { resource, zone, window } = context;
  const found: Unavailability = { timeOff: [], closedDates: [] };
  for (const { value, field } of entries) {
    if (!isRecord(value)) continue;
    const during = isRecord(value.during) ? value.during : undefined;
    if (!during || (during.start === undefined && during.end === undefined)) {
      const description = typeof value.description === 'string' ? value.description : '';
      const meaning = Object.hasOwn(context.descriptions, description)
        ? context.descriptions[description]
        : undefined;
      if (meaning === 'ignore') continue;
      if (meaning) {
        for (const date of meaning.closedDates) found.closedDates.push({ date, hours: [] });
        continue;
      }
      findings.error(
        'UNMAPPED_NOT_AVAILABLE',
        resource,
        `${field}.description`,
        `${resource} ${field} says only ${JSON.stringify(description.slice(0, 200))}, with no dates; say what it means in the mapping's "notAvailableDescriptions".`,
      );
      continue;
    }
    const start =
      during.start === undefined
        ? { ok: true as const, ms: window.fromMs, assumedZone: false }
        : readBound(during.start, 'start', zone);
    const end =
      during.end === undefined
        ? { ok: true as const, ms: Number.POSITIVE_INFINITY, assumedZone: false }
        : readBound(during.end, 'end', zone);
    if (!start.ok || !end.ok) {
      const [bad, reason] = !start.ok ? ['start', start.reason] : ['end', (end as { reason: string }).reason];
      findings.error(
        'INVALID_PERIOD',
        resource,
        `${field}.during.${bad}`,
        `${resource} ${field}.during.${bad} ${reason}; it was not imported.`,
      );
      continue;
    }
    if (end.ms <= start.ms) {
      findings.error(
        'INVALID_PERIOD',
        resource,
        `${field}.during`,
        `${resource} ${field}.during ends at or before it starts; it was not imported.`,
      );
      continue;
    }
    if (start.assumedZone || end.assumedZone) {
      findings.warning(
        'INVALID_PERIOD',
        resource,
        `${field}.during`,
        `${resource} ${field}.during has a date-time without an offset; it was read in ${zone}.`,
      );
    }
    if (end.ms <= window.fromMs) {
      findings.skip('ended-before-now', `${resource} ${field}`);
      continue;
    }
    if (start.ms >= window.toMs) {
      findings.skip('beyond-horizon', `${resource} ${field}`);
      continue;
    }
    if (end.ms > window.toMs) {
      findings.warning(
        'PERIOD_CLAMPED',
        resource,
        `${field}.during`,
        `${resource} ${field} runs past the import's window; it was imported up to ${utcInstant(window.toMs)}.`,
      );
    }
    found.timeOff.push({
      start: utcInstant(Math.max(start.ms, window.fromMs)),
      end: utcInstant(Math.min(end.ms, window.toMs)),
    });
  }
  return found;
}
