/**
 * A validated rules document turned into the engine's working form: minutes instead of `HH:mm`,
 * epoch days instead of dates, epoch ms instead of ISO instants, merged spans, sorted indexes and
 * one `ZoneClock` per zone. Compiling is done once per document object (see prepare.ts).
 */

import { BusyIndex, type BusyTime } from './busy-index.ts';
import { MS_PER_MINUTE, parseClockMinutes, parseDate } from './civil.ts';
import { type CompiledWindows, compileWindows } from './compile-windows.ts';
import { parseInstant } from './instant.ts';
import { type Interval, type IntervalSet, mergeIntervals } from './intervals.ts';
import { QUERY_LIMITS } from './limits.ts';
import type { AppointmentType, Provider, RulesDocument, TimeSpan, Weekday } from './types.ts';
import { ZoneClock } from './wall-time.ts';

/** Wall-clock hours of a day in minutes after midnight, `[start, end)`, end up to 1440. */
export interface MinuteSpan {
  start: number;
  end: number;
  /** Where the provider works then; only with `span-locations` required. */
  locationId?: string;
}

export interface CompiledProvider {
  /** Position in the document's `providers` (for diagnostics' paths). */
  index: number;
  id: string;
  name: string;
  clock: ZoneClock;
  weekly: Readonly<Record<Weekday, readonly MinuteSpan[]>>;
  /** Hours by epoch day, replacing the weekly hours (`[]` closes the day). */
  overrides: ReadonlyMap<number, readonly MinuteSpan[]>;
  timeOff: IntervalSet;
  busy: BusyIndex;
}

export interface CompiledType {
  index: number;
  id: string;
  name: string;
  durationMs: number;
  stepMs: number;
  bufferBeforeMs: number;
  bufferAfterMs: number;
  noticeMs: number;
  /** `null`: no booking window beyond the query's own range. */
  maxAdvanceDays: number | null;
  maxPerDay: number | null;
  capacity: number;
  /** Providers offering the type, duplicates removed, in the document's order. */
  providerIds: readonly string[];
  /** The type's own hours by weekday (`type-hours`), merged; `null`: whenever its providers work. */
  hours: Readonly<Record<Weekday, readonly MinuteSpan[]>> | null;
}

export interface CompiledRules {
  providers: ReadonlyMap<string, CompiledProvider>;
  types: ReadonlyMap<string, CompiledType>;
  /** Clinic-wide closures by epoch day, with their names when given. */
  closures: ReadonlyMap<number, string | undefined>;
  /** Closures of one location (`span-locations`): by epoch day, then location id, with their names. */
  locationClosures: ReadonlyMap<number, ReadonlyMap<string, string | undefined>>;
  /** Location names by id, for messages. */
  locationNames: ReadonlyMap<string, string>;
  /** Whether spans carry locations (`span-locations`), so slots do too. */
  spanLocations: boolean;
  maxSlotsPerDay: number;
  /** The time busy time is known for (busy windows); `null`: all of it (a version-1 document). */
  coverage: IntervalSet | null;
}

const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Compiles a document that `validateRules` accepted; it relies on every guarantee of validation. */
export function compileRules(rules: RulesDocument): CompiledRules {
  const clocks = new Map<string, ZoneClock>();
  const clockFor = (zone: string): ZoneClock => {
    let clock = clocks.get(zone);
    if (!clock) {
      clock = new ZoneClock(zone);
      clocks.set(zone, clock);
    }
    return clock;
  };
  const features = new Set(rules.version === 2 ? (rules.requires ?? []) : []);
  const spanLocations = features.has('span-locations');
  const locationZones = new Map<string, string | undefined>();
  const locationNames = new Map<string, string>();
  for (const location of rules.locations ?? []) {
    locationZones.set(location.id, location.timezone);
    locationNames.set(location.id, location.name);
  }
  const windows = compileWindows(rules, new Set(rules.appointmentTypes.map((type) => type.id)));
  const busyByProvider = groupBusy(rules, windows);

  const providers = new Map<string, CompiledProvider>();
  rules.providers.forEach((provider, index) => {
    const locationZone =
      provider.locationId === undefined ? undefined : locationZones.get(provider.locationId);
    const zone = provider.timezone ?? locationZone ?? rules.timezone;
    const place: Place = spanLocations ? { located: true, fallback: provider.locationId } : UNPLACED;
    providers.set(
      provider.id,
      compileProvider(provider, index, clockFor(zone), place, busyByProvider, windows),
    );
  });

  const typeHours = features.has('type-hours');
  const types = new Map<string, CompiledType>();
  rules.appointmentTypes.forEach((type, index) => {
    types.set(type.id, compileType(type, index, typeHours));
  });

  const closures = new Map<number, string | undefined>();
  const locationClosures = new Map<number, Map<string, string | undefined>>();
  for (const closure of rules.closures ?? []) {
    const day = parseDate(closure.date);
    if (day === null) continue;
    if (!spanLocations || closure.locationId === undefined) {
      closures.set(day, closure.name);
      continue;
    }
    let closed = locationClosures.get(day);
    if (!closed) {
      closed = new Map();
      locationClosures.set(day, closed);
    }
    closed.set(closure.locationId, closure.name);
  }

  return {
    providers,
    types,
    closures,
    locationClosures,
    locationNames,
    spanLocations,
    maxSlotsPerDay: rules.limits?.maxSlotsPerDay ?? QUERY_LIMITS.defaultMaxSlotsPerDay,
    coverage: windows.coverage,
  };
}

/** Whether spans are placed at locations, and the provider's own location for those that name none. */
type Place = { located: false } | { located: true; fallback: string | undefined };

const UNPLACED: Place = { located: false };

/**
 * Sorts a day's spans and merges those that overlap or touch (validation warns about overlaps).
 * Placed spans merge only with spans at the same location (validation refuses overlaps between
 * locations), so touching spans at two locations stay two spans.
 * @example mergeSpans([{start: 780, end: 1020}, {start: 540, end: 780}]) → [{start: 540, end: 1020}]
 */
export function mergeSpans(spans: readonly TimeSpan[], place: Place = UNPLACED): MinuteSpan[] {
  const minutes = spans
    .map((span): MinuteSpan => {
      const start = parseClockMinutes(span.start);
      const end = parseClockMinutes(span.end);
      if (!place.located) return { start, end };
      const locationId = span.locationId ?? place.fallback;
      return locationId === undefined ? { start, end } : { start, end, locationId };
    })
    .sort((a, b) => a.start - b.start);
  const merged: MinuteSpan[] = [];
  for (const span of minutes) {
    const last = merged[merged.length - 1];
    if (last && span.start <= last.end && span.locationId === last.locationId)
      last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

function compileWeek(
  week: Partial<Record<Weekday, readonly TimeSpan[]>> | undefined,
  place: Place,
): Record<Weekday, readonly MinuteSpan[]> {
  const compiled = {} as Record<Weekday, readonly MinuteSpan[]>;
  for (const day of WEEKDAYS) compiled[day] = mergeSpans(week?.[day] ?? [], place);
  return compiled;
}

function compileProvider(
  provider: Provider,
  index: number,
  clock: ZoneClock,
  place: Place,
  busyByProvider: ReadonlyMap<string, BusyTime[]>,
  windows: CompiledWindows,
): CompiledProvider {
  const weekly = compileWeek(provider.weekly, place);
  const overrides = new Map<number, readonly MinuteSpan[]>();
  for (const override of provider.overrides ?? []) {
    const day = parseDate(override.date);
    if (day !== null) overrides.set(day, mergeSpans(override.hours, place));
  }
  const timeOff: Interval[] = [];
  for (const range of provider.timeOff ?? []) {
    const start = parseInstant(range.start);
    const end = parseInstant(range.end);
    if (start !== null && end !== null && end > start) timeOff.push({ start, end });
  }
  return {
    index,
    id: provider.id,
    name: provider.name,
    clock,
    weekly,
    overrides,
    timeOff: mergeIntervals(timeOff),
    busy: new BusyIndex(busyByProvider.get(provider.id) ?? [], clock, windows.perDay.get(provider.id)),
  };
}

function compileType(type: AppointmentType, index: number, typeHours: boolean): CompiledType {
  return {
    index,
    id: type.id,
    name: type.name,
    durationMs: type.durationMinutes * MS_PER_MINUTE,
    stepMs: (type.stepMinutes ?? type.durationMinutes) * MS_PER_MINUTE,
    bufferBeforeMs: (type.bufferBeforeMinutes ?? 0) * MS_PER_MINUTE,
    bufferAfterMs: (type.bufferAfterMinutes ?? 0) * MS_PER_MINUTE,
    noticeMs: (type.minNoticeMinutes ?? 0) * MS_PER_MINUTE,
    maxAdvanceDays: type.maxAdvanceDays ?? null,
    maxPerDay: type.maxPerDay ?? null,
    capacity: type.capacity ?? 1,
    providerIds: [...new Set(type.providerIds)],
    hours: typeHours && type.hours !== undefined ? compileWeek(type.hours, UNPLACED) : null,
  };
}

/** The document's busy entries by provider, after the busy windows' own. */
function groupBusy(rules: RulesDocument, windows: CompiledWindows): Map<string, BusyTime[]> {
  const byProvider = windows.busy;
  for (const entry of rules.busy ?? []) {
    const start = parseInstant(entry.start);
    const end = parseInstant(entry.end);
    if (start === null || end === null || end <= start) continue;
    let list = byProvider.get(entry.providerId);
    if (!list) {
      list = [];
      byProvider.set(entry.providerId, list);
    }
    list.push({ start, end, typeId: entry.appointmentTypeId, seats: entry.seats ?? 1 });
  }
  return byProvider;
}
