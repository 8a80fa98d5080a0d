/**
 * Shared by the validation tests: a small valid clinic to break on purpose, assertions that a
 * document has exactly one error or one warning with a given code and path, the sample clinic
 * with the means to mutate it, and the hostile values the property tests feed in.
 */

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Diagnostic, ValidationResult } from '../../src/engine/types.ts';
import { validateRules } from '../../src/engine/validate.ts';

/** A document the tests reach into and break on purpose, so any shape goes. */
// biome-ignore lint/suspicious/noExplicitAny: see above
export type Doc = any;

/** A small valid clinic: one location, two providers, two types. Fresh on every call. */
export function baseDocument(): Doc {
  return {
    version: 1,
    timezone: 'America/New_York',
    clinic: { name: 'Riverside Family Clinic', phone: '+1 555 0100' },
    locations: [{ id: 'main', name: 'Main St', timezone: 'America/New_York' }],
    providers: [
      {
        id: 'lee',
        name: 'Dr. Ana Lee',
        locationId: 'main',
        weekly: {
          mon: [
            { start: '09:00', end: '12:00' },
            { start: '13:00', end: '17:00' },
          ],
          tue: [],
        },
        overrides: [{ date: '2026-12-24', hours: [{ start: '09:00', end: '12:00' }] }],
        timeOff: [{ start: '2026-12-28T00:00:00-05:00', end: '2027-01-04T00:00:00-05:00' }],
      },
      {
        id: 'kim',
        name: 'Dr. Sam Kim',
        timezone: 'America/Chicago',
        weekly: { wed: [{ start: '08:00', end: '24:00' }] },
      },
    ],
    appointmentTypes: [
      {
        id: 'new-patient',
        name: 'New patient visit',
        providerIds: ['lee'],
        durationMinutes: 40,
        stepMinutes: 20,
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 10,
        minNoticeMinutes: 1440,
        maxAdvanceDays: 60,
        maxPerDay: 4,
        capacity: 1,
        patients: 'new',
        mode: 'in-person',
      },
      { id: 'follow-up', name: 'Follow-up', providerIds: ['lee', 'kim'], durationMinutes: 20 },
    ],
    closures: [{ date: '2026-12-25', name: 'Christmas Day' }],
    busy: [
      {
        providerId: 'lee',
        start: '2026-11-24T14:00:00Z',
        end: '2026-11-24T14:40:00Z',
        appointmentTypeId: 'new-patient',
        seats: 1,
      },
    ],
    limits: { maxSlotsPerDay: 288 },
  };
}

export function errorsOf(result: ValidationResult): Diagnostic[] {
  return result.ok ? [] : result.errors;
}

/** The document's only error, which must have this code and path. */
export function onlyError(document: unknown, code: string, path: string): Diagnostic {
  const result = validateRules(document);
  expect(result.ok).toBe(false);
  const errors = errorsOf(result);
  expect(errors.map((error) => [error.code, error.path])).toEqual([[code, path]]);
  return errors[0]!;
}

/** The document's only warning (it must be valid), with this code and path. */
export function onlyWarning(document: unknown, code: string, path: string): Diagnostic {
  const result = validateRules(document);
  expect(errorsOf(result)).toEqual([]);
  expect(result.warnings.map((warning) => [warning.code, warning.path])).toEqual([[code, path]]);
  return result.warnings[0]!;
}

const sampleText = readFileSync(new URL('../../public/sample-clinic.json', import.meta.url), 'utf8');

/** The sample with one busy entry, so that mutations reach busy fields too. */
export function sample(): Record<string, unknown> {
  const document = JSON.parse(sampleText);
  document.busy = [
    {
      providerId: 'lee',
      start: '2027-01-05T14:00:00Z',
      end: '2027-01-05T14:40:00Z',
      appointmentTypeId: 'new-patient',
      seats: 1,
    },
  ];
  return document;
}

/** Every path in a JSON value, as lists of keys; the root is `[]`. */
export function pathsOf(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const paths = [prefix];
  if (Array.isArray(value)) {
    for (const [index, entry] of value.entries()) paths.push(...pathsOf(entry, [...prefix, index]));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, entry] of Object.entries(value)) paths.push(...pathsOf(entry, [...prefix, key]));
  }
  return paths;
}

export function pointerOf(path: Array<string | number>): string {
  return path.map((key) => `/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export function setAt(
  document: Record<string, unknown>,
  path: Array<string | number>,
  value: unknown,
): unknown {
  if (path.length === 0) return value;
  let parent: Record<string | number, unknown> = document;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[path[path.length - 1]!] = value;
  return document;
}

/** Values of every kind, with the ones that sit on the edges of the format. */
export const hostileValues = fc.oneof(
  fc.anything({
    withObjectString: true,
    withNullPrototype: true,
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
    withBoxedValues: true,
    maxDepth: 3,
  }),
  fc.constantFrom(
    Number.NaN,
    -0,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    1.5,
    -1,
    0,
    1e21,
    '30',
    '',
    ' ',
  ),
  fc.constantFrom(
    '24:00',
    '00:00',
    '9:00',
    '2026-02-30',
    '2026-12-24',
    'UTC',
    'America/New_York',
    'Mars/Base',
  ),
  fc.constantFrom('2026-11-24T14:00:00Z', '2026-11-24T14:00:00', '2026-11-24T14:00:00+25:00', 'lee', 'main'),
  fc.integer({ min: -10, max: 600_000 }),
);
