/**
 * Prints the Riverside import and its SMART publication as JSON: run by machine-zone.test.ts
 * under other `TZ` values, whose output must not change.
 */
import { readFileSync } from 'node:fs';
import { importFhir } from '../../interop/import-fhir.ts';
import { publishSmart } from '../../interop/publish-smart.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/fhir/${name}`, import.meta.url), 'utf8');

export function probe(): string {
  const now = '2026-11-23T12:00:00Z';
  const imported = importFhir(
    fixture('riverside-r4-bundle.json'),
    JSON.parse(fixture('riverside-mapping.json')),
    { now },
  );
  if (!imported.ok) throw new Error(imported.error.message);
  const published = publishSmart(imported.rules, imported.busy, {
    baseUrl: 'https://clinic.example',
    now,
    days: 120,
  });
  return JSON.stringify({ imported, published });
}

if (process.argv[1]?.endsWith('zone-probe.ts')) process.stdout.write(probe());
