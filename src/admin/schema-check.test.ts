import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSchemaCheck } from './schema-check.ts';

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as unknown;

describe('the raw JSON tab against the published JSON Schema', () => {
  const check = createSchemaCheck(read('../../public/schema/rules-v1.json') as object);

  it('accepts the sample clinic', () => {
    expect(check(read('../../public/sample-clinic.json'))).toEqual([]);
  });

  it('names the path of a value of the wrong shape', () => {
    const sample = read('../../public/sample-clinic.json') as { providers: Array<{ weekly: unknown }> };
    sample.providers[0]!.weekly = { monday: [] };
    const findings = check(sample);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((finding) => finding.code === 'SCHEMA')).toBe(true);
    expect(findings.map((finding) => finding.path)).toContain('/providers/0/weekly');
  });
});
