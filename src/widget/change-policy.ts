/**
 * What the widget tells a patient about changing a booking: its type's `changePolicy`, read
 * defensively (a preview's draft may be malformed), and, on the patient's clock, which changes
 * are still open. Display only: the clinic's server decides on its own clock (the same rule as
 * the engine's `changeRefusal`: a change is open while `now + cutoffMinutes` is not after the start).
 */
import type { AppointmentType } from '../engine/types.ts';

export interface PolicyView {
  cutoffMinutes: number;
  cancelOnline: boolean;
  rescheduleOnline: boolean;
  /** The clinic's own text, or `''`. */
  text: string;
}

/** The type's policy with its defaults, or `null` when the type has none. */
export function readPolicy(type: AppointmentType | undefined): PolicyView | null {
  const policy: unknown = type?.changePolicy;
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) return null;
  const { cutoffMinutes, cancelOnline, rescheduleOnline, text } = policy as Record<string, unknown>;
  return {
    cutoffMinutes:
      typeof cutoffMinutes === 'number' && Number.isInteger(cutoffMinutes) && cutoffMinutes > 0
        ? cutoffMinutes
        : 0,
    cancelOnline: cancelOnline !== false,
    rescheduleOnline: rescheduleOnline !== false,
    text: typeof text === 'string' ? text.trim() : '',
  };
}

/** The last instant a booking starting at `start` can be changed online. */
export function changeDeadline(policy: PolicyView, start: number): number {
  return start - policy.cutoffMinutes * 60_000;
}

/**
 * Which changes are open at `now`: the clinic takes them online, the cut-off has not passed and
 * the visit has not started. `closed` is true when the cut-off alone keeps them shut, so the
 * manage view says why.
 */
export function openChanges(
  policy: PolicyView | null,
  start: number,
  now: number,
): { cancel: boolean; reschedule: boolean; closed: boolean } {
  const inTime = now < start && (policy === null || now <= changeDeadline(policy, start));
  const cancelOnline = policy?.cancelOnline ?? true;
  const rescheduleOnline = policy?.rescheduleOnline ?? true;
  return {
    cancel: cancelOnline && inTime,
    reschedule: rescheduleOnline && inTime,
    closed: !inTime && now < start && (cancelOnline || rescheduleOnline),
  };
}
