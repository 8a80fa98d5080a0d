/**
 * The admin page's side of hours per visit type (`hours`, feature `type-hours`) and per location
 * (a span's or closure's `locationId`, feature `span-locations`): edits of a draft that keep
 * `version` and `requires` in step with the fields used, and what changed between two documents
 * where the slot diff cannot show it (a span moved to another location keeps its slots).
 */
import type { RulesFeature } from '../engine/types.ts';
import { getAt, type PathToken, setAt, updateAt } from './pointer.ts';
import { asList, asRecord, asText, labelOf } from './read.ts';

type Draft = unknown;

/** Makes the draft version 2 and lists `feature` in its `requires`. */
export function requireFeature(draft: Draft, feature: RulesFeature): Draft {
  const versioned = asRecord(draft).version === 2 ? draft : setAt(draft, ['version'], 2);
  return updateAt(versioned, ['requires'], (list) => {
    const features = asList(list);
    return features.includes(feature) ? list : [...features, feature];
  });
}

/** Drops `feature` from `requires` when `stillUsed` says nothing needs it any more. */
function releaseFeature(draft: Draft, feature: RulesFeature, stillUsed: boolean): Draft {
  if (stillUsed) return draft;
  return updateAt(draft, ['requires'], (list) => {
    const left = asList(list).filter((item) => item !== feature);
    return left.length === 0 ? undefined : left;
  });
}

/** Whether type `type` is offered only at hours of its own. */
export function hasTypeHours(draft: Draft, type: number): boolean {
  return getAt(draft, ['appointmentTypes', type, 'hours']) !== undefined;
}

/**
 * Gives a type hours of its own (starting with weekdays 09:00–17:00, which the admin then cuts
 * down), or removes them: the type is then offered whenever its providers work.
 */
export function setTypeHours(draft: Draft, type: number, own: boolean): Draft {
  if (own) {
    const day = [{ start: '09:00', end: '17:00' }];
    const hours = { mon: day, tue: day, wed: day, thu: day, fri: day };
    return setAt(requireFeature(draft, 'type-hours'), ['appointmentTypes', type, 'hours'], hours);
  }
  const next = setAt(draft, ['appointmentTypes', type, 'hours'], undefined);
  const used = asList(asRecord(next).appointmentTypes).some((item) => asRecord(item).hours !== undefined);
  return releaseFeature(next, 'type-hours', used);
}

/** Places the span (or closure) at `path` at a location; `''` removes its own (the provider's applies). */
export function setPlace(draft: Draft, path: readonly PathToken[], locationId: string): Draft {
  if (locationId === '') return setAt(draft, [...path, 'locationId'], undefined);
  return setAt(requireFeature(draft, 'span-locations'), [...path, 'locationId'], locationId);
}

/** The draft's locations as `[id, name]`, for location choices. */
export function locationChoices(draft: Draft): Array<[string, string]> {
  return asList(asRecord(draft).locations)
    .map((location): [string, string] => [asText(asRecord(location).id), labelOf(location, '')])
    .filter(([id]) => id !== '');
}

export interface PlaceChange {
  key: string;
  /** Whose hours: a type's or a provider's name. */
  subject: string;
  /** The JSON Pointer of the changed field in the newer document. */
  path: string;
  before: string;
  after: string;
}

const DAY_NAMES: ReadonlyArray<[string, string]> = [
  ['mon', 'Mon'],
  ['tue', 'Tue'],
  ['wed', 'Wed'],
  ['thu', 'Thu'],
  ['fri', 'Fri'],
  ['sat', 'Sat'],
  ['sun', 'Sun'],
];

/** `Tue 09:00–12:00 at North, Sat 09:00–12:00`; spans without a place of their own show none. */
function describeWeek(week: unknown, names: ReadonlyMap<string, string>): string {
  const days: string[] = [];
  for (const [day, short] of DAY_NAMES) {
    const spans = asList(asRecord(week)[day]).map((span) => {
      const { start, end, locationId } = asRecord(span);
      const place = typeof locationId === 'string' ? ` at ${names.get(locationId) ?? locationId}` : '';
      return `${asText(start)}–${asText(end)}${place}`;
    });
    if (spans.length > 0) days.push(`${short} ${spans.join(', ')}`);
  }
  return days.length === 0 ? 'none' : days.join('; ');
}

/** Entries of a list by id, for comparing two documents. */
function byId(list: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const item of asList(list)) {
    const id = asText(asRecord(item).id);
    if (id) out.set(id, item);
  }
  return out;
}

/**
 * The types whose own hours differ, and the providers whose weekly spans moved between locations,
 * between `before` and `after` (entries present in both).
 */
export function placeChanges(before: unknown, after: unknown): PlaceChange[] {
  const names = new Map(locationChoices(after));
  const changes: PlaceChange[] = [];
  const olderTypes = byId(asRecord(before).appointmentTypes);
  asList(asRecord(after).appointmentTypes).forEach((type, index) => {
    const id = asText(asRecord(type).id);
    const older = olderTypes.get(id);
    if (older === undefined) return;
    const was = asRecord(older).hours;
    const now = asRecord(type).hours;
    if (JSON.stringify(was ?? null) === JSON.stringify(now ?? null)) return;
    const own = (hours: unknown) =>
      hours === undefined ? 'whenever its providers work' : `only ${describeWeek(hours, names)}`;
    changes.push({
      key: `type:${id}`,
      subject: labelOf(type, id),
      path: `/appointmentTypes/${index}/hours`,
      before: own(was),
      after: own(now),
    });
  });
  const olderProviders = byId(asRecord(before).providers);
  asList(asRecord(after).providers).forEach((provider, index) => {
    const id = asText(asRecord(provider).id);
    const older = olderProviders.get(id);
    if (older === undefined) return;
    const places = (item: unknown) => {
      const { weekly, locationId } = asRecord(item);
      return `${describeWeek(weekly, names)} (usually ${typeof locationId === 'string' ? (names.get(locationId) ?? locationId) : 'no location'})`;
    };
    // Only where a place changed: changed times alone show in the slot diff.
    if (placesOf(older) === placesOf(provider)) return;
    changes.push({
      key: `provider:${id}`,
      subject: labelOf(provider, id),
      path: `/providers/${index}/weekly`,
      before: places(older),
      after: places(provider),
    });
  });
  return changes;
}

/** A provider's own location and each weekly span's, in order: what a move between locations changes. */
function placesOf(provider: unknown): string {
  const { weekly, locationId } = asRecord(provider);
  const placed = DAY_NAMES.flatMap(([day]) =>
    asList(asRecord(weekly)[day])
      .map(asRecord)
      .filter((span) => span.locationId !== undefined)
      .map((span) => [day, span.start, span.end, span.locationId]),
  );
  return JSON.stringify([locationId ?? null, placed]);
}
