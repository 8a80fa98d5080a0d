/**
 * The clinic's change policy on the server: a patient's cancel or reschedule is refused when the
 * booking's type takes no such change online (403 CHANGES_NOT_ONLINE) or when its cut-off has
 * passed on the server's clock (409 CHANGE_CUTOFF_PASSED). The policy is the current rules' one,
 * the same the manage view shows.
 */
import { type ChangeKind, changeRefusal, type RulesDocument } from '../../src/engine/index.ts';
import { HttpError } from '../errors.ts';
import type { StoredBooking } from '../store/bookings.ts';

const VERB: Record<ChangeKind, string> = { cancel: 'cancelled', reschedule: 'rescheduled' };

/** Throws the refusal for `kind` of `booking` at `now`, if the policy refuses it. */
export function ensureChangeAllowed(
  rules: RulesDocument,
  booking: StoredBooking,
  kind: ChangeKind,
  now: number,
): void {
  const type = rules.appointmentTypes.find((known) => known.id === booking.appointmentTypeId);
  if (!type) return;
  const refusal = changeRefusal(type, kind, booking.start, now);
  if (!refusal) return;
  if (refusal.code === 'CHANGES_NOT_ONLINE') {
    throw new HttpError(403, {
      code: 'CHANGES_NOT_ONLINE',
      message: `This appointment cannot be ${VERB[kind]} online; please call the clinic.`,
      cutoffMinutes: refusal.cutoffMinutes,
    });
  }
  throw new HttpError(409, {
    code: 'CHANGE_CUTOFF_PASSED',
    message: `This appointment can no longer be ${VERB[kind]} online: changes close ${describeCutoff(refusal.cutoffMinutes)} before the visit. Please call the clinic.`,
    cutoffMinutes: refusal.cutoffMinutes,
  });
}

function describeCutoff(minutes: number): string {
  if (minutes % 1440 === 0) return plural(minutes / 1440, 'day');
  if (minutes % 60 === 0) return plural(minutes / 60, 'hour');
  return plural(minutes, 'minute');
}

function plural(count: number, unit: string): string {
  return `${count.toLocaleString('en-US')} ${unit}${count === 1 ? '' : 's'}`;
}
