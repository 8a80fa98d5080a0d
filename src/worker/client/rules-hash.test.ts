import { describe, expect, it } from 'vitest';
import { hashRules, NotPlainDataError } from './rules-hash.ts';

/** A document whose JSON text is read through a getter, counting how often it is serialised. */
function countedDocument() {
  const reads = { count: 0 };
  const document = {
    version: 1,
    get timezone() {
      reads.count++;
      return 'America/New_York';
    },
  };
  return { document, reads };
}

describe('hashRules', () => {
  it('hashes a document object once, and an equal copy to the same hash', () => {
    const { document, reads } = countedDocument();
    const first = hashRules(document);
    expect(hashRules(document)).toBe(first);
    expect(reads.count).toBe(1);
    expect(hashRules({ version: 1, timezone: 'America/New_York' })).toBe(first);
    expect(hashRules({ version: 1, timezone: 'Europe/Berlin' })).not.toBe(first);
  });

  it('hashes values that are not objects every time, and refuses cycles each time', () => {
    expect(hashRules('rules')).toBe(hashRules('rules'));
    expect(hashRules(undefined)).toMatch(/^[0-9a-f]{16}-/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => hashRules(cyclic)).toThrow(NotPlainDataError);
    expect(() => hashRules(cyclic)).toThrow('The rules document is not plain JSON data');
  });
});
