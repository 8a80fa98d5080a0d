/**
 * Display texts from FHIR data types: a bounded text, a HumanName list, an Address.
 */
import { IMPORT_LIMITS } from './limits.ts';
import { isRecord } from './read-input.ts';

/** A non-blank text, cut to the import's longest text. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== ''
    ? value.slice(0, IMPORT_LIMITS.maxTextLength)
    : undefined;
}

/** A HumanName list as one display name: `text`, else prefix, given and family names. */
export function personName(names: unknown): string | undefined {
  if (!Array.isArray(names)) return undefined;
  const name = names.find(isRecord);
  if (!name) return undefined;
  if (text(name.text)) return text(name.text);
  const words = (value: unknown) =>
    Array.isArray(value) ? value.filter((part) => typeof part === 'string') : [];
  const joined = [
    ...words(name.prefix),
    ...words(name.given),
    ...(typeof name.family === 'string' ? [name.family] : []),
  ].join(' ');
  return text(joined);
}

export function addressText(address: unknown): string | undefined {
  if (!isRecord(address)) return undefined;
  if (text(address.text)) return text(address.text);
  const lines = Array.isArray(address.line) ? address.line.filter((line) => typeof line === 'string') : [];
  const parts = [...lines, address.city, address.state, address.postalCode].filter(
    (part) => typeof part === 'string',
  );
  return parts.length > 0 ? parts.join(', ').slice(0, 2000) : undefined;
}
