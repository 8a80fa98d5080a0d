import fc from 'fast-check';
import { DateTime, FixedOffsetZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseInstant, readInstant } from './instant.ts';

describe('ISO instants to epoch ms', () => {
  it('reads Z and offsets exactly', () => {
    expect(parseInstant('2026-11-24T14:00:00Z')).toBe(1_795_528_800_000);
    expect(parseInstant('2026-11-24T09:00:00-05:00')).toBe(1_795_528_800_000);
    expect(parseInstant('2026-11-24T19:45+05:45')).toBe(1_795_528_800_000);
    expect(parseInstant('2026-11-24T14:00:00.250Z')).toBe(1_795_528_800_250);
    expect(parseInstant('2026-11-24T14:00Z')).toBe(1_795_528_800_000);
  });

  it('truncates fractions to milliseconds and accepts every spelling of the common form', () => {
    expect(parseInstant('2026-11-24T14:00:00.123456Z')).toBe(1_795_528_800_123);
    expect(parseInstant('2026-11-24T14:00:00.1Z')).toBe(1_795_528_800_100);
    expect(parseInstant('2026-11-24T14:00:00+0000')).toBe(1_795_528_800_000);
    expect(parseInstant('2026-11-25T04:00:00+14:00')).toBe(1_795_528_800_000);
    expect(parseInstant('2026-11-24T14:00:00.Z')).toBeNull();
    expect(parseInstant('2026-11-24T14:00:00+24:00')).toBeNull();
    expect(parseInstant('2026-11-24T14:00:60Z')).toBeNull();
  });

  it('reads only the form rules documents use, as validation does', () => {
    expect(parseInstant('20261124T140000Z')).toBeNull();
    expect(parseInstant('2026-11-24t14:00:00z')).toBeNull();
    expect(parseInstant('2026-11-24T14:00:00,5Z')).toBeNull();
    expect(parseInstant('2026-11-24T14:00:00+05')).toBeNull();
  });

  it('refuses local times without an offset and impossible dates', () => {
    expect(parseInstant('2026-11-24T14:00:00')).toBeNull();
    expect(parseInstant('2026-11-24')).toBeNull();
    expect(parseInstant('2026-02-30T10:00:00Z')).toBeNull();
    expect(parseInstant('2026-11-24T25:00:00Z')).toBeNull();
    expect(parseInstant('soon')).toBeNull();
  });

  it('accepts finite epoch ms for now and nothing else', () => {
    expect(readInstant(0)).toBe(0);
    expect(readInstant(1_795_528_800_000)).toBe(1_795_528_800_000);
    expect(readInstant(Number.NaN)).toBeNull();
    expect(readInstant(Number.POSITIVE_INFINITY)).toBeNull();
    expect(readInstant(9e15)).toBeNull();
    expect(readInstant(null)).toBeNull();
    expect(readInstant({})).toBeNull();
  });

  it('agrees with luxon on any extended instant with an offset', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        (ms, offset) => {
          const iso = DateTime.fromMillis(ms, { zone: FixedOffsetZone.instance(offset) }).toISO();
          expect(iso).not.toBeNull();
          expect(parseInstant(iso!)).toBe(ms);
          const utc = DateTime.fromMillis(ms, { zone: 'UTC' })
            .toISO({ suppressMilliseconds: true })!
            .replace('+00:00', 'Z');
          expect(parseInstant(utc)).toBe(DateTime.fromISO(utc).toMillis());
        },
      ),
    );
  });
});
