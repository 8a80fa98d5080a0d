/**
 * Sorted numeric arrays and half-open intervals `[start, end)` in epoch ms: the engine's overlap
 * checks are binary searches, never scans, so a 200,000-entry busy list costs ~18 steps a slot.
 */

/** A half-open stretch of real time in epoch ms. */
export interface Interval {
  start: number;
  end: number;
}

/** Disjoint, sorted, non-touching intervals as two parallel arrays. */
export interface IntervalSet {
  starts: Float64Array;
  ends: Float64Array;
}

/**
 * Index of the first element `>= value` in an ascending array (`length` when none).
 * @example lowerBound([1, 3, 3, 5], 3) === 1
 */
export function lowerBound(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Index of the first element `> value` in an ascending array (`length` when none).
 * @example upperBound([1, 3, 3, 5], 3) === 3
 */
export function upperBound(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Sorts and merges intervals that overlap or touch into a disjoint set.
 * @example mergeIntervals([{start: 5, end: 9}, {start: 1, end: 5}]) → starts [1], ends [9]
 */
export function mergeIntervals(intervals: readonly Interval[]): IntervalSet {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const { start, end } of sorted) {
    const last = ends.length - 1;
    if (last >= 0 && start <= ends[last]!) {
      if (end > ends[last]!) ends[last] = end;
    } else {
      starts.push(start);
      ends.push(end);
    }
  }
  return { starts: Float64Array.from(starts), ends: Float64Array.from(ends) };
}

/**
 * Whether `[start, end)` overlaps any interval of the set (touching is not overlapping).
 * @example overlapsSet({starts: [10], ends: [20]}, 20, 30) === false
 */
export function overlapsSet(set: IntervalSet, start: number, end: number): boolean {
  // The only candidate is the first interval ending after `start`; the set is disjoint and sorted.
  const index = upperBound(set.ends, start);
  return index < set.starts.length && set.starts[index]! < end;
}
