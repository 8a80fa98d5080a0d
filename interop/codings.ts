/**
 * Service types as codings, from R4 `CodeableConcept` lists and R5 `CodeableReference` lists,
 * and the mapping's way of naming one: `"57"` (any system) or `"system|code"`.
 */
import { isRecord } from './read-input.ts';

export interface Coding {
  system: string;
  code: string;
}

/** The codings of a list of CodeableConcepts (R4) or CodeableReferences (R5, `concept`). */
export function codingsOf(list: unknown): Coding[] {
  if (!Array.isArray(list)) return [];
  const codings: Coding[] = [];
  for (const item of list.slice(0, 50)) {
    const concept = isRecord(item) && isRecord(item.concept) ? item.concept : item;
    if (!isRecord(concept) || !Array.isArray(concept.coding)) continue;
    for (const coding of concept.coding.slice(0, 50)) {
      if (isRecord(coding) && typeof coding.code === 'string') {
        codings.push({ system: typeof coding.system === 'string' ? coding.system : '', code: coding.code });
      }
    }
  }
  return codings;
}

/**
 * Whether a mapping's service type names one of `codings`.
 * @example matchesServiceType('57', [{ system: 'http://terminology.hl7.org/CodeSystem/service-type', code: '57' }]) // true
 * @example matchesServiceType('http://other|57', [{ system: 'http://terminology.hl7.org/CodeSystem/service-type', code: '57' }]) // false
 */
export function matchesServiceType(wanted: string, codings: readonly Coding[]): boolean {
  const bar = wanted.lastIndexOf('|');
  const system = bar === -1 ? null : wanted.slice(0, bar);
  const code = bar === -1 ? wanted : wanted.slice(bar + 1);
  return codings.some((coding) => coding.code === code && (system === null || coding.system === system));
}
