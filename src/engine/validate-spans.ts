/**
 * Spans of time: the `HH:mm` spans of one day (weekly hours, override hours), checked and merged
 * the way the engine merges them, and the instant ranges of time off and busy entries.
 */

import { formatClockMinutes } from './civil.ts';
import type { DocumentFacts, MergedSpans } from './validate-facts.ts';
import { type ListRef, openEntry, readOwn, type Scope } from './validate-read.ts';
import { checkReference } from './validate-references.ts';
import { pointer, type Report } from './validate-report.ts';
import { describeGiven, ordinal, quote } from './validate-text.ts';
import { clockMinutes, instantMillis, lacksOffset } from './validate-values.ts';

const SPAN_FIELDS: ReadonlySet<string> = new Set(['start', 'end']);
const LOCATED_SPAN_FIELDS: ReadonlySet<string> = new Set([...SPAN_FIELDS, 'locationId']);

/**
 * Where a provider's spans take place (version 2): a span may name a location, else it is at
 * `fallback` (the provider's `locationId`). Without places (version 1, a type's own hours) a
 * span's `locationId` is an unknown field.
 */
export interface SpanPlaces {
  readonly facts: DocumentFacts;
  readonly fallback: string | undefined;
  /** The zone the provider's hours are read in, when known. */
  readonly zone: string | undefined;
}

interface CheckedSpan {
  readonly index: number;
  readonly start: number;
  readonly end: number;
  /** The span's location, its own or the provider's. */
  readonly location: string | undefined;
}

/**
 * Checks the spans of one day (`where` names it in messages, e.g. `Dr. Ana Lee's Monday hours`)
 * and returns them merged, or `undefined` when any span is invalid (each problem is reported).
 * Overlapping spans are merged with an OVERLAPPING_HOURS warning at the later span; touching
 * spans (`09:00–12:00`, `12:00–17:00`) are merged silently.
 */
export function checkDaySpans(
  report: Report,
  list: ListRef,
  where: string,
  places?: SpanPlaces,
): MergedSpans | undefined {
  const spans: CheckedSpan[] = [];
  let valid = true;
  for (let index = 0; index < list.length && !report.stopped; index += 1) {
    const span = checkSpan(report, list, index, where, places);
    if (span === undefined) valid = false;
    else spans.push(span);
  }
  if (!valid) return undefined;
  return mergeSpans(report, list, spans, where);
}

function checkSpan(
  report: Report,
  list: ListRef,
  index: number,
  where: string,
  places: SpanPlaces | undefined,
): CheckedSpan | undefined {
  const scope = openEntry(report, list, index, `${where}, span ${ordinal(index)}`);
  if (scope === undefined) return undefined;
  scope.warnUnknownFields(places === undefined ? SPAN_FIELDS : LOCATED_SPAN_FIELDS);
  const location = places === undefined ? undefined : readSpanLocation(scope, where, places);
  const start = readClock(scope, 'start', where);
  const end = readClock(scope, 'end', where);
  if (start === undefined || end === undefined || location === null) return undefined;
  if (start === 1440) {
    report.error(
      'INVALID_TIME',
      pointer(scope.path, 'start'),
      `${where}: a span cannot start at 24:00; 24:00 is only an end.`,
    );
    return undefined;
  }
  if (end <= start) {
    const shown = `${formatClockMinutes(start)}–${formatClockMinutes(end)}`;
    const problem = end === start ? 'is empty: it ends when it starts' : 'ends before it starts';
    // `22:00–00:00` is a common way to write "until midnight"; the format says `24:00`.
    const hint = end === 0 ? '; to run until midnight, end it at 24:00' : '';
    report.error('EMPTY_INTERVAL', scope.path, `${where}: the span ${shown} ${problem}${hint}.`);
    return undefined;
  }
  return { index, start, end, location };
}

/** The span's location (its own, else the fallback); `null` after reporting a bad one. */
function readSpanLocation(scope: Scope, where: string, places: SpanPlaces): string | undefined | null {
  if (readOwn(scope.target, 'locationId') === undefined) return places.fallback;
  const id = readLocationId(scope, where, places.facts);
  // A location without a zone of its own keeps the clinic's.
  const zone = id ? (places.facts.locationZones.get(id) ?? places.facts.documentZone) : undefined;
  if (id && zone !== undefined && places.zone !== undefined && zone !== places.zone) {
    // The span's times stay in the provider's zone: say so where a location keeps another clock.
    scope.report.warn(
      'LOCATION_ZONE_DIFFERS',
      pointer(scope.path, 'locationId'),
      `${where}: the location ${quote(id)} keeps ${zone} time, but these hours are read in ${places.zone}, the provider's zone; write the span in ${places.zone} time.`,
    );
  }
  return id;
}

/**
 * An entry's `locationId` (a span's, a closure's): present, needing `span-locations`, naming
 * one of the document's locations. `undefined` when absent; `null` after reporting a bad one.
 */
export function readLocationId(scope: Scope, where: string, facts: DocumentFacts): string | undefined | null {
  if (readOwn(scope.target, 'locationId') === undefined) return undefined;
  const id = scope.string('locationId', false);
  if (id === undefined) return null;
  const path = pointer(scope.path, 'locationId');
  if (!facts.features.has('span-locations')) {
    requireFeature(scope.report, path, `${where}: "locationId"`, 'span-locations');
    return null;
  }
  const found = checkReference(
    scope.report,
    facts.locationIds,
    id,
    () => path,
    () => `${where}: the location ${quote(id)} is not one of the document's locations.`,
  );
  return found === undefined && facts.locationIds !== null ? null : id;
}

/**
 * A version-2 field that changes which slots exist, in a document that does not list its
 * feature in `requires`: an engine that does not know the field would ignore it and offer
 * other slots, so the document must say it needs the feature.
 */
export function requireFeature(report: Report, path: string, what: string, feature: string): void {
  report.error(
    'FEATURE_NOT_REQUIRED',
    path,
    `${what} changes which slots exist; add "${feature}" to the document's "requires".`,
  );
}

function readClock(scope: Scope, key: 'start' | 'end', where: string): number | undefined {
  const value = scope.field(key, true);
  if (value === undefined) return undefined;
  const minutes = clockMinutes(value);
  if (minutes !== null) return minutes;
  scope.report.error(
    'INVALID_TIME',
    pointer(scope.path, key),
    `${where}: the ${key} ${describeGiven(value)} is not a time; write times as HH:mm, from 00:00 to 24:00.`,
  );
  return undefined;
}

function mergeSpans(report: Report, list: ListRef, spans: CheckedSpan[], where: string): MergedSpans {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.index - b.index);
  const merged: Array<[number, number]> = [];
  let reach: CheckedSpan | undefined;
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    const elsewhere = reach !== undefined && reach.location !== span.location;
    if (
      last === undefined ||
      reach === undefined ||
      span.start > last[1] ||
      (elsewhere && span.start === last[1])
    ) {
      merged.push([span.start, span.end]);
      reach = span;
      continue;
    }
    if (elsewhere) {
      report.error(
        'LOCATION_CONFLICT',
        pointer(list.path, span.index),
        `${where}: the span ${clockRange(span)} at ${placeName(span)} overlaps ${clockRange(reach)} at ${placeName(reach)}; a provider is at one location at a time.`,
      );
      continue;
    }
    if (span.start < last[1]) {
      report.warn(
        'OVERLAPPING_HOURS',
        pointer(list.path, span.index),
        `${where}: the span ${clockRange(span)} overlaps ${clockRange(reach)}; they are merged into one.`,
      );
    }
    if (span.end > last[1]) {
      last[1] = span.end;
      reach = span;
    }
  }
  return merged;
}

function placeName(span: CheckedSpan): string {
  return span.location === undefined ? 'no location' : quote(span.location);
}

function clockRange(span: CheckedSpan): string {
  return `${formatClockMinutes(span.start)}–${formatClockMinutes(span.end)}`;
}

/**
 * Checks the ISO 8601 `start` and `end` instants of an entry (time off, busy) and that the range
 * is not empty; returns its bounds in epoch ms, or `undefined` after reporting what is wrong.
 */
export function checkInstantRange(scope: Scope): { start: number; end: number } | undefined {
  const start = readInstant(scope, 'start');
  const end = readInstant(scope, 'end');
  if (start === undefined || end === undefined) return undefined;
  if (end <= start) {
    const problem = end === start ? 'is empty: it ends when it starts' : 'ends before it starts';
    const shown = `${String(readOwn(scope.target, 'start'))} to ${String(readOwn(scope.target, 'end'))}`;
    scope.report.error('EMPTY_INTERVAL', scope.path, `${scope.owner} ${problem} (${shown}).`);
    return undefined;
  }
  return { start, end };
}

function readInstant(scope: Scope, key: 'start' | 'end'): number | undefined {
  const value = scope.field(key, true);
  if (value === undefined) return undefined;
  const millis = instantMillis(value);
  if (millis !== null) return millis;
  const path = pointer(scope.path, key);
  if (typeof value === 'string' && lacksOffset(value)) {
    scope.report.error(
      'INVALID_INSTANT',
      path,
      `${scope.owner}: the ${key} "${value}" has no offset, so the moment it names is ambiguous; add "Z" or the offset, e.g. "${value}-05:00".`,
    );
    return undefined;
  }
  scope.report.error(
    'INVALID_INSTANT',
    path,
    `${scope.owner}: the ${key} ${describeGiven(value)} is not an ISO 8601 instant; write it with an offset or "Z", e.g. "2026-12-28T09:00:00-05:00".`,
  );
  return undefined;
}
