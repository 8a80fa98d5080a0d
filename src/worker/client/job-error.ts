/**
 * Why a slot job did not produce a result. Its own module so that code which only names the error
 * (the job, the watchdog, the widget's test fakes) does not load the client that owns the worker.
 */
import type { Diagnostic } from '../../engine/types.ts';

export type JobErrorCode =
  | 'TIMEOUT'
  | 'WORKER_CRASHED'
  | 'RULES_UNCOMPUTABLE'
  | 'ABORTED'
  | 'INVALID_RULES'
  | 'INVALID_QUERY'
  | 'PROTOCOL'
  | 'DISPOSED';

/** Why a job did not produce a result. `diagnostics` holds the engine's findings for INVALID_*. */
export class JobError extends Error {
  readonly code: JobErrorCode;
  readonly diagnostics: Diagnostic[];

  constructor(code: JobErrorCode, message: string, diagnostics: Diagnostic[] = []) {
    super(message);
    this.name = 'JobError';
    this.code = code;
    this.diagnostics = diagnostics;
  }
}
