/**
 * Located problems and counted skips of an import: every one names the resource (`Type/id`, or
 * `line N` of NDJSON, or `mapping`) and the field, so an admin can find it in the EHR's export.
 */
import { IMPORT_LIMITS } from './limits.ts';

export type ProblemCode =
  | 'INVALID_TIME'
  | 'MISSING_TIME'
  | 'END_BEFORE_START'
  | 'INVALID_DAY'
  | 'NO_DAYS'
  | 'DUPLICATE_DAY'
  | 'INVALID_PERIOD'
  | 'PERIOD_CLAMPED'
  | 'UNMAPPED_NOT_AVAILABLE'
  | 'INVALID_INSTANT'
  | 'INVALID_TIMEZONE'
  | 'NO_HOURS'
  | 'MISSING_NAME'
  | 'UNKNOWN_REFERENCE'
  | 'UNMAPPED_SERVICE_TYPE'
  | 'TYPE_WITHOUT_PROVIDERS'
  | 'SLOT_CROSSES_MIDNIGHT'
  | 'TOO_MANY_ENTRIES'
  | 'INVALID_NDJSON_LINE'
  | 'INVALID_RESOURCE'
  | 'PROBLEMS_LEFT_OUT';

export interface Problem {
  code: ProblemCode;
  /** `error`: something in the input was not imported; `warning`: imported with a stated meaning. */
  severity: 'error' | 'warning';
  /** `PractitionerRole/pr1`, `line 12`, or `mapping`. */
  resource: string;
  /** The field inside it: `availableTime[0].availableEndTime`, or a JSON Pointer in the mapping. */
  field: string;
  message: string;
}

export type SkipReason =
  | 'unsupported-type'
  | 'broken-line'
  | 'entry-without-resource'
  | 'search-outcome'
  | 'role-not-mapped'
  | 'free-slot'
  | 'not-busy-status'
  | 'ended-before-now'
  | 'beyond-horizon'
  | 'unknown-reference'
  | 'invalid'
  | 'duplicate';

export interface Skip {
  reason: SkipReason;
  count: number;
  /** Up to ten resources (`Slot/s1`) or, for `unsupported-type`, resource types: never a patient's id. */
  examples: string[];
}

/** Collects problems and skips, each list bounded. */
export class Findings {
  readonly problems: Problem[] = [];
  private leftOut = 0;
  private readonly skips = new Map<SkipReason, Skip>();

  problem(
    code: ProblemCode,
    severity: Problem['severity'],
    resource: string,
    field: string,
    message: string,
  ): void {
    if (this.problems.length < IMPORT_LIMITS.maxProblems) {
      this.problems.push({ code, severity, resource, field, message });
    } else this.leftOut++;
  }

  error(code: ProblemCode, resource: string, field: string, message: string): void {
    this.problem(code, 'error', resource, field, message);
  }

  warning(code: ProblemCode, resource: string, field: string, message: string): void {
    this.problem(code, 'warning', resource, field, message);
  }

  skip(reason: SkipReason, example: string): void {
    const known = this.skips.get(reason) ?? { reason, count: 0, examples: [] };
    known.count++;
    if (known.examples.length < IMPORT_LIMITS.maxSkipExamples && !known.examples.includes(example)) {
      known.examples.push(example);
    }
    this.skips.set(reason, known);
  }

  /** The problems, closed by one `PROBLEMS_LEFT_OUT` when the list was cut. */
  listProblems(): Problem[] {
    if (this.leftOut === 0) return [...this.problems];
    return [
      ...this.problems,
      {
        code: 'PROBLEMS_LEFT_OUT',
        severity: 'warning',
        resource: '',
        field: '',
        message: `${this.leftOut.toLocaleString('en-US')} more problems were left out; only the first ${IMPORT_LIMITS.maxProblems} are listed.`,
      },
    ];
  }

  listSkips(): Skip[] {
    return [...this.skips.values()];
  }
}
