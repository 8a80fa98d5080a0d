/**
 * Busy entries: opaque stretches of a provider's time (bookings, blocks), never patient data.
 * They are operational data from the clinic's systems: an entry for a provider or type the rules
 * lack is warned about (UNKNOWN_BUSY_REFERENCE), never a reason to refuse the whole document.
 * A document may carry 200,000 of them, so each is read with a handful of property reads and one
 * fast instant parse each for `start` and `end`.
 */

import type { DocumentFacts } from './validate-facts.ts';
import { type ListRef, openEntry } from './validate-read.ts';
import { checkReference } from './validate-references.ts';
import { pointer, type Report } from './validate-report.ts';
import { checkInstantRange } from './validate-spans.ts';
import { ordinal, quote } from './validate-text.ts';

const BUSY_FIELDS: ReadonlySet<string> = new Set([
  'providerId',
  'start',
  'end',
  'appointmentTypeId',
  'seats',
]);

/** Checks every busy entry; providers and types must have been read first (their ids resolve). */
export function checkBusy(report: Report, list: ListRef, facts: DocumentFacts): void {
  for (let index = 0; index < list.length && !report.stopped; index += 1) {
    const scope = openEntry(report, list, index, `Busy entry ${ordinal(index)}`);
    if (scope === undefined) continue;
    scope.warnUnknownFields(BUSY_FIELDS);
    const providerId = scope.string('providerId', true);
    if (providerId !== undefined) {
      const provider = checkReference(
        report,
        facts.providerIds,
        providerId,
        () => pointer(scope.path, 'providerId'),
        () =>
          `${scope.owner} is for provider ${quote(providerId)}, but no provider has that id; it is ignored.`,
        'warning',
      );
      const label = provider === undefined ? undefined : facts.providers.get(provider)?.label;
      if (label !== undefined) scope.owner = `${scope.owner} (${label})`;
    }
    checkInstantRange(scope);
    const typeId = scope.string('appointmentTypeId', false);
    if (typeId !== undefined) {
      checkReference(
        report,
        facts.typeIds,
        typeId,
        () => pointer(scope.path, 'appointmentTypeId'),
        () =>
          `${scope.owner} is for appointment type ${quote(typeId)}, but no appointment type has that id; it counts as plain busy time.`,
        'warning',
      );
    }
    scope.integer('seats', false);
  }
}
