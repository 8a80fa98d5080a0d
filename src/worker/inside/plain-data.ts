/**
 * Checks that a value received by the worker is JSON-like data: what a fetched rules document or
 * a query is. Structured clone also carries Dates, Maps, typed arrays and cycles; the engine reads
 * none of them, so they are refused up front with a clear message instead of odd results.
 */

/** Nesting deeper than this is refused; it also ends the walk of a cyclic value. */
const MAX_DEPTH = 64;
/** Values visited at most: above the largest document `SIZE_LIMITS` can allow. */
const MAX_NODES = 20_000_000;

/** `null` when the value is plain data, else a sentence saying what is wrong and where. */
export function describeNonPlainData(value: unknown): string | null {
  const budget = { nodes: 0 };
  return walk(value, '', 0, budget);
}

function walk(value: unknown, path: string, depth: number, budget: { nodes: number }): string | null {
  budget.nodes++;
  if (budget.nodes > MAX_NODES) return `it holds more than ${MAX_NODES} values`;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return null;
  if (typeof value === 'number')
    return Number.isFinite(value) ? null : `${path || '/'} is not a finite number`;
  if (typeof value !== 'object') return `${path || '/'} is a ${typeof value}`;
  if (depth >= MAX_DEPTH) return `${path || '/'} is nested deeper than ${MAX_DEPTH} levels (or is cyclic)`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = walk(value[i], `${path}/${i}`, depth + 1, budget);
      if (problem !== null) return problem;
    }
    return null;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return `${path || '/'} is not a plain object`;
  for (const key of Object.keys(value)) {
    const problem = walk((value as Record<string, unknown>)[key], `${path}/${key}`, depth + 1, budget);
    if (problem !== null) return problem;
  }
  return null;
}
