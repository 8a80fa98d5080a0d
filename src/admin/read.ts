/**
 * Safe reads of a draft that may be any JSON (the raw tab accepts anything that parses): the form
 * shows what is there and leaves judging it to validation.
 */

export type Loose = Record<string, unknown>;

export function asRecord(value: unknown): Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : {};
}

export function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A field's value as input text (`''` when missing). */
export function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Whether the form editor can show the draft: an object with provider and type lists of objects. */
export function isEditable(draft: unknown): boolean {
  const doc = asRecord(draft);
  const objects = (list: unknown) =>
    Array.isArray(list) &&
    list.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item));
  return (
    objects(doc.providers) &&
    objects(doc.appointmentTypes) &&
    (doc.closures === undefined || objects(doc.closures))
  );
}

/** A provider's or type's display name, with its position as fallback. */
export function labelOf(item: unknown, fallback: string): string {
  const name = asRecord(item).name;
  return typeof name === 'string' && name.trim() !== '' ? name : fallback;
}
