/**
 * The admin page's side of a type's `changePolicy`: edits of a draft, the sentence patients will
 * read (the editor's preview of it), and what changed between two documents (the rules' slot diff
 * cannot show it: a policy changes no slot).
 */
import type { ChangePolicy } from '../engine/types.ts';
import { getAt, updateAt } from './pointer.ts';
import { asRecord } from './read.ts';
import { type TypeChange, typeFieldChanges } from './type-changes.ts';

type Draft = unknown;
export type PolicyField = keyof ChangePolicy;

/**
 * Sets one field of type `type`'s policy: `undefined` (an empty input) removes it, and a policy
 * left empty is removed whole. The cut-off is written as a number when it reads as one, else as
 * typed, so validation names the problem.
 */
export function setPolicyField(
  draft: Draft,
  type: number,
  field: PolicyField,
  value: string | boolean | undefined,
): Draft {
  return updateAt(draft, ['appointmentTypes', type, 'changePolicy'], (policy) => {
    const next = { ...asRecord(policy) };
    let written: unknown = value;
    if (field === 'cutoffMinutes' && typeof value === 'string') {
      const trimmed = value.trim();
      written = trimmed === '' ? undefined : Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed;
    }
    if (field === 'text' && value === '') written = undefined;
    if (written === undefined) delete next[field];
    else next[field] = written;
    return Object.keys(next).length === 0 ? undefined : next;
  });
}

/** Whether a switch is on: a policy's switches default to `true`. */
export function switchOn(policy: unknown, field: 'cancelOnline' | 'rescheduleOnline'): boolean {
  return asRecord(policy)[field] !== false;
}

function length(minutes: number): string {
  const [count, unit] =
    minutes > 0 && minutes % 1440 === 0
      ? [minutes / 1440, 'day']
      : minutes > 0 && minutes % 60 === 0
        ? [minutes / 60, 'hour']
        : [minutes, 'minute'];
  return `${count.toLocaleString('en-US')} ${unit}${count === 1 ? '' : 's'}`;
}

/** What patients are told about changing a booking of this type (English), or `null` without a policy. */
export function describePolicy(policy: unknown): string | null {
  if (policy === undefined) return null;
  const record = asRecord(policy);
  const cutoff = typeof record.cutoffMinutes === 'number' ? record.cutoffMinutes : 0;
  const until = cutoff > 0 ? `until ${length(cutoff)} before the visit` : 'until the visit starts';
  const cancel = switchOn(policy, 'cancelOnline');
  const reschedule = switchOn(policy, 'rescheduleOnline');
  if (cancel && reschedule) return `Patients can reschedule or cancel online ${until}.`;
  if (cancel) return `Patients can cancel online ${until}; to reschedule, they call the clinic.`;
  if (reschedule) return `Patients can reschedule online ${until}; to cancel, they call the clinic.`;
  return 'Patients cannot reschedule or cancel online; they call the clinic.';
}

export type PolicyChange = TypeChange;

/** The types whose change policy differs between `before` and `after` (types present in both). */
export function policyChanges(before: unknown, after: unknown): PolicyChange[] {
  return typeFieldChanges(before, after, 'changePolicy', summary);
}

function summary(policy: unknown): string {
  const described =
    describePolicy(policy) ?? 'No policy: patients can change a booking online until it starts.';
  const text = asRecord(policy).text;
  return typeof text === 'string' && text.trim() !== '' ? `${described} Text: “${text.trim()}”` : described;
}

/** The policy of type `type` in a draft. */
export function policyOf(draft: Draft, type: number): unknown {
  return getAt(draft, ['appointmentTypes', type, 'changePolicy']);
}
