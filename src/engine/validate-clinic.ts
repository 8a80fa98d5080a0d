/**
 * The parts of a document around providers and types: the clinic's display details, its
 * locations, closures and limits. Locations are read before providers, so that a provider's
 * `locationId` is resolved as the provider is read.
 */

import { SIZE_LIMITS } from './limits.ts';
import type { DocumentFacts } from './validate-facts.ts';
import { checkZoneField, readDate } from './validate-fields.ts';
import { openEntry, readOwn, type Scope } from './validate-read.ts';
import { checkEntriesWithIds } from './validate-references.ts';
import { pointer, type Report } from './validate-report.ts';
import { readLocationId } from './validate-spans.ts';
import { ordinal, quote } from './validate-text.ts';

const CLINIC_FIELDS: ReadonlySet<string> = new Set(['name', 'phone', 'email', 'website']);
const LOCATION_FIELDS: ReadonlySet<string> = new Set(['id', 'name', 'timezone', 'address']);
const CLOSURE_FIELDS: ReadonlySet<string> = new Set(['date', 'name']);
/** Version 2: a closure may close one location only. */
const CLOSURE_FIELDS_V2: ReadonlySet<string> = new Set([...CLOSURE_FIELDS, 'locationId']);
const LIMITS_FIELDS: ReadonlySet<string> = new Set(['maxSlotsPerDay']);

export function checkClinic(document: Scope): void {
  const clinic = document.object('clinic', false, 'The clinic details');
  if (clinic === undefined) return;
  clinic.warnUnknownFields(CLINIC_FIELDS);
  for (const key of CLINIC_FIELDS) clinic.string(key, false);
}

export function checkLocations(report: Report, document: Scope, facts: DocumentFacts): void {
  // Absent: no provider may name a location. Unusable: references to it are not checked.
  if (readOwn(document.target, 'locations') === undefined) facts.locationIds = new Map();
  const list = document.list('locations', false, SIZE_LIMITS.locations);
  if (list === undefined) return;
  facts.locationIds = checkEntriesWithIds(report, list, 'Location', (scope) => checkLocation(scope, facts));
}

function checkLocation(scope: Scope, facts: DocumentFacts): string | undefined {
  const id = scope.string('id', true);
  if (id !== undefined) scope.owner = `Location ${quote(id)}`;
  const name = scope.string('name', true);
  if (name !== undefined) scope.owner = `Location ${quote(name)}`;
  scope.warnUnknownFields(LOCATION_FIELDS);
  const zone = checkZoneField(scope, false);
  if (id !== undefined && zone !== undefined) facts.locationZones.set(id, zone);
  scope.string('address', false, SIZE_LIMITS.longTextLength);
  return id;
}

export function checkClosures(report: Report, document: Scope, facts: DocumentFacts): void {
  const list = document.list('closures', false, SIZE_LIMITS.closures);
  if (list === undefined) return;
  // By date and location (`""`: the whole clinic): one closure each.
  const seen = new Map<string, number>();
  for (let index = 0; index < list.length && !report.stopped; index += 1) {
    const scope = openEntry(report, list, index, `Closure ${ordinal(index)}`);
    if (scope === undefined) continue;
    const name = scope.string('name', false);
    if (name !== undefined) scope.owner = `Closure ${ordinal(index)} (${name})`;
    scope.warnUnknownFields(facts.version === 2 ? CLOSURE_FIELDS_V2 : CLOSURE_FIELDS);
    const location = facts.version === 2 ? readLocationId(scope, scope.owner, facts) : undefined;
    const date = readDate(scope);
    if (date === undefined || location === null) continue;
    const key = `${date.day}/${location ?? ''}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
      continue;
    }
    const where = location === undefined ? '' : ` at location ${quote(location)}`;
    report.error(
      'DUPLICATE_DATE',
      pointer(scope.path, 'date'),
      `${date.text} is closed twice${where} (closures ${ordinal(first)} and ${ordinal(index)}); keep one.`,
    );
  }
}

export function checkLimits(document: Scope, facts: DocumentFacts): void {
  const limits = document.object('limits', false, 'The limits');
  if (limits === undefined) return;
  limits.warnUnknownFields(LIMITS_FIELDS);
  facts.maxSlotsPerDay = limits.integer('maxSlotsPerDay', false);
}
