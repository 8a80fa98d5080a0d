/**
 * What changed in one field of the appointment types between two documents, for the fields the
 * slot diff cannot show (a change policy, the intake questions: they change no slot).
 */
import { asList, asRecord, asText, labelOf } from './read.ts';

export interface TypeChange {
  typeId: string;
  typeName: string;
  /** The JSON Pointer of the field in the newer document. */
  path: string;
  before: string;
  after: string;
}

/**
 * The types present in both documents whose `field` differs, each side in words by `summary`
 * (given `undefined` when the type has no such field).
 */
export function typeFieldChanges(
  before: unknown,
  after: unknown,
  field: string,
  summary: (value: unknown) => string,
): TypeChange[] {
  const older = new Map<string, unknown>();
  for (const type of asList(asRecord(before).appointmentTypes)) {
    const id = asText(asRecord(type).id);
    if (id) older.set(id, asRecord(type)[field]);
  }
  const changes: TypeChange[] = [];
  asList(asRecord(after).appointmentTypes).forEach((type, index) => {
    const id = asText(asRecord(type).id);
    if (!older.has(id)) return;
    const was = older.get(id);
    const now = asRecord(type)[field];
    if (JSON.stringify(was ?? null) === JSON.stringify(now ?? null)) return;
    changes.push({
      typeId: id,
      typeName: labelOf(type, id),
      path: `/appointmentTypes/${index}/${field}`,
      before: summary(was),
      after: summary(now),
    });
  });
  return changes;
}
