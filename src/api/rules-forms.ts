/**
 * The two forms of one rules document on the wire: as a clinic server serves it (format version 2
 * requiring busy windows, the bookings sent apart by month) and as it stores it (the rules alone).
 * Shared by the server, which converts on save and on serve, and the admin page, which compares
 * versions whichever form each came in.
 */
import type { RulesDocument } from '../engine/types.ts';

/**
 * `doc` as a server with busy windows serves it from `GET /rules`: format version 2 requiring busy
 * windows (version 1 plus `requires`), without windows of its own; its `busy` list keeps only what
 * the saved rules hold (the clinic's blocks), never bookings. A widget that reads only version 1
 * refuses it (UNSUPPORTED_VERSION) instead of showing slots without the bookings. Anything that
 * is not an object is passed on for the engine to refuse.
 */
export function windowedRules(doc: unknown): unknown {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return doc;
  const rules = doc as Partial<RulesDocument> & { $schema?: unknown };
  const requires = Array.isArray(rules.requires) ? rules.requires : [];
  const { busyWindows: _dropped, ...rest } = rules;
  return {
    ...rest,
    ...(typeof rules.$schema === 'string'
      ? { $schema: rules.$schema.replace(/rules-v1\.json$/, 'rules-v2.json') }
      : {}),
    version: rules.version === 1 || rules.version === 2 ? 2 : rules.version,
    requires: requires.includes('busy-windows') ? requires : [...requires, 'busy-windows'],
  };
}

/**
 * `doc` as the server stores it: without busy windows and without the `busy-windows` requirement,
 * which only say how bookings travel to widgets (the server adds them when it serves, from the
 * database). An admin's draft made from the served document is saved as the rules it is, and the
 * booking step re-checks against the stored bookings. Anything that is not an object is passed on
 * for the engine to refuse.
 */
export function savedRules(doc: unknown): unknown {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return doc;
  const { busyWindows: _served, ...rules } = doc as Partial<RulesDocument>;
  if (!Array.isArray(rules.requires)) return rules;
  return { ...rules, requires: rules.requires.filter((feature) => feature !== 'busy-windows') };
}
