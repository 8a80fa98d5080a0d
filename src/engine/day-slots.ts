/**
 * The slots of one provider-day for one appointment type. Both `generateSlots` and `checkSlot` go
 * through these functions, so they agree by construction: the same candidate grid, the same
 * verdict for each candidate, the same per-day cut.
 */

import type { CompiledProvider, CompiledRules, CompiledType } from './compile.ts';
import { covers } from './compile-windows.ts';
import { offeredOn } from './day-hours.ts';
import { overlapsSet } from './intervals.ts';
import type { Slot } from './types.ts';

/** What every verdict of one query needs, computed once per provider. */
export interface SlotContext {
  rules: CompiledRules;
  type: CompiledType;
  provider: CompiledProvider;
  /** `now + minNotice`: earlier starts are too soon. */
  earliestStart: number;
  /** The last bookable local date (epoch day): the local date of `now` + `maxAdvanceDays`. */
  lastDay: number;
  /** Reused by `dayCandidates` for every day of the query: no array per provider-day. */
  candidates: number[];
  /** Each candidate's location, filled only when spans carry locations (`span-locations`). */
  locations: Array<string | undefined>;
}

/** Negative verdicts of `judgeStart`; a positive verdict is the number of seats left. */
export const REFUSED = { TOO_SOON: -1, TIME_OFF: -2, BUSY: -3, FULL: -4, NOT_COVERED: -5 } as const;

/**
 * Whole-day refusals, checked before any candidate. NOT_COVERED: the type has `maxPerDay` and the
 * busy windows do not cover the provider's whole local day, so its bookings cannot be counted.
 */
export type DayRefusal = 'TOO_FAR' | 'DAY_FULL' | 'NOT_COVERED';

/** The outcome of collecting one provider-day. */
export interface DayOutcome {
  /** The day had more acceptable slots than `limits.maxSlotsPerDay`; the rest were cut. */
  cut: boolean;
  /** Candidates left out (or the whole day, counted as 1) because no busy time covers them. */
  uncovered: number;
}

export function slotContext(
  rules: CompiledRules,
  type: CompiledType,
  provider: CompiledProvider,
  nowMs: number,
): SlotContext {
  return {
    rules,
    type,
    provider,
    earliestStart: nowMs + type.noticeMs,
    lastDay:
      type.maxAdvanceDays === null
        ? Number.POSITIVE_INFINITY
        : provider.clock.localDay(nowMs) + type.maxAdvanceDays,
    candidates: [],
    locations: [],
  };
}

/** Why a whole day offers nothing regardless of its hours, or `null`. */
export function dayRefusal(context: SlotContext, epochDay: number): DayRefusal | null {
  if (epochDay > context.lastDay) return 'TOO_FAR';
  const { type, provider, rules } = context;
  if (type.maxPerDay === null) return null;
  if (rules.coverage !== null) {
    const dayStart = provider.clock.wallTime(epochDay, 0);
    const dayEnd = provider.clock.wallTime(epochDay + 1, 0);
    if (!covers(rules.coverage, dayStart, dayEnd)) return 'NOT_COVERED';
  }
  if (provider.busy.countOnDay(type.id, epochDay) >= type.maxPerDay) return 'DAY_FULL';
  return null;
}

/**
 * Candidate starts of a day, ascending and distinct, from `notBefore` on: each merged span's
 * start, then every `step` of elapsed time while `start + duration <= span end`. A later span's
 * candidates must come after the previous spans' grids: in a spring gap two spans apart on the
 * wall clock can overlap in real time, and a start is offered once.
 * Bounded: spans are disjoint within one day of at most 25 hours, and a step is at least a minute.
 * The array returned is the context's own, overwritten by the next call; with span locations,
 * `context.locations` then holds each candidate's location at the same index.
 */
export function dayCandidates(context: SlotContext, epochDay: number, notBefore: number): readonly number[] {
  const { type, provider, candidates, locations, rules } = context;
  const { stepMs, durationMs } = type;
  candidates.length = 0;
  locations.length = 0;
  let previousLast = Number.NEGATIVE_INFINITY;
  for (const span of offeredOn(rules, type, provider, epochDay)) {
    const spanStart = provider.clock.wallTime(epochDay, span.start);
    const spanEnd = provider.clock.wallTime(epochDay, span.end);
    if (spanEnd - durationMs < spanStart) continue;
    const lastIndex = Math.floor((spanEnd - durationMs - spanStart) / stepMs);
    let index = 0;
    if (notBefore > spanStart) index = Math.ceil((notBefore - spanStart) / stepMs);
    if (previousLast >= spanStart)
      index = Math.max(index, Math.floor((previousLast - spanStart) / stepMs) + 1);
    const first = candidates.length;
    for (; index <= lastIndex; index++) candidates.push(spanStart + index * stepMs);
    if (rules.spanLocations)
      for (let at = first; at < candidates.length; at++) locations[at] = span.locationId;
    previousLast = Math.max(previousLast, spanStart + lastIndex * stepMs);
  }
  return candidates;
}

/**
 * The verdict on one candidate start: seats left (> 0) when it can be booked, else a `REFUSED`
 * value. Busy entries block `[start - bufferBefore, end + bufferAfter)`; for a group type a
 * booking of the same type at the same instant takes seats instead of blocking. With busy
 * windows, that whole buffered stretch must lie within them: busy time not given is not free.
 */
export function judgeStart(context: SlotContext, start: number): number {
  if (start < context.earliestStart) return REFUSED.TOO_SOON;
  const { type, provider, rules } = context;
  const end = start + type.durationMs;
  if (
    rules.coverage !== null &&
    !covers(rules.coverage, start - type.bufferBeforeMs, end + type.bufferAfterMs)
  ) {
    return REFUSED.NOT_COVERED;
  }
  if (overlapsSet(provider.timeOff, start, end)) return REFUSED.TIME_OFF;
  const overlapping = provider.busy.overlapCount(start - type.bufferBeforeMs, end + type.bufferAfterMs);
  if (type.capacity === 1) return overlapping > 0 ? REFUSED.BUSY : 1;
  const taken = overlapping > 0 ? provider.busy.seatsAt(type.id, start) : { entries: 0, seats: 0 };
  if (overlapping > taken.entries) return REFUSED.BUSY;
  const seatsLeft = type.capacity - taken.seats;
  return seatsLeft > 0 ? seatsLeft : REFUSED.FULL;
}

/**
 * Appends the day's bookable slots to `out`, at most `limits.maxSlotsPerDay` of them; `cut` says
 * whether a further bookable slot was left out.
 */
export function collectDay(context: SlotContext, epochDay: number, out: Slot[]): DayOutcome {
  const limit = context.rules.maxSlotsPerDay;
  const refusal = dayRefusal(context, epochDay);
  if (refusal !== null) return { cut: false, uncovered: refusal === 'NOT_COVERED' ? 1 : 0 };
  const { type, provider, locations } = context;
  const located = context.rules.spanLocations;
  let added = 0;
  let uncovered = 0;
  const candidates = dayCandidates(context, epochDay, context.earliestStart);
  for (let at = 0; at < candidates.length; at++) {
    const start = candidates[at]!;
    const verdict = judgeStart(context, start);
    if (verdict === REFUSED.NOT_COVERED) uncovered++;
    if (verdict <= 0) continue;
    if (added === limit) return { cut: true, uncovered };
    const slot: Slot = { start, end: start + type.durationMs, providerId: provider.id, seatsLeft: verdict };
    const locationId = located ? locations[at] : undefined;
    if (locationId !== undefined) slot.locationId = locationId;
    out.push(slot);
    added++;
  }
  return { cut: false, uncovered };
}
