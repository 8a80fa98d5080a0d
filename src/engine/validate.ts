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
import { isRecord, readOwn, Scope } from './validate-read.ts';
import { Report } from './validate-report.ts';
import { describeValue } from './validate-text.ts';
import { checkAppointmentTypes } from './validate-types.ts';
import { checkWarnings } from './validate-warnings.ts';
import { checkBusyWindows } from './validate-windows.ts';

/** The features a version-2 document may require that this engine knows (docs/rules-format.md). */
export const KNOWN_FEATURES: ReadonlySet<string> = new Set([
  'busy-windows',
  'intake-questions',
  'type-hours',
  'span-locations',
]);

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

/** Version 2 is version 1 plus these two fields. */
const DOCUMENT_FIELDS_V2: ReadonlySet<string> = new Set([...DOCUMENT_FIELDS, 'requires', 'busyWindows']);

/**
 * Checks a rules document (format v1 or v2) and reports every problem as `{ code, path, message }`.
 *
 * @returns `{ ok: true, rules, warnings }` with `rules === input` when there is no error;
 *   otherwise `{ ok: false, errors, warnings }`. At most 200 errors are listed (then one more says
 *   validation stopped). Warnings never make a document invalid.
 * @example
 * validateRules(null) // { ok: false, errors: [{ code: 'INVALID_DOCUMENT', path: '', ... }], warnings: [] }
 * validateRules({ version: 3 }) // errors: [{ code: 'UNSUPPORTED_VERSION', path: '/version', ... }]
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
  const version = checkVersion(document);
  if (version === null) return;
  document.warnUnknownFields(version === 2 ? DOCUMENT_FIELDS_V2 : DOCUMENT_FIELDS);
  const facts = emptyFacts();
  if (version === 2) {
    const features = checkRequires(document);
    if (features === null) return;
    facts.version = 2;
    facts.features = features;
    facts.questionsAllowed = features.has('intake-questions') ? 'allowed' : 'not-required';
  }
  // Editors use `$schema` to find the JSON Schema; the engine only checks that it is a text.
  document.string('$schema', false, SIZE_LIMITS.longTextLength);
  facts.documentZone = checkZoneField(document, true);
  checkClinic(document);
  checkLocations(report, document, facts);
  checkPeople(report, document, facts);
  if (version === 2) {
    const windows = document.list('busyWindows', false, SIZE_LIMITS.busyWindows);
    if (windows !== undefined) checkBusyWindows(report, windows, facts);
  }
  checkClosures(report, document, facts);
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
 * Versions 1 and 2 are the formats this engine reads (a missing version is reported and read as
 * 1). Any other version is reported alone: its fields may mean something else, so checking them
 * would only add noise. `null`: stop.
 */
function checkVersion(document: Scope): 1 | 2 | null {
  const version = document.field('version', true);
  if (version === undefined || version === 1) return 1;
  if (version === 2) return 2;
  document.report.error(
    'UNSUPPORTED_VERSION',
    '/version',
    `This engine reads rules documents of versions 1 and 2, but this document's version is ${describeValue(version)}.`,
  );
  return null;
}

/**
 * A version-2 document lists the features that change which slots exist or which bookings are
 * accepted. One this engine does not know means it cannot read the document faithfully: the
 * document is refused with that error alone.
 */
function checkRequires(document: Scope): ReadonlySet<string> | null {
  const features = new Set<string>();
  const list = document.list('requires', false, 16);
  if (list === undefined) return document.report.errors.length === 0 ? features : null;
  for (let index = 0; index < list.length; index += 1) {
    const feature = readOwn(list.target, index);
    if (typeof feature === 'string' && KNOWN_FEATURES.has(feature)) {
      features.add(feature);
      continue;
    }
    document.report.error(
      'UNSUPPORTED_FEATURE',
      `/requires/${index}`,
      `This document requires ${typeof feature === 'string' ? `the feature "${feature.slice(0, 60)}"` : describeValue(feature)}, which this engine does not know (it knows ${[...KNOWN_FEATURES].map((f) => `"${f}"`).join(', ')}); its slots cannot be computed.`,
    );
    return null;
  }
  return features;
}
