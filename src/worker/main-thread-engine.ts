/**
 * The engine as the page sees it in the degraded fallback. Bundled into the worker bundles (never
 * into the page bundle): when one of them runs as a plain script it puts its engine on `globalThis`.
 */
import { DateTime } from 'luxon';
import { QUERY_LIMITS } from '../engine/limits.ts';
import type { SlotQuery } from '../engine/types.ts';
import { ENGINE_GLOBALS, type WorkerFlavour } from './engine-global.ts';
import { handleMessage, type WorkerEngine } from './handle-message.ts';
import type { MainThreadEngine } from './protocol.ts';
import { RulesStore } from './rules-store.ts';

/** The fallback's face of `engine`: the worker's handler, answering with the same functions. */
export function createMainThreadEngine(engine: WorkerEngine): MainThreadEngine {
  return {
    v: 1,
    handleMessage: (data, store) =>
      handleMessage(data, store instanceof RulesStore ? store : new RulesStore(), engine),
    createStore: () => new RulesStore(),
    planSlices: (rules, query) => planSlices(rules, query, engine),
  };
}

/** Puts `engine` where the page's fallback for `flavour` looks for it. */
export function exposeMainThreadEngine(
  scope: object,
  engine: MainThreadEngine,
  flavour: WorkerFlavour,
): void {
  Object.defineProperty(scope, ENGINE_GLOBALS[flavour], { value: engine, configurable: true });
}

/**
 * Splits a slots query into one query per provider-day (days outer, providers inner). Returns
 * `null` for anything the engine would refuse, so the caller runs the whole query once and gets
 * the engine's own diagnostics.
 */
export function planSlices(rules: unknown, query: SlotQuery, engine: WorkerEngine): SlotQuery[] | null {
  const validated = engine.validateRules(rules);
  if (!validated.ok) return null;
  const type = validated.rules.appointmentTypes.find((t) => t.id === query.appointmentTypeId);
  if (type === undefined) return null;
  const providers = query.providerId === undefined ? type.providerIds : [query.providerId];
  const from = calendarDate(query.from);
  const to = calendarDate(query.to);
  if (from === null || to === null || to < from) return null;
  const days = Math.round(to.diff(from, 'days').days) + 1;
  if (days > QUERY_LIMITS.maxRangeDays) return null;
  const slices: SlotQuery[] = [];
  for (let d = 0; d < days; d++) {
    const day = from.plus({ days: d }).toISODate()!;
    for (const providerId of providers) slices.push({ ...query, providerId, from: day, to: day });
  }
  return slices;
}

/** A `YYYY-MM-DD` calendar date as midnight UTC (the zone only makes day arithmetic exact). */
function calendarDate(value: unknown): DateTime | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const date = DateTime.fromISO(value, { zone: 'UTC' });
  return date.isValid ? date : null;
}
