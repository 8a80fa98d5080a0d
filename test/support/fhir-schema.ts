/**
 * The FHIR R4 shape check of the tests: `test/fixtures/fhir/r4-scheduling.schema.json` compiled
 * with ajv, for Location, Schedule and Slot resources and the SMART `$bulk-publish` manifest.
 */
import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';

const schema = JSON.parse(
  readFileSync(new URL('../fixtures/fhir/r4-scheduling.schema.json', import.meta.url), 'utf8'),
);
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addSchema(schema, 'fhir');

/** Checks a resource (Location, Schedule or Slot) against the FHIR R4 JSON shape. */
export const checkResource: ValidateFunction = ajv.compile({ $ref: 'fhir#' });
/** Checks a `$bulk-publish` manifest. */
export const checkManifest: ValidateFunction = ajv.compile({ $ref: 'fhir#/definitions/Manifest' });

/** Every line of an NDJSON text, parsed. */
export function ndjsonLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));
}
