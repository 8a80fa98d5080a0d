import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeRuns } from './merge-runs.ts';
import type { Slot } from './types.ts';

const slot = (start: number, providerId: string): Slot => ({
  start,
  end: start + 1,
  providerId,
  seatsLeft: 1,
});

describe('merging one day’s provider runs', () => {
  it('orders by start and keeps run (provider) order for equal starts', () => {
    const items = [slot(10, 'a'), slot(30, 'a'), slot(10, 'b'), slot(20, 'b'), slot(5, 'c')];
    const out: Slot[] = [slot(1, 'z')];
    mergeRuns(items, [0, 2, 4], out);
    expect(out.map((item) => `${item.start}${item.providerId}`)).toEqual([
      '1z',
      '5c',
      '10a',
      '10b',
      '20b',
      '30a',
    ]);
  });

  it('handles empty runs and no runs', () => {
    const out: Slot[] = [];
    mergeRuns([slot(3, 'b')], [0, 0, 1], out);
    mergeRuns([], [], out);
    expect(out.map((item) => item.start)).toEqual([3]);
  });

  it('agrees with a stable sort by start for any sorted runs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 20 }), { maxLength: 12 }),
        (runs) => {
          const items: Slot[] = [];
          const runStarts: number[] = [];
          runs.forEach((starts, run) => {
            runStarts.push(items.length);
            for (const start of [...new Set(starts)].sort((a, b) => a - b))
              items.push(slot(start, `p${run}`));
          });
          const out: Slot[] = [];
          mergeRuns(items, runStarts, out);
          expect(out).toEqual([...items].sort((a, b) => a.start - b.start));
        },
      ),
    );
  });
});
