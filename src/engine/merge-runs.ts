/**
 * Merging the sorted runs of one day (one run per provider, providers in id order) into start
 * order, ties kept in run order so equal starts stay ordered by provider id.
 *
 * Each slot becomes one number, `(start − earliest start) × 1024 + run`, and the numbers are sorted
 * by the typed array's native numeric sort: no comparator calls. A run's slots are in start order
 * and its starts are distinct, so reading the sorted numbers back only needs a cursor per run.
 * The numbers stay exact: a day's starts lie within three days (2.6e8 ms) of each other, and
 * 2.6e8 × 1024 is far below 2^53.
 */

import type { Slot } from './types.ts';

/** Runs told apart by one key; above it (never, with at most 1,000 providers) a plain sort is used. */
const RUN_LIMIT = 1024;

/**
 * Appends `items` to `out` in start order. `runStarts[i]` is where run `i` begins in `items`
 * (ascending; each run ends where the next begins, the last at `items.length`), and each run is
 * already sorted by start, without repeats.
 * @example mergeRuns([a@10, b@30, c@20], [0, 2], out) appends a@10, c@20, b@30
 */
export function mergeRuns(items: readonly Slot[], runStarts: readonly number[], out: Slot[]): void {
  if (items.length === 0) return;
  if (runStarts.length > RUN_LIMIT) {
    for (const item of [...items].sort((a, b) => a.start - b.start)) out.push(item);
    return;
  }
  let earliest = Number.POSITIVE_INFINITY;
  for (const item of items) if (item.start < earliest) earliest = item.start;
  const keys = new Float64Array(items.length);
  let run = 0;
  for (let index = 0; index < items.length; index++) {
    while (run + 1 < runStarts.length && runStarts[run + 1]! <= index) run++;
    keys[index] = (items[index]!.start - earliest) * RUN_LIMIT + run;
  }
  keys.sort();
  const cursors = Int32Array.from(runStarts);
  for (const key of keys) {
    const owner = key % RUN_LIMIT;
    out.push(items[cursors[owner]!]!);
    cursors[owner] = cursors[owner]! + 1;
  }
}
