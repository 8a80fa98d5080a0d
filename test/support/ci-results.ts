/**
 * The counts behind CI's closing line (`N passed, N failed, N skipped`), and the one fault of the
 * test machinery that `npm test` runs again instead of counting: Chromium closing a test page's
 * connection to Vitest mid-file (every websocket of the page at once, a fault of Chromium and
 * Vitest's browser mode seen in other projects too: vitest-dev/vitest#10791). Vitest reports it
 * as an unhandled error, "Failed to run the test FILE.", caused by "Browser connection was closed
 * while running tests"; the file's tests then never ran. Any other failure, and an assertion that
 * fails on the second run, counts as a failure.
 */

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** What one `vitest run` leaves for the script that started it (scripts/test.ts). */
export interface RunResults extends Counts {
  /** Files whose browser page lost its connection; their tests are not in the counts. */
  disconnected: string[];
  /** The names of the browser projects, to run those files again in (and only in) them. */
  browserProjects: string[];
}

const FAILED_TO_RUN = /^Failed to run the test (.+)\.$/;
const CONNECTION_CLOSED = 'Browser connection was closed while running tests';

/** The file a browser page's lost connection stopped, or null for any other error. */
export function disconnectedFile(error: unknown): string | null {
  if (!(error instanceof Object)) return null;
  const { message, cause } = error as { message?: unknown; cause?: { message?: unknown } };
  const file = typeof message === 'string' ? FAILED_TO_RUN.exec(message)?.[1] : undefined;
  const causeMessage = typeof cause?.message === 'string' ? cause.message : '';
  return file !== undefined && causeMessage.includes(CONNECTION_CLOSED) ? file : null;
}

/** A run's counts with each lost file as one failure: a run that is not tried again. */
export function lostAsFailed({ passed, failed, skipped, disconnected }: RunResults): Counts {
  return { passed, failed: failed + disconnected.length, skipped };
}

/** The closing line CI reads. */
export function closingLine({ passed, failed, skipped }: Counts): string {
  return `${passed} passed, ${failed} failed, ${skipped} skipped`;
}

/**
 * Whether a run's only failures are lost browser connections, few enough to be the fault above
 * rather than a browser that cannot run the suite at all.
 */
export function worthRunningAgain(results: RunResults, most = 3): boolean {
  return results.failed === 0 && results.disconnected.length > 0 && results.disconnected.length <= most;
}

/** The first run's counts with the second run's, which ran exactly the files the first lost. */
export function combined(first: Counts, again: Counts): Counts {
  return {
    passed: first.passed + again.passed,
    failed: first.failed + again.failed,
    skipped: first.skipped + again.skipped,
  };
}
