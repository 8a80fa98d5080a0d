/**
 * An appointment type's `changePolicy`: the cut-off before the visit after which patients can no
 * longer change a booking online, whether they may cancel or reschedule online at all, and the
 * clinic's policy text. It changes neither which slots exist nor which bookings the server
 * accepts, so it needs no `requires` feature (docs/rules-format.md says why).
 */

import { SIZE_LIMITS } from './limits.ts';
import type { Scope } from './validate-read.ts';
import { pointer } from './validate-report.ts';
import { formatCount } from './validate-text.ts';

const POLICY_FIELDS: ReadonlySet<string> = new Set([
  'cutoffMinutes',
  'cancelOnline',
  'rescheduleOnline',
  'text',
]);
const MINUTES_PER_DAY = 1440;

/**
 * Checks `type.changePolicy`; `maxAdvanceDays` is the type's booking window, when it has one.
 * A cut-off at least as long as the window (`maxAdvanceDays + 1` days) leaves no booking that can
 * ever be changed online: a warning, `CUTOFF_EXCEEDS_WINDOW`.
 */
export function checkChangePolicy(type: Scope, maxAdvanceDays: number | undefined): void {
  const policy = type.object('changePolicy', false, `${type.owner}'s change policy`);
  if (policy === undefined) return;
  policy.warnUnknownFields(POLICY_FIELDS);
  const cutoff = policy.integer('cutoffMinutes', false);
  policy.boolean('cancelOnline');
  policy.boolean('rescheduleOnline');
  policy.string('text', false, SIZE_LIMITS.longTextLength);
  if (cutoff === undefined || maxAdvanceDays === undefined) return;
  if (cutoff < (maxAdvanceDays + 1) * MINUTES_PER_DAY) return;
  policy.report.warn(
    'CUTOFF_EXCEEDS_WINDOW',
    pointer(policy.path, 'cutoffMinutes'),
    `${type.owner} stops online changes ${formatCount(cutoff)} minutes before the visit but can be booked at most ${formatCount(maxAdvanceDays)} ${maxAdvanceDays === 1 ? 'day' : 'days'} ahead, so no booking of it can ever be changed online.`,
  );
}
