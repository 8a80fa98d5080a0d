/**
 * Ids for published resources that stay the same across runs: the same slot of the same type
 * and provider gets the same id every time, whatever the rules' ids look like (rules ids may be
 * 500 characters of anything; a FHIR id is at most 64 of `A-Z a-z 0-9 - .`).
 */

/** 32-bit FNV-1a of `text`, from `seed`. */
function fnv1a(text: string, seed: number): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * `prefix-` and 16 hex digits (64 bits from two FNV-1a lanes) of `parts`.
 * @example stableId('slot', ['checkup', 'dr-lee', '1796133600000']) // 'slot-' + 16 hex digits, the same every run
 */
export function stableId(prefix: string, parts: readonly string[]): string {
  const text = parts.join('\u0000');
  const high = fnv1a(text, 0x811c9dc5).toString(16).padStart(8, '0');
  const low = fnv1a(text, 0x050c5d1f).toString(16).padStart(8, '0');
  return `${prefix}-${high}${low}`;
}
