import { describe, expect, it } from 'vitest';
import sampleClinic from '../../public/sample-clinic.json';
import { validateRules } from '../../src/engine/validate.ts';

// The same checks in real Chromium: zone names go through the browser's own Intl data, and the
// instants and dates through the same code the worker runs.
describe('validateRules in the browser', () => {
  it('accepts the sample clinic with no warnings', () => {
    const document = structuredClone(sampleClinic);
    expect(validateRules(document)).toEqual({ ok: true, rules: document, warnings: [] });
  });

  it('refuses an unknown zone and a local time without an offset, at their paths', () => {
    type Editable = {
      providers: Array<{ timeOff: Array<{ start: string }> }>;
      locations: Array<{ timezone: string }>;
    };
    const document = structuredClone(sampleClinic) as unknown as Editable;
    document.providers[4]!.timeOff[0]!.start = '2027-02-22T00:00:00';
    document.locations[2]!.timezone = 'America/Chicag0';
    const result = validateRules(document);
    expect(result.ok ? [] : result.errors.map((error) => [error.code, error.path])).toEqual([
      ['INVALID_TIMEZONE', '/locations/2/timezone'],
      ['INVALID_INSTANT', '/providers/4/timeOff/0/start'],
    ]);
  });

  it('answers a 200,001-entry busy list with TOO_LARGE', () => {
    const document = { ...structuredClone(sampleClinic), busy: new Array(200_001).fill({}) };
    const result = validateRules(document);
    expect(result.ok ? [] : result.errors.map((error) => [error.code, error.path])).toEqual([
      ['TOO_LARGE', '/busy'],
    ]);
  });
});
