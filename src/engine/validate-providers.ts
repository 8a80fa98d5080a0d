/**
 * The providers of a document: identity, location and zone, weekly hours, date overrides and
 * time off. Records each provider's merged hours for the warnings that need them.
 */

import { weekdayOf } from './civil.ts';
import { SIZE_LIMITS } from './limits.ts';
import type { DocumentFacts, ProviderFacts } from './validate-facts.ts';
import { checkZoneField, readDate } from './validate-fields.ts';
import { type ListRef, openEntry, type Scope } from './validate-read.ts';
import { checkEntriesWithIds, checkReference } from './validate-references.ts';
import { pointer, type Report } from './validate-report.ts';
import { checkDaySpans, checkInstantRange, type SpanPlaces } from './validate-spans.ts';
import { ordinal, quote, WEEKDAY_NAMES, WEEKDAYS } from './validate-text.ts';
import { checkWeekHours } from './validate-week.ts';

const PROVIDER_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'name',
  'locationId',
  'timezone',
  'weekly',
  'overrides',
  'timeOff',
]);
const OVERRIDE_FIELDS: ReadonlySet<string> = new Set(['date', 'hours']);
const TIME_OFF_FIELDS: ReadonlySet<string> = new Set(['start', 'end']);

/** Checks every provider of `list`, registering their ids in `facts.providerIds`. */
export function checkProviders(report: Report, list: ListRef, facts: DocumentFacts): void {
  facts.providerIds = checkEntriesWithIds(report, list, 'Provider', (scope, index) =>
    checkProvider(report, scope, index, facts),
  );
}

function checkProvider(
  report: Report,
  scope: Scope,
  index: number,
  facts: DocumentFacts,
): string | undefined {
  const id = scope.string('id', true);
  if (id !== undefined) scope.owner = `Provider ${quote(id)}`;
  const name = scope.string('name', true);
  if (name !== undefined) scope.owner = name;
  const label = scope.owner;
  scope.warnUnknownFields(PROVIDER_FIELDS);

  const locationId = scope.string('locationId', false);
  if (locationId !== undefined) {
    checkReference(
      report,
      facts.locationIds,
      locationId,
      () => pointer(scope.path, 'locationId'),
      () => `${label}'s location ${quote(locationId)} is not one of the document's locations.`,
    );
  }
  const ownZone = checkZoneField(scope, false);
  const zone =
    ownZone ??
    (locationId === undefined ? undefined : facts.locationZones.get(locationId)) ??
    facts.documentZone;

  const provider: ProviderFacts = { index, id, label, days: [], weekly: {} };
  // Version 2 places each span at a location, the provider's own by default.
  const places = facts.version === 2 ? { facts, fallback: locationId, zone } : undefined;
  checkWeekly(report, scope, provider, places);
  checkOverrides(report, scope, provider, places);
  checkTimeOff(report, scope, label);
  facts.providers.set(index, provider);
  return id;
}

function checkWeekly(
  report: Report,
  scope: Scope,
  facts: ProviderFacts,
  places: SpanPlaces | undefined,
): void {
  const days = checkWeekHours(report, scope, {
    key: 'weekly',
    label: facts.label,
    owner: `${facts.label}'s weekly hours`,
    limit: SIZE_LIMITS.spansPerDay,
    ...(places === undefined ? {} : { places }),
  });
  if (days === undefined) return;
  Object.assign(facts.weekly, days);
  for (const day of WEEKDAYS) {
    const spans = days[day];
    if (spans !== undefined) facts.days.push({ label: `${WEEKDAY_NAMES[day]} hours`, weekday: day, spans });
  }
}

function checkOverrides(
  report: Report,
  provider: Scope,
  facts: ProviderFacts,
  places: SpanPlaces | undefined,
): void {
  const list = provider.list('overrides', false, SIZE_LIMITS.overridesPerProvider);
  if (list === undefined) return;
  const seen = new Map<number, number>();
  for (let index = 0; index < list.length && !report.stopped; index += 1) {
    const scope = openEntry(report, list, index, `${facts.label}'s override ${ordinal(index)}`);
    if (scope === undefined) continue;
    scope.warnUnknownFields(OVERRIDE_FIELDS);
    const date = readDate(scope);
    let where = scope.owner;
    if (date !== undefined) {
      where = `${facts.label}'s hours on ${date.text}`;
      const first = seen.get(date.day);
      if (first === undefined) seen.set(date.day, index);
      else {
        report.error(
          'DUPLICATE_DATE',
          pointer(scope.path, 'date'),
          `${facts.label} has two overrides for ${date.text} (${ordinal(first)} and ${ordinal(index)}); keep one.`,
        );
      }
    }
    const hours = scope.list('hours', true, SIZE_LIMITS.spansPerDay);
    if (hours === undefined) continue;
    const merged = checkDaySpans(report, hours, where, places);
    if (merged !== undefined && merged.length > 0 && date !== undefined) {
      facts.days.push({ label: `hours on ${date.text}`, weekday: weekdayOf(date.day), spans: merged });
    }
  }
}

function checkTimeOff(report: Report, provider: Scope, label: string): void {
  const list = provider.list('timeOff', false, SIZE_LIMITS.timeOffPerProvider);
  if (list === undefined) return;
  for (let index = 0; index < list.length && !report.stopped; index += 1) {
    const scope = openEntry(report, list, index, `${label}'s time off ${ordinal(index)}`);
    if (scope === undefined) continue;
    scope.warnUnknownFields(TIME_OFF_FIELDS);
    checkInstantRange(scope);
  }
}
