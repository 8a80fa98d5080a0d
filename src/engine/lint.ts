/**
 * The admin's lints: validation's errors and warnings, plus what an admin commonly gets wrong in
 * a valid document (hours in a DST gap or overlap, a DST day cut by the daily cap, a provider
 * offering nothing, overrides in the past, closures on days nobody works).
 * Pure, synchronous, bounded: the date scans cover at most 366 days.
 */
import { compileRules } from './compile.ts';
import { readInstant } from './instant.ts';
import { QUERY_LIMITS } from './limits.ts';
import { transitionDays } from './lint-calendar.ts';
import { lintDaysCutByCap } from './lint-cap.ts';
import { lintClosuresOnClosedDays, lintOverridesInPast, lintProvidersWithoutTypes } from './lint-coverage.ts';
import { type DateScan, lintDstHours } from './lint-dst.ts';
import type { Diagnostic } from './types.ts';
import { validateRules } from './validate.ts';

export interface LintOptions {
  /** Epoch milliseconds or an ISO 8601 instant: "today" for past overrides and the DST scan. */
  now: number | string;
  /** Days scanned for DST gaps and overlaps and for override days, from today; default 365, at most 366. */
  horizonDays?: number;
}

export type LintResult =
  | { ok: true; diagnostics: Diagnostic[] }
  | { ok: false; errors: Diagnostic[]; warnings: Diagnostic[] };

const DEFAULT_HORIZON_DAYS = 365;

/**
 * Lints a rules document. An invalid document returns validation's errors and warnings
 * (`ok: false`); a valid one returns validation's warnings followed by the lints, in document
 * order per lint. Never throws.
 *
 * @example
 * lintRules(doc, { now: '2027-03-01T12:00:00Z' })
 * // { ok: true, diagnostics: [{ code: 'HOURS_IN_DST_GAP', path: '/providers/0/weekly/sun/0/start', ... }] }
 */
export function lintRules(rules: unknown, options: LintOptions): LintResult {
  try {
    return lintChecked(rules, options);
  } catch {
    // Defensive only: every lint works on a validated document and cannot throw by design.
    return {
      ok: false,
      errors: [{ code: 'LINT_FAILED', path: '', message: 'The rules could not be checked.' }],
      warnings: [],
    };
  }
}

function lintChecked(rules: unknown, options: LintOptions): LintResult {
  const optionErrors = checkOptions(options);
  if (optionErrors.length > 0) return { ok: false, errors: optionErrors, warnings: [] };
  const validation = validateRules(rules);
  if (!validation.ok) return { ok: false, errors: validation.errors, warnings: validation.warnings };
  const doc = validation.rules;
  const compiled = compileRules(doc);
  const now = readInstant(options.now) ?? 0;
  const horizonDays = options.horizonDays ?? DEFAULT_HORIZON_DAYS;
  const todayByProvider = new Map(
    [...compiled.providers.values()].map((provider) => [provider.id, provider.clock.localDay(now)]),
  );
  const daysByZone = new Map<string, number[]>();
  const scan: DateScan = {
    doc,
    compiled,
    // Clinic-wide closures only: a closure of one location (span locations) leaves the others open.
    closures: new Set(
      (doc.closures ?? [])
        .filter((closure) => !compiled.spanLocations || closure.locationId === undefined)
        .map((closure) => closure.date),
    ),
    transitionDaysOf(provider) {
      const today = todayByProvider.get(provider.id) ?? 0;
      const key = `${provider.clock.name} ${today}`;
      let days = daysByZone.get(key);
      if (!days) {
        days = transitionDays(provider.clock, today, horizonDays);
        daysByZone.set(key, days);
      }
      return days;
    },
  };
  const diagnostics = [
    ...validation.warnings,
    ...lintDstHours(scan),
    ...lintDaysCutByCap(scan, validation.warnings),
    ...lintProvidersWithoutTypes(doc),
    ...lintOverridesInPast(doc, todayByProvider),
    ...lintClosuresOnClosedDays(doc),
  ];
  return { ok: true, diagnostics: withoutRepeats(diagnostics) };
}

function checkOptions(options: LintOptions): Diagnostic[] {
  if (typeof options !== 'object' || options === null) {
    return [{ code: 'INVALID_QUERY', path: '', message: 'The lint options must be an object.' }];
  }
  const errors = nowErrors(options.now);
  const horizon = options.horizonDays;
  if (
    horizon !== undefined &&
    (!Number.isInteger(horizon) || horizon < 1 || horizon > QUERY_LIMITS.maxRangeDays)
  ) {
    errors.push({
      code: 'INVALID_QUERY',
      path: '/horizonDays',
      message: `"horizonDays" must be a whole number of days from 1 to ${QUERY_LIMITS.maxRangeDays}.`,
    });
  }
  return errors;
}

/** INVALID_NOW for a `now` option that is not epoch ms or an ISO instant with an offset (lint and diff). */
export function nowErrors(now: unknown): Diagnostic[] {
  if (readInstant(now) !== null) return [];
  return [
    {
      code: 'INVALID_NOW',
      path: '/now',
      message: '"now" must be epoch milliseconds or an ISO 8601 instant with an offset or Z.',
    },
  ];
}

/** Drops a diagnostic identical (code, path, message) to an earlier one. */
function withoutRepeats(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((diagnostic) => {
    const key = `${diagnostic.code}\u0000${diagnostic.path}\u0000${diagnostic.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
