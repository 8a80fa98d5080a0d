/**
 * Spans of time: the `HH:mm` spans of one day (weekly hours, override hours), checked and merged
 * the way the engine merges them, and the instant ranges of time off and busy entries.
 */

import { formatClockMinutes } from './civil.ts';
import { type ListRef, openEntry, readOwn, type Scope } from './validate-read.ts';
import { pointer, type Report } from './validate-report.ts';
import { describeGiven, ordinal } from './validate-text.ts';
import { clockMinutes, instantMillis, lacksOffset } from './validate-values.ts';

/** One day's hours in minutes after midnight, merged: sorted, disjoint, not touching. */
export type MergedSpans = ReadonlyArray<readonly [start: number, end: number]>;

const SPAN_FIELDS: ReadonlySet<string> = new Set(['start', 'end']);

interface CheckedSpan {
  readonly index: number;
  readonly start: number;
  readonly end: number;
}

/**
 * Checks the spans of one day (`where` names it in messages, e.g. `Dr. Ana Lee's Monday hours`)
 * and returns them merged, or `undefined` when any span is invalid (each problem is reported).
 * Overlapping spans are merged with an OVERLAPPING_HOURS warning at the later span; touching
 * spans (`09:00–12:00`, `12:00–17:00`) are merged silently.
 */
export function checkDaySpans(report: Report, list: ListRef, where: string): MergedSpans | undefined {
  const spans: CheckedSpan[] = [];
  let valid = true;
  for (let index = 0; index < list.length && !report.stopped; index += 1) {
    const span = checkSpan(report, list, index, where);
    if (span === undefined) valid = false;
    else spans.push(span);
  }
  if (!valid) return undefined;
  return mergeSpans(report, list, spans, where);
}

function checkSpan(report: Report, list: ListRef, index: number, where: string): CheckedSpan | undefined {
  const scope = openEntry(report, list, index, `${where}, span ${ordinal(index)}`);
  if (scope === undefined) return undefined;
  scope.warnUnknownFields(SPAN_FIELDS);
  const start = readClock(scope, 'start', where);
  const end = readClock(scope, 'end', where);
  if (start === undefined || end === undefined) return undefined;
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
  return { index, start, end };
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
    if (last === undefined || reach === undefined || span.start > last[1]) {
      merged.push([span.start, span.end]);
      reach = span;
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
