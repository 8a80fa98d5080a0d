import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateRules } from '../../src/engine/index.ts';
import { parseInstant } from '../../src/engine/instant.ts';
import { clinic } from './clinic.ts';

const two = (value: number) => String(value).padStart(2, '0');

/** Instant-like strings, valid and not: out-of-range fields, missing or odd offsets, fractions. */
const instantText = fc
  .record({
    year: fc.integer({ min: 1900, max: 2100 }),
    month: fc.integer({ min: 0, max: 13 }),
    day: fc.integer({ min: 0, max: 32 }),
    hour: fc.integer({ min: 0, max: 24 }),
    minute: fc.integer({ min: 0, max: 60 }),
    second: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
    fraction: fc.option(fc.stringMatching(/^\d{1,10}$/), { nil: undefined }),
    zone: fc.constantFrom('Z', 'z', '', '+05:30', '-03:00', '+0530', '+05', '+24:00', '-00:60', '+14:00'),
  })
  .map(({ year, month, day, hour, minute, second, fraction, zone }) => {
    const seconds =
      second === undefined ? '' : `:${two(second)}${fraction === undefined ? '' : `.${fraction}`}`;
    return `${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}${seconds}${zone}`;
  });

describe('the engine reads every instant validation accepts, and only those', () => {
  it('agrees with validateRules on busy instants', () => {
    fc.assert(
      fc.property(instantText, (text) => {
        const rules = clinic({ busy: [{ providerId: 'lee', start: text, end: '2200-01-01T00:00:00Z' }] });
        expect(validateRules(rules).ok).toBe(parseInstant(text) !== null);
      }),
      { numRuns: 500 },
    );
  });
});
