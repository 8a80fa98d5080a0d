/**
 * Content hashes for rules documents and cache keys. A document is hashed from its JSON text, so
 * two equal documents fetched twice share a hash (and a cache entry, and a circuit breaker). Each
 * document object is hashed once: documents are treated as immutable once queried, as the
 * engine's own per-document cache treats them (src/engine/prepare.ts).
 */

/** Thrown text for values that cannot travel to the worker as JSON-like data. */
export class NotPlainDataError extends Error {
  constructor(what: string, cause: unknown) {
    super(`${what} is not plain JSON data (${cause instanceof Error ? cause.message : String(cause)}).`);
    this.name = 'NotPlainDataError';
  }
}

/** The hash of each document object already hashed. */
const hashed = new WeakMap<object, string>();

/**
 * Hashes a value's JSON text with two 32-bit FNV-1a lanes (different offsets) plus the length:
 * not cryptographic, only a cheap identity for caching and counting kills. An object is hashed
 * once; later calls with the same object answer from memory.
 * @throws NotPlainDataError for cycles and BigInt values.
 */
export function hashRules(rules: unknown): string {
  const cacheable = typeof rules === 'object' && rules !== null;
  const known = cacheable ? hashed.get(rules) : undefined;
  if (known !== undefined) return known;
  const hash = hashOfJson(rules);
  if (cacheable) hashed.set(rules, hash);
  return hash;
}

function hashOfJson(rules: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(rules);
  } catch (cause) {
    throw new NotPlainDataError('The rules document', cause);
  }
  return hashText(text ?? 'undefined');
}

/** FNV-1a over UTF-16 code units, two lanes, as 16 hex digits and the text length. */
export function hashText(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 13);
  }
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  return `${hex(a)}${hex(b)}-${text.length.toString(36)}`;
}

/**
 * JSON text with object keys sorted, so `{ from, to }` and `{ to, from }` give one cache key.
 * Meant for small values (queries, options); the depth is bounded.
 * @throws NotPlainDataError for cycles, BigInt values or nesting deeper than 32.
 */
export function stableKey(value: unknown): string {
  try {
    return JSON.stringify(sortKeys(value, 0)) ?? 'undefined';
  } catch (cause) {
    throw new NotPlainDataError('The query', cause);
  }
}

function sortKeys(value: unknown, depth: number): unknown {
  if (depth > 32) throw new Error('nested deeper than 32 levels');
  if (Array.isArray(value)) return value.map((item) => sortKeys(item, depth + 1));
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    sorted[key] = sortKeys((value as Record<string, unknown>)[key], depth + 1);
  }
  return sorted;
}
