/**
 * The engine as the page sees it in the degraded fallback. Bundled into the worker bundles (never
 * into the page bundle): when one of them runs as a plain script it puts its engine on `globalThis`.
 */
import { formatDate, parseDate } from '../civil-date.ts';
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
  // Calendar dates as epoch days (the engine's own civil arithmetic, no zone involved): this
  // keeps luxon's DateTime, and all it pulls in, out of the worker bundles.
  const from = parseDate(query.from);
  const to = parseDate(query.to);
  if (from === null || to === null || to < from) return null;
  if (to - from + 1 > QUERY_LIMITS.maxRangeDays) return null;
  const slices: SlotQuery[] = [];
  for (let epochDay = from; epochDay <= to; epochDay++) {
    const day = formatDate(epochDay);
    for (const providerId of providers) slices.push({ ...query, providerId, from: day, to: day });
  }
  return slices;
}
