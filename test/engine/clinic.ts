/**
 * Small rules documents for engine tests: one clinic, readable at a glance, with every field a
 * test does not care about left to its default.
 */

import { expect } from 'vitest';
import { generateSlots } from '../../src/engine/index.ts';
import type {
  AppointmentType,
  Provider,
  RulesDocument,
  Slot,
  SlotQuery,
  TimeSpan,
} from '../../src/engine/types.ts';

export const WEEKDAYS_9_TO_5: Provider['weekly'] = {
  mon: [{ start: '09:00', end: '17:00' }],
  tue: [{ start: '09:00', end: '17:00' }],
  wed: [{ start: '09:00', end: '17:00' }],
  thu: [{ start: '09:00', end: '17:00' }],
  fri: [{ start: '09:00', end: '17:00' }],
};

/** The same hours every day of the week. */
export function everyDay(...spans: TimeSpan[]): Provider['weekly'] {
  return { mon: spans, tue: spans, wed: spans, thu: spans, fri: spans, sat: spans, sun: spans };
}

export function provider(id: string, extra: Partial<Provider> = {}): Provider {
  return { id, name: `Dr. ${id[0]!.toUpperCase()}${id.slice(1)}`, weekly: WEEKDAYS_9_TO_5, ...extra };
}

export function visitType(extra: Partial<AppointmentType> = {}): AppointmentType {
  return { id: 'visit', name: 'Visit', providerIds: ['lee'], durationMinutes: 30, ...extra };
}

/** A one-provider clinic in New York unless told otherwise. */
export function clinic(extra: Partial<RulesDocument> = {}): RulesDocument {
  return {
    version: 1,
    timezone: 'America/New_York',
    providers: [provider('lee')],
    appointmentTypes: [visitType()],
    ...extra,
  };
}

/** Runs a query that must succeed and returns its result. */
export function slotsFor(rules: unknown, query: Partial<SlotQuery> & Pick<SlotQuery, 'from' | 'to'>) {
  const result = generateSlots(rules, { appointmentTypeId: 'visit', now: '2020-01-01T00:00:00Z', ...query });
  if (!result.ok) expect.fail(`query refused: ${JSON.stringify(result.errors)}`);
  return result;
}

/** Slot starts as ISO instants (UTC), the form hand-worked expectations are written in. */
export function startsOf(slots: readonly Slot[]): string[] {
  return slots.map((slot) => new Date(slot.start).toISOString());
}

/** The same starts, with the provider: `2026-11-24T14:00:00.000Z lee`. */
export function startsWithProvider(slots: readonly Slot[]): string[] {
  return slots.map((slot) => `${new Date(slot.start).toISOString()} ${slot.providerId}`);
}
