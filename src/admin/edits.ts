/**
 * The hours editor's actions as pure functions: each takes the draft and returns the next draft,
 * never changing the one it was given. Values are written as typed; validation and the lints
 * judge them (an impossible time shows up as a diagnostic next to its field).
 */
import type { AppointmentType, Weekday } from '../engine/types.ts';
import { appendAt, getAt, type PathToken, setAt, updateAt } from './pointer.ts';

export type Draft = unknown;

/** A new span starts an hour after the day's last span ends and lasts an hour; else 09:00–17:00. */
function nextSpan(spans: unknown): { start: string; end: string } {
  const last = Array.isArray(spans) ? (spans[spans.length - 1] as { end?: unknown } | undefined) : undefined;
  const match = /^(\d\d):(\d\d)$/.exec(typeof last?.end === 'string' ? last.end : '');
  if (!match) return { start: '09:00', end: '17:00' };
  const start = Math.min(Number(match[1]) * 60 + Number(match[2]) + 60, 23 * 60);
  return { start: clock(start), end: clock(Math.min(start + 60, 24 * 60)) };
}

function clock(minutes: number): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** A provider's weekly hours, or a type's own hours: where a week of spans lives in the draft. */
export type WeekPath = readonly PathToken[];

const weeklyOf = (provider: number): WeekPath => ['providers', provider, 'weekly'];

/** Sets the start or end of one span of a week. */
export function setWeekTime(
  draft: Draft,
  week: WeekPath,
  day: Weekday,
  span: number,
  edge: 'start' | 'end',
  value: string,
): Draft {
  return setAt(draft, [...week, day, span, edge], value);
}

/** Adds a span to a weekday of a week (after the last one). */
export function addWeekSpan(draft: Draft, week: WeekPath, day: Weekday): Draft {
  return appendAt(draft, [...week, day], nextSpan(getAt(draft, [...week, day])));
}

/** Removes one span of a week; a day left without spans is removed from the week (no hours). */
export function removeWeekSpan(draft: Draft, week: WeekPath, day: Weekday, span: number): Draft {
  const next = setAt(draft, [...week, day, span], undefined);
  const left = getAt(next, [...week, day]);
  return Array.isArray(left) && left.length === 0 ? setAt(next, [...week, day], undefined) : next;
}

/** Sets the start or end of one weekly span of a provider. */
export function setWeeklyTime(
  draft: Draft,
  provider: number,
  day: Weekday,
  span: number,
  edge: 'start' | 'end',
  value: string,
): Draft {
  return setWeekTime(draft, weeklyOf(provider), day, span, edge, value);
}

/** Adds a span to a provider's weekday (after the last one). */
export function addWeeklySpan(draft: Draft, provider: number, day: Weekday): Draft {
  return addWeekSpan(draft, weeklyOf(provider), day);
}

/** Removes one weekly span of a provider; a day left without spans is removed from `weekly`. */
export function removeWeeklySpan(draft: Draft, provider: number, day: Weekday, span: number): Draft {
  return removeWeekSpan(draft, weeklyOf(provider), day, span);
}

/** Adds a dated override for a provider: closed that day until hours are added. */
export function addOverride(draft: Draft, provider: number, date: string): Draft {
  return appendAt(draft, ['providers', provider, 'overrides'], { date, hours: [] });
}

export function setOverrideDate(draft: Draft, provider: number, override: number, date: string): Draft {
  return setAt(draft, ['providers', provider, 'overrides', override, 'date'], date);
}

export function removeOverride(draft: Draft, provider: number, override: number): Draft {
  const next = setAt(draft, ['providers', provider, 'overrides', override], undefined);
  const left = getAt(next, ['providers', provider, 'overrides']);
  return Array.isArray(left) && left.length === 0
    ? setAt(next, ['providers', provider, 'overrides'], undefined)
    : next;
}

export function addOverrideSpan(draft: Draft, provider: number, override: number): Draft {
  const path = ['providers', provider, 'overrides', override, 'hours'];
  return appendAt(draft, path, nextSpan(getAt(draft, path)));
}

export function setOverrideTime(
  draft: Draft,
  provider: number,
  override: number,
  span: number,
  edge: 'start' | 'end',
  value: string,
): Draft {
  return setAt(draft, ['providers', provider, 'overrides', override, 'hours', span, edge], value);
}

/** Removes one override span; an override left without spans closes the day (`hours: []`). */
export function removeOverrideSpan(draft: Draft, provider: number, override: number, span: number): Draft {
  return setAt(draft, ['providers', provider, 'overrides', override, 'hours', span], undefined);
}

/** Adds a clinic-wide closure. */
export function addClosure(draft: Draft, date: string, name: string): Draft {
  return appendAt(draft, ['closures'], name ? { date, name } : { date });
}

/** Sets a closure's date or name (an empty name is removed). */
export function setClosureField(draft: Draft, closure: number, field: 'date' | 'name', value: string): Draft {
  return setAt(draft, ['closures', closure, field], field === 'name' && value === '' ? undefined : value);
}

export function removeClosure(draft: Draft, closure: number): Draft {
  return setAt(draft, ['closures', closure], undefined);
}

/** The numeric settings of an appointment type the editor offers. */
export type TypeNumberField = Extract<
  keyof AppointmentType,
  | 'durationMinutes'
  | 'stepMinutes'
  | 'bufferBeforeMinutes'
  | 'bufferAfterMinutes'
  | 'minNoticeMinutes'
  | 'maxAdvanceDays'
  | 'maxPerDay'
  | 'capacity'
>;

/**
 * Sets a numeric setting from the text of its input: empty removes an optional setting (its
 * default applies); anything else is written as a number when it reads as one, else as typed so
 * validation names the problem.
 */
export function setTypeNumber(draft: Draft, type: number, field: TypeNumberField, text: string): Draft {
  const trimmed = text.trim();
  if (trimmed === '' && field !== 'durationMinutes')
    return setAt(draft, ['appointmentTypes', type, field], undefined);
  const value = trimmed !== '' && Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
  return setAt(draft, ['appointmentTypes', type, field], value);
}

export function setTypeName(draft: Draft, type: number, name: string): Draft {
  return setAt(draft, ['appointmentTypes', type, 'name'], name);
}

/** Offers (or stops offering) a type with a provider, keeping the document's provider order. */
export function setTypeProvider(draft: Draft, type: number, providerId: string, offered: boolean): Draft {
  return updateAt(draft, ['appointmentTypes', type, 'providerIds'], (ids) => {
    const list = Array.isArray(ids) ? ids.filter((id) => id !== providerId) : [];
    if (!offered) return list;
    const order =
      (getAt(draft, ['providers']) as Array<{ id?: unknown }> | undefined)?.map((p) => p.id) ?? [];
    return [...list, providerId].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  });
}
