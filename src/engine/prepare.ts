/**
 * Validation and compilation of a rules document, once per document object: the widget queries
 * the same document many times (each month shown, each type picked), so repeated queries cost
 * only the generation itself. Documents are treated as immutable once queried.
 */

import { type CompiledRules, compileRules } from './compile.ts';
import type { Diagnostic } from './types.ts';
import { validateRules } from './validate.ts';

export type PreparedRules = { ok: true; compiled: CompiledRules } | { ok: false; errors: Diagnostic[] };

const prepared = new WeakMap<object, PreparedRules>();

/** The compiled form of a document, or validation's errors when it is refused. */
export function prepareRules(input: unknown): PreparedRules {
  const cacheable = typeof input === 'object' && input !== null;
  if (cacheable) {
    const known = prepared.get(input);
    if (known) return known;
  }
  const validation = validateRules(input);
  const result: PreparedRules = validation.ok
    ? { ok: true, compiled: compileRules(validation.rules) }
    : { ok: false, errors: validation.errors };
  if (cacheable) prepared.set(input, result);
  return result;
}
