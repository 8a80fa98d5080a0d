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
 *
 * A `$schema` naming this format's JSON Schema (`./schema/rules-v1.json` beside a rules file) is
 * given as `schemaUrl`, where the server serves version 2's: a path relative to the rules file
 * would resolve under the API's URL, where there is none. Another `$schema` is left as it is.
 */
export function windowedRules(doc: unknown, schemaUrl?: string): unknown {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return doc;
  const rules = (
    (doc as { version?: unknown }).version === 1 ? withoutV2Fields(doc as Partial<RulesDocument>) : doc
  ) as Partial<RulesDocument> & { $schema?: unknown };
  const requires = Array.isArray(rules.requires) ? rules.requires : [];
  const { busyWindows: _dropped, ...rest } = rules;
  return {
    ...rest,
    ...(typeof rules.$schema === 'string' ? { $schema: servedSchema(rules.$schema, schemaUrl) } : {}),
    version: rules.version === 1 || rules.version === 2 ? 2 : rules.version,
    requires: requires.includes('busy-windows') ? requires : [...requires, 'busy-windows'],
  };
}

function servedSchema(schema: string, schemaUrl: string | undefined): string {
  if (!OUR_SCHEMA.test(schema)) return schema;
  return schemaUrl ?? schema.replace(/rules-v1\.json$/, 'rules-v2.json');
}

/** The rules format's own JSON Schemas, by any path to them. */
const OUR_SCHEMA = /(^|\/)rules-v[12]\.json$/;

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

/**
 * A version-1 document without the fields version 2 gives a meaning to (a type's `hours`, a span's
 * or closure's `locationId`): version 1 ignores them, so served as version 2 it must not have them,
 * or it would mean other slots (or be refused for not requiring their features).
 */
function withoutV2Fields(rules: Partial<RulesDocument>): Partial<RulesDocument> {
  const unplaced = (spans: unknown) =>
    Array.isArray(spans) ? spans.map((span) => omit(span, 'locationId')) : spans;
  const week = (weekly: unknown) =>
    isObject(weekly)
      ? Object.fromEntries(Object.entries(weekly).map(([day, spans]) => [day, unplaced(spans)]))
      : weekly;
  const out: Record<string, unknown> = { ...rules };
  if (Array.isArray(rules.appointmentTypes))
    out.appointmentTypes = rules.appointmentTypes.map((type) => omit(type, 'hours'));
  if (Array.isArray(rules.closures))
    out.closures = rules.closures.map((closure) => omit(closure, 'locationId'));
  if (Array.isArray(rules.providers)) {
    out.providers = rules.providers.map((provider) => {
      if (!isObject(provider)) return provider;
      const next: Record<string, unknown> = { ...provider };
      if ('weekly' in provider) next.weekly = week(provider.weekly);
      if (Array.isArray(provider.overrides)) {
        next.overrides = provider.overrides.map((override) =>
          isObject(override) && 'hours' in override
            ? { ...override, hours: unplaced(override.hours) }
            : override,
        );
      }
      return next;
    });
  }
  return out as Partial<RulesDocument>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function omit(value: unknown, key: string): unknown {
  if (!isObject(value) || !(key in value)) return value;
  const { [key]: _dropped, ...rest } = value;
  return rest;
}
