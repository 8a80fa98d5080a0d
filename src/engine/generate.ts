/**
 * `generateSlots`: every bookable slot of one appointment type over a range of dates, for one
 * provider or all who offer it. Bounded by construction: at most 366 dates, at most
 * `limits.maxSlotsPerDay` slots per provider-day, and the query's `maxSlots` overall.
 *
 * The work is one generator, `slotSteps`, which pauses after preparing the document and after
 * each provider-day: the worker runs it to the end (`generateSlots`), and the page's no-worker
 * fallback runs the same steps with turns of the event loop between them.
 */

import { formatDate, formatInstant, MS_PER_DAY } from './civil.ts';
import type { CompiledProvider, CompiledRules } from './compile.ts';
import { collectDay, type SlotContext, slotContext } from './day-slots.ts';
import { mergeRuns } from './merge-runs.ts';
import { prepareRules } from './prepare.ts';
import { type QueryPlan, readQuery } from './query.ts';
import { runToEnd, type Steps } from './steps.ts';
import type { Diagnostic, Slot, SlotQuery, SlotsResult } from './types.ts';

/** DAY_TRUNCATED diagnostics listed one by one before the rest are summed up in one more. */
const DAY_DIAGNOSTICS_LISTED = 50;

interface CutDay {
  provider: CompiledProvider;
  epochDay: number;
  firstStart: number;
}

/**
 * The bookable slots for a query, sorted by start then provider id, with `start`/`end` in epoch
 * ms. Never throws: a refused document returns validation's errors, a bad query its own.
 * @example
 * generateSlots(rules, { appointmentTypeId: 'follow-up', from: '2026-12-01', to: '2026-12-31',
 *   now: '2026-11-24T15:00:00Z' })
 * // → { ok: true, truncated: false, diagnostics: [],
 * //     slots: [{ start: 1796133600000, end: ..., providerId: 'lee', seatsLeft: 1 }, ...] }
 * // (1796133600000 is 2026-12-01 09:00 in New York)
 */
export function generateSlots(rules: unknown, query: SlotQuery): SlotsResult {
  return runToEnd(slotSteps(rules, query));
}

/**
 * `generateSlots` in steps: it pauses once the document is prepared (validated and compiled, or
 * found in the per-document cache) and after each provider-day, and returns the same result.
 */
export function* slotSteps(rules: unknown, query: SlotQuery): Steps<SlotsResult> {
  try {
    const prepared = prepareRules(rules);
    if (!prepared.ok) return { ok: false, errors: prepared.errors };
    const reading = readQuery(prepared.compiled, query);
    if (!reading.ok) return reading;
    yield;
    return yield* runQuery(prepared.compiled, reading.plan);
  } catch {
    // Unreachable for validated input; kept so a defect can never take the widget down.
    return {
      ok: false,
      errors: [
        {
          code: 'INTERNAL_ERROR',
          path: '',
          message: 'The slots could not be computed because of an internal error.',
        },
      ],
    };
  }
}

/** Orders slots by start, then provider id (by UTF-16 code units, the same in every locale). */
export function compareSlots(a: Slot, b: Slot): number {
  if (a.start !== b.start) return a.start - b.start;
  if (a.providerId === b.providerId) return 0;
  return a.providerId < b.providerId ? -1 : 1;
}

function* runQuery(rules: CompiledRules, plan: QueryPlan): Steps<SlotsResult> {
  // Providers in id order: equal starts of a day then come out ordered by provider id.
  const contexts: SlotContext[] = [...plan.providers]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((provider) => slotContext(rules, plan.type, provider, plan.nowMs));
  let slots: Slot[] = [];
  // Whether `slots` is in output order; only zones far apart (a day's slots starting before the
  // previous day's last one) make it false.
  let sorted = true;
  const cutDays: CutDay[] = [];
  let uncovered = 0;
  // Dates outermost so a capped query stops early: once the kept slots all start before any
  // later date could begin in any zone (a day's margin covers every UTC offset), it is final.
  for (let day = plan.fromDay; day <= plan.toDay; day++) {
    const daySlots: Slot[] = [];
    const runStarts: number[] = [];
    for (const context of contexts) {
      if (day > context.lastDay) continue;
      const before = daySlots.length;
      runStarts.push(before);
      const outcome = collectDay(context, day, daySlots);
      uncovered += outcome.uncovered;
      if (outcome.cut) {
        cutDays.push({ provider: context.provider, epochDay: day, firstStart: daySlots[before]?.start ?? 0 });
      }
      yield;
    }
    // Each provider's run is in start order and the runs are in provider-id order, so merging
    // them gives this day's slots in output order; days follow one another, so the whole list is
    // already sorted unless providers' zones are far enough apart for their days to overlap.
    const previous = slots[slots.length - 1];
    mergeRuns(daySlots, runStarts, slots);
    const first = slots[slots.length - daySlots.length];
    if (previous && first && daySlots.length > 0 && compareSlots(previous, first) > 0) sorted = false;
    if (slots.length > plan.maxSlots) {
      if (!sorted) slots.sort(compareSlots);
      sorted = true;
      slots = slots.slice(0, plan.maxSlots + 1);
      // Every later date starts after this one in any zone: the kept slots are final.
      if (slots[plan.maxSlots - 1]!.start < day * MS_PER_DAY) break;
    }
  }
  if (!sorted) slots.sort(compareSlots);
  const queryCut = slots.length > plan.maxSlots;
  if (queryCut) slots.length = plan.maxSlots;
  const lastKept = slots[slots.length - 1];
  const kept = cutDays.filter((cut) => lastKept !== undefined && cut.firstStart <= lastKept.start);
  const diagnostics = dayDiagnostics(kept, rules.maxSlotsPerDay);
  if (queryCut && lastKept) diagnostics.push(queryDiagnostic(plan, lastKept));
  if (uncovered > 0) diagnostics.push(coverageDiagnostic(uncovered));
  return { ok: true, slots, truncated: queryCut || kept.length > 0, diagnostics };
}

function dayDiagnostics(cutDays: CutDay[], limit: number): Diagnostic[] {
  cutDays.sort((a, b) => a.epochDay - b.epochDay || a.provider.index - b.provider.index);
  const diagnostics = cutDays.slice(0, DAY_DIAGNOSTICS_LISTED).map(
    ({ provider, epochDay }): Diagnostic => ({
      code: 'DAY_TRUNCATED',
      path: `/providers/${provider.index}`,
      message: `${provider.name}'s slots on ${formatDate(epochDay)} were cut at ${limit} (limits.maxSlotsPerDay); later slots that day are not offered.`,
    }),
  );
  const unlisted = cutDays.length - DAY_DIAGNOSTICS_LISTED;
  if (unlisted > 0) {
    diagnostics.push({
      code: 'DAY_TRUNCATED',
      path: '/limits/maxSlotsPerDay',
      message: `${unlisted} more provider-days were also cut at ${limit} slots (limits.maxSlotsPerDay).`,
    });
  }
  return diagnostics;
}

/** Times left out because the busy windows given do not reach them (not a truncation). */
function coverageDiagnostic(uncovered: number): Diagnostic {
  return {
    code: 'BUSY_NOT_COVERED',
    path: '/busyWindows',
    message: `${uncovered} candidate time${uncovered === 1 ? ' was' : 's were'} left out because no busy window covers ${uncovered === 1 ? 'it' : 'them'} (with buffers, or the whole day for a daily cap); add the busy window of those dates to see them.`,
  };
}

function queryDiagnostic(plan: QueryPlan, last: Slot): Diagnostic {
  const provider = plan.providers.find((candidate) => candidate.id === last.providerId)!;
  const instant = formatInstant(last.start);
  const local = provider.clock.formatLocal(last.start);
  return {
    code: 'QUERY_TRUNCATED',
    path: '/maxSlots',
    message: `Only the first ${plan.maxSlots} slots were returned: the list stops at ${instant} (${provider.name}, ${local} local time). Narrow the dates or raise maxSlots to see later slots.`,
  };
}
