/**
 * Ids and references: ids unique within their list, references that resolve. A reference into a
 * list that could not be read at all (registry `null`) is not checked, so one broken list does not
 * bury the real problems under hundreds of unresolved references.
 */

import type { IdRegistry } from './validate-facts.ts';
import { type ListRef, openEntry, type Scope } from './validate-read.ts';
import { pointer, type Report } from './validate-report.ts';
import { ordinal, quote } from './validate-text.ts';

/**
 * Checks each entry of a list whose entries carry ids (locations, providers, types) with
 * `checkEntry`, which returns the entry's usable id, and registers the ids.
 * @param title the entries in words, e.g. `Provider`; messages name an entry `Provider #3` until
 *   its id or name is known
 * @returns the ids by entry index, or `null` when some entry had no usable id: an unresolved
 *   reference may then mean that entry, so references into the list are not checked
 */
export function checkEntriesWithIds(
  report: Report,
  list: ListRef,
  title: string,
  checkEntry: (scope: Scope, index: number) => string | undefined,
): Map<string, number> | null {
  const ids = new Map<string, number>();
  let complete = true;
  for (let index = 0; index < list.length && !report.stopped; index += 1) {
    const scope = openEntry(report, list, index, `${title} ${ordinal(index)}`);
    const id = scope === undefined ? undefined : checkEntry(scope, index);
    if (scope === undefined || id === undefined) complete = false;
    else registerId(report, ids, id, index, pointer(scope.path, 'id'), title.toLowerCase());
  }
  return complete ? ids : null;
}

/**
 * Records `id` as the id of entry `index`; a second use is DUPLICATE_ID at the later entry's id.
 * @param what the list's entries in words, e.g. `provider`
 */
function registerId(
  report: Report,
  registry: Map<string, number>,
  id: string,
  index: number,
  path: string,
  what: string,
): void {
  const first = registry.get(id);
  if (first === undefined) {
    registry.set(id, index);
    return;
  }
  report.error(
    'DUPLICATE_ID',
    path,
    `The ${what} id ${quote(id)} is used twice (by ${what}s ${ordinal(first)} and ${ordinal(index)}); ids must be unique.`,
  );
}

/**
 * The index of the entry `id` names; an unresolved id is reported as UNKNOWN_REFERENCE (or, for
 * busy time, warned about as UNKNOWN_BUSY_REFERENCE). Path and
 * message are built only then: a busy list holds up to 200,000 references that almost all resolve.
 */
export function checkReference(
  report: Report,
  registry: IdRegistry,
  id: string,
  path: () => string,
  message: () => string,
  severity: 'error' | 'warning' = 'error',
): number | undefined {
  if (registry === null) return undefined;
  const index = registry.get(id);
  if (index !== undefined) return index;
  if (severity === 'error') report.error('UNKNOWN_REFERENCE', path(), message());
  else report.warn('UNKNOWN_BUSY_REFERENCE', path(), message());
  return undefined;
}
