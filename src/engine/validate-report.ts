/**
 * The collector of one validation run: errors and warnings as `{ code, path, message }`, capped so
 * that a document with 200,000 bad entries is answered after a few hundred diagnostics instead of
 * building (and shipping to the page) a list of 200,000 messages.
 */

import { VALIDATION_LIMITS } from './limits.ts';
import type { Diagnostic, RulesErrorCode, WarningCode } from './types.ts';
import { formatCount } from './validate-text.ts';

/** A JSON Pointer (RFC 6901) to `key` inside the value at `base`: `~` → `~0`, `/` → `~1`. */
export function pointer(base: string, key: string | number): string {
  const token = typeof key === 'number' ? String(key) : key.replace(/~/g, '~0').replace(/\//g, '~1');
  return `${base}/${token}`;
}

export class Report {
  readonly errors: Diagnostic[] = [];
  readonly warnings: Diagnostic[] = [];
  /** Set once the error cap is reached: every walker checks it and stops early. */
  stopped = false;
  private omittedWarnings = 0;
  private firstOmittedWarning: WarningCode | null = null;

  error(code: RulesErrorCode, path: string, message: string): void {
    if (this.stopped) return;
    if (this.errors.length >= VALIDATION_LIMITS.maxErrors) {
      this.stopped = true;
      this.errors.push({
        code: 'INVALID_DOCUMENT',
        path: '',
        message: `Validation stopped after ${formatCount(VALIDATION_LIMITS.maxErrors)} errors; fix these and validate again to see the rest.`,
      });
      return;
    }
    this.errors.push({ code, path, message });
  }

  warn(code: WarningCode, path: string, message: string): void {
    if (this.warnings.length < VALIDATION_LIMITS.maxWarnings) {
      this.warnings.push({ code, path, message });
      return;
    }
    this.omittedWarnings += 1;
    this.firstOmittedWarning ??= code;
  }

  /** The warnings, with one closing note when some were left out. */
  finalWarnings(): Diagnostic[] {
    if (this.firstOmittedWarning === null) return this.warnings;
    const count = this.omittedWarnings;
    const note: Diagnostic = {
      code: this.firstOmittedWarning,
      path: '',
      message: `${formatCount(count)} more ${count === 1 ? 'warning was' : 'warnings were'} left out; only the first ${formatCount(VALIDATION_LIMITS.maxWarnings)} are listed.`,
    };
    return [...this.warnings, note];
  }
}
