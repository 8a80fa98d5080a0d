/**
 * `validateRules`: the gate between a clinic's rules document and the engine. It never throws,
 * whatever it is given, does work proportional to the document and bounded by `SIZE_LIMITS`, and
 * on success hands back the very same object, typed, with nothing converted or defaulted.
 */

import { SIZE_LIMITS } from './limits.ts';
import type { RulesDocument, ValidationResult } from './types.ts';
import { checkBusy } from './validate-busy.ts';
import { checkClinic, checkClosures, checkLimits, checkLocations } from './validate-clinic.ts';
import { type DocumentFacts, emptyFacts } from './validate-facts.ts';
import { checkZoneField } from './validate-fields.ts';
import { checkProviders } from './validate-providers.ts';
import { isRecord, Scope } from './validate-read.ts';
import { Report } from './validate-report.ts';
import { describeValue } from './validate-text.ts';
import { checkAppointmentTypes } from './validate-types.ts';
import { checkWarnings } from './validate-warnings.ts';

const DOCUMENT_FIELDS: ReadonlySet<string> = new Set([
  '$schema',
  'version',
  'timezone',
  'clinic',
  'locations',
  'providers',
  'appointmentTypes',
  'closures',
  'busy',
  'limits',
]);

/**
 * Checks a rules document (format v1) and reports every problem as `{ code, path, message }`.
 *
 * @returns `{ ok: true, rules, warnings }` with `rules === input` when there is no error;
 *   otherwise `{ ok: false, errors, warnings }`. At most 200 errors are listed (then one more says
 *   validation stopped). Warnings never make a document invalid.
 * @example
 * validateRules(null) // { ok: false, errors: [{ code: 'INVALID_DOCUMENT', path: '', ... }], warnings: [] }
 * validateRules({ version: 2 }) // errors: [{ code: 'UNSUPPORTED_VERSION', path: '/version', ... }]
 */
export function validateRules(input: unknown): ValidationResult {
  const report = new Report();
  try {
    checkDocument(report, input);
  } catch {
    // Every read is guarded, so this is a backstop (e.g. the stack exhausted by the caller's
    // recursion): answer with an error value rather than throwing into the caller.
    report.stopped = false;
    report.error('INVALID_DOCUMENT', '', 'The rules document could not be read; it must be plain JSON data.');
  }
  const warnings = report.finalWarnings();
  if (report.errors.length > 0) return { ok: false, errors: report.errors, warnings };
  return { ok: true, rules: input as RulesDocument, warnings };
}

function checkDocument(report: Report, input: unknown): void {
  if (!isRecord(input)) {
    report.error(
      'INVALID_DOCUMENT',
      '',
      `The rules document must be a JSON object, but it is ${describeValue(input)}.`,
    );
    return;
  }
  const document = new Scope(report, input, '', null, 'The document');
  if (!checkVersion(document)) return;
  document.warnUnknownFields(DOCUMENT_FIELDS);
  // Editors use `$schema` to find the JSON Schema; the engine only checks that it is a text.
  document.string('$schema', false, SIZE_LIMITS.longTextLength);
  const facts = emptyFacts();
  checkZoneField(document, true, facts);
  checkClinic(document);
  checkLocations(report, document, facts);
  checkPeople(report, document, facts);
  checkClosures(report, document);
  checkLimits(document, facts);
  if (report.errors.length === 0) checkWarnings(report, facts);
}

/** Providers, then the types that list them, then the busy entries that name both. */
function checkPeople(report: Report, document: Scope, facts: DocumentFacts): void {
  const providers = document.list('providers', true, SIZE_LIMITS.providers);
  if (providers !== undefined) checkProviders(report, providers, facts);
  const types = document.list('appointmentTypes', true, SIZE_LIMITS.appointmentTypes);
  if (types !== undefined) checkAppointmentTypes(report, types, facts);
  const busy = document.list('busy', false, SIZE_LIMITS.busy);
  if (busy !== undefined) checkBusy(report, busy, facts);
}

/**
 * Version 1 is the only format this engine reads. Any other version is reported alone: its
 * fields may mean something else, so checking them against v1 would only add noise.
 */
function checkVersion(document: Scope): boolean {
  const version = document.field('version', true);
  if (version === undefined || version === 1) return true;
  document.report.error(
    'UNSUPPORTED_VERSION',
    '/version',
    `This engine reads rules documents of version 1, but this document's version is ${describeValue(version)}.`,
  );
  return false;
}
