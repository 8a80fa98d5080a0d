/**
 * Whether a patient may still change a booking online under its type's `changePolicy`. The clock
 * rule is `checkSlot`'s for `minNoticeMinutes`: a change is allowed while `now + cutoffMinutes`
 * is not after the visit's start. The caller passes its own clock (a server passes its own,
 * never a browser's).
 */
import type { AppointmentType } from './types.ts';

export type ChangeKind = 'cancel' | 'reschedule';

/** Why a change is refused: the clinic takes no such change online, or its cut-off has passed. */
export interface ChangeRefusal {
  code: 'CHANGES_NOT_ONLINE' | 'CHANGE_CUTOFF_PASSED';
  /** The type's cut-off, in minutes before the visit (0 when it has none). */
  cutoffMinutes: number;
}

/**
 * `null` when the change is allowed, else why not. A type without a policy allows both changes
 * until the visit starts.
 * @example
 * // cut-off 1,440 minutes, visit at 2026-12-02T14:00Z
 * changeRefusal(type, 'cancel', visitStart, Date.parse('2026-12-01T14:00Z')) // null: exactly 24 h before
 * changeRefusal(type, 'cancel', visitStart, Date.parse('2026-12-01T14:01Z')) // CHANGE_CUTOFF_PASSED
 */
export function changeRefusal(
  type: Pick<AppointmentType, 'changePolicy'>,
  kind: ChangeKind,
  start: number,
  now: number,
): ChangeRefusal | null {
  const policy = type.changePolicy;
  const cutoffMinutes = policy?.cutoffMinutes ?? 0;
  const online = kind === 'cancel' ? policy?.cancelOnline : policy?.rescheduleOnline;
  if (online === false) return { code: 'CHANGES_NOT_ONLINE', cutoffMinutes };
  if (now + cutoffMinutes * 60_000 > start) return { code: 'CHANGE_CUTOFF_PASSED', cutoffMinutes };
  return null;
}
