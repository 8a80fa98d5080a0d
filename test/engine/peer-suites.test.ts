import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateSlots } from '../../src/engine/index.ts';
import type { SlotQuery } from '../../src/engine/types.ts';

interface PeerCase {
  name: string;
  rules: unknown;
  query: SlotQuery;
  expectedStarts: string[];
}

/** Inputs from Cal.com, slot-calculator and time-slots-finder, with expected values under our rules. */
const cases = JSON.parse(
  readFileSync(new URL('../fixtures/peer-suites.json', import.meta.url), 'utf8'),
) as PeerCase[];

const toIso = (instant: string | number): string => new Date(instant).toISOString();

describe('reference cases from peer schedulers', () => {
  it('loads all 21 cases', () => {
    expect(cases).toHaveLength(21);
  });

  it.each(cases.map((peerCase) => [peerCase.name, peerCase] as const))('%s', (_name, peerCase) => {
    const result = generateSlots(peerCase.rules, peerCase.query);
    if (!result.ok) expect.fail(JSON.stringify(result.errors));
    expect(result.slots.map((slot) => toIso(slot.start))).toEqual(peerCase.expectedStarts.map(toIso));
    expect(result.truncated).toBe(false);
  });
});
