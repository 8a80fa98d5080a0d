/**
 * `checkSlot`: the check a clinic's server runs before accepting a booking. It regenerates only
 * the provider-day of the requested start (bounded work, never a range) through the same
 * functions as `generateSlots`, so the two always agree.
 */

import { formatDate, weekdayOf } from './civil.ts';
import type { CompiledProvider, CompiledRules } from './compile.ts';
import { hoursOn, offeredOn } from './day-hours.ts';
import {
  collectDay,
  dayCandidates,
  dayRefusal,
  judgeStart,
  REFUSED,
  type SlotContext,
  slotContext,
} from './day-slots.ts';
import { readInstant } from './instant.ts';
import { prepareRules } from './prepare.ts';
import { shorten } from './text.ts';
import type { Diagnostic, Slot, SlotCheck, SlotCheckResult } from './types.ts';
import { WEEKDAY_NAMES } from './validate-text.ts';

/** Every code `checkSlot` can refuse with (documented in docs/engine.md). */
export type SlotCheckCode =
  | 'INVALID_RULES'
  | 'INVALID_CHECK'
  | 'UNKNOWN_APPOINTMENT_TYPE'
  | 'UNKNOWN_PROVIDER'
  | 'PROVIDER_NOT_OFFERING'
  | 'INVALID_NOW'
  | 'INVALID_START'
  | 'NOT_ON_SCHEDULE'
  | 'TOO_SOON'
  | 'TOO_FAR'
  | 'DAY_FULL'
  | 'TIME_OFF'
  | 'BUSY'
  | 'FULL'
  | 'DAY_LIMIT'
  | 'NOT_COVERED'
  | 'INTERNAL_ERROR';

function refuse(code: SlotCheckCode, message: string): SlotCheckResult {
  return { ok: false, code, message };
}

/**
 * Whether `start` is a slot `generateSlots` would offer for this type and provider at `now`.
 * Never throws; a refusal carries a stable code and a sentence an admin or patient understands.
 * @example
 * checkSlot(rules, { appointmentTypeId: 'new-patient', providerId: 'lee',
 *   start: '2026-12-01T14:00:00Z', now: '2026-11-24T15:00:00Z' }) // → { ok: true }
 */
export function checkSlot(rules: unknown, check: SlotCheck): SlotCheckResult {
  try {
    const prepared = prepareRules(rules);
    if (!prepared.ok) {
      const first = prepared.errors[0];
      return refuse(
        'INVALID_RULES',
        `The rules were refused (${prepared.errors.length} problem(s)); first: ${first?.message ?? 'unknown'}`,
      );
    }
    return checkAgainst(prepared.compiled, check);
  } catch {
    return refuse('INTERNAL_ERROR', 'The slot could not be checked because of an internal error.');
  }
}

/** One of a provider's current bookings, as a server reads it from its store. */
export interface BookedTime {
  /** Epoch milliseconds, `[start, end)`. */
  start: number;
  end: number;
  appointmentTypeId?: string | undefined;
  seats?: number | undefined;
}

export interface SlotChecker {
  /**
   * `checkSlot` against the prepared document plus `booked`: the checked provider's bookings near
   * the start (a server passes those within three days either side, which covers the local day
   * and the largest buffers). Never throws.
   */
  check(check: SlotCheck, booked: readonly BookedTime[]): SlotCheckResult;
}

export type PreparedChecks = { ok: true; checker: SlotChecker } | { ok: false; errors: Diagnostic[] };

/**
 * Validates and compiles `rules` once, for a server that checks many bookings against one rules
 * version: each check then costs one provider-day, whatever the size of the document.
 */
export function prepareChecks(rules: unknown): PreparedChecks {
  const prepared = prepareRules(rules);
  if (!prepared.ok) return prepared;
  const compiled = prepared.compiled;
  return {
    ok: true,
    checker: {
      check(check, booked) {
        try {
          const providerId = (check as { providerId?: unknown } | null)?.providerId;
          const provider = typeof providerId === 'string' ? compiled.providers.get(providerId) : undefined;
          if (!provider || booked.length === 0) return checkAgainst(compiled, check);
          const busy = provider.busy.plus(
            booked.map((b) => ({
              start: b.start,
              end: b.end,
              typeId: b.appointmentTypeId,
              seats: b.seats ?? 1,
            })),
          );
          const providers = new Map(compiled.providers).set(provider.id, { ...provider, busy });
          return checkAgainst({ ...compiled, providers }, check);
        } catch {
          return refuse('INTERNAL_ERROR', 'The slot could not be checked because of an internal error.');
        }
      },
    },
  };
}

function checkAgainst(rules: CompiledRules, check: unknown): SlotCheckResult {
  if (typeof check !== 'object' || check === null) {
    return refuse(
      'INVALID_CHECK',
      'The check must be an object with appointmentTypeId, providerId, start and now.',
    );
  }
  const { appointmentTypeId, providerId, now, start } = check as Record<string, unknown>;
  if (typeof appointmentTypeId !== 'string' || typeof providerId !== 'string') {
    return refuse(
      'INVALID_CHECK',
      'The check must name the appointment type and the provider by their ids (strings).',
    );
  }
  const type = rules.types.get(appointmentTypeId);
  if (!type) {
    const message = `There is no appointment type with the id "${shorten(appointmentTypeId)}" in these rules.`;
    return refuse('UNKNOWN_APPOINTMENT_TYPE', message);
  }
  const provider = rules.providers.get(providerId);
  if (!provider) {
    return refuse(
      'UNKNOWN_PROVIDER',
      `There is no provider with the id "${shorten(providerId)}" in these rules.`,
    );
  }
  if (!type.providerIds.includes(provider.id)) {
    return refuse(
      'PROVIDER_NOT_OFFERING',
      `${provider.name} does not offer the appointment type "${type.name}".`,
    );
  }
  const nowMs = readInstant(now);
  if (nowMs === null) {
    return refuse(
      'INVALID_NOW',
      '"now" must be epoch milliseconds or an ISO 8601 instant with an offset or Z.',
    );
  }
  const startMs = readInstant(start);
  if (startMs === null) {
    return refuse(
      'INVALID_START',
      'The start must be epoch milliseconds or an ISO 8601 instant with an offset or Z.',
    );
  }
  return judge(slotContext(rules, type, provider, nowMs), startMs);
}

function judge(context: SlotContext, start: number): SlotCheckResult {
  const { type, provider } = context;
  const day = provider.clock.localDay(start);
  const when = localTime(provider, start);
  if (!dayCandidates(context, day, Number.NEGATIVE_INFINITY).includes(start)) {
    return refuse('NOT_ON_SCHEDULE', notOnSchedule(context, day, when));
  }
  if (start < context.earliestStart) {
    return refuse(
      'TOO_SOON',
      `${when} is too soon: "${type.name}" must be booked at least ${minutes(type.noticeMs)} minutes ahead.`,
    );
  }
  const dayProblem = dayRefusal(context, day);
  if (dayProblem === 'NOT_COVERED' || judgeStart(context, start) === REFUSED.NOT_COVERED) {
    return refuse(
      'NOT_COVERED',
      `${when} cannot be checked: the busy windows given do not cover it${dayProblem === 'NOT_COVERED' ? ` (nor all of ${formatDate(day)}, which "${type.name}" counts)` : ''}.`,
    );
  }
  if (dayProblem === 'TOO_FAR') {
    const lastDate = formatDate(context.lastDay);
    return refuse(
      'TOO_FAR',
      `${when} is too far ahead: "${type.name}" can be booked up to ${type.maxAdvanceDays} days ahead (until ${lastDate}).`,
    );
  }
  if (dayProblem === 'DAY_FULL') {
    return refuse(
      'DAY_FULL',
      `${provider.name} already has the most "${type.name}" bookings allowed on ${formatDate(day)} (${type.maxPerDay}).`,
    );
  }
  const verdict = judgeStart(context, start);
  if (verdict === REFUSED.TIME_OFF) return refuse('TIME_OFF', `${provider.name} is away at ${when}.`);
  if (verdict === REFUSED.BUSY)
    return refuse('BUSY', `${provider.name} is not free at ${when}: it overlaps another booking.`);
  if (verdict === REFUSED.FULL) return refuse('FULL', `Every seat of "${type.name}" at ${when} is taken.`);
  const offered: Slot[] = [];
  collectDay(context, day, offered);
  const slot = offered.find((candidate) => candidate.start === start);
  if (slot === undefined) {
    return refuse(
      'DAY_LIMIT',
      `${when} is past the ${context.rules.maxSlotsPerDay} slots offered on ${formatDate(day)} (limits.maxSlotsPerDay).`,
    );
  }
  return slot.locationId === undefined ? { ok: true } : { ok: true, locationId: slot.locationId };
}

function notOnSchedule(context: SlotContext, day: number, when: string): string {
  const { provider, type } = context;
  const hours = hoursOn(context.rules, provider, day);
  const date = formatDate(day);
  if (hours.source === 'closure') {
    return `The clinic is closed on ${date}${hours.closureName ? ` (${hours.closureName})` : ''}.`;
  }
  const { closedLocation } = hours;
  if (hours.spans.length === 0 && closedLocation !== undefined) {
    const name = context.rules.locationClosures.get(day)?.get(closedLocation);
    const place = context.rules.locationNames.get(closedLocation) ?? closedLocation;
    return `${place} is closed on ${date}${name ? ` (${name})` : ''}.`;
  }
  if (hours.spans.length === 0) return `${provider.name} does not work on ${date}.`;
  if (type.hours !== null && offeredOn(context.rules, type, provider, day).length === 0) {
    return `"${type.name}" is not offered on ${date} (a ${WEEKDAY_NAMES[weekdayOf(day)]}) during ${provider.name}'s hours.`;
  }
  return `${when} is not a start time of "${type.name}" with ${provider.name}.`;
}

/** `2026-11-24 09:00 (America/New_York)`: the provider's wall clock, which is what people read. */
function localTime(provider: CompiledProvider, epochMs: number): string {
  return `${provider.clock.formatLocal(epochMs)} (${provider.clock.name})`;
}

function minutes(ms: number): number {
  return ms / 60_000;
}
