import { describe, expect, it } from 'vitest';
import {
  closingLine,
  combined,
  disconnectedFile,
  lostAsFailed,
  type RunResults,
  worthRunningAgain,
} from './ci-results.ts';

/** The unhandled error Vitest reports when Chromium closes a test page's connection (serialized). */
function lostConnection(file: string) {
  return {
    name: 'Error',
    message: `Failed to run the test ${file}.`,
    cause: {
      name: 'Error',
      message:
        '[vitest] Browser connection was closed while running tests. Was the page closed unexpectedly?',
      cause: { message: '[birpc] rpc is closed, cannot call "createTesters"' },
    },
  };
}

function results(overrides: Partial<RunResults>): RunResults {
  return { passed: 10, failed: 0, skipped: 1, disconnected: [], browserProjects: ['browser'], ...overrides };
}

describe('the CI results', () => {
  it('names the file whose browser page lost its connection, and nothing for any other error', () => {
    expect(disconnectedFile(lostConnection('/repo/test/widget/browser-zone.browser.test.tsx'))).toBe(
      '/repo/test/widget/browser-zone.browser.test.tsx',
    );
    const error = new Error('Failed to run the test /repo/a.browser.test.ts.', {
      cause: new Error(
        '[vitest] Browser connection was closed while running tests. Was the page closed unexpectedly?',
      ),
    });
    expect(disconnectedFile(error)).toBe('/repo/a.browser.test.ts');
    expect(disconnectedFile(new Error('Failed to run the test /repo/a.browser.test.ts.'))).toBeNull();
    expect(
      disconnectedFile({
        message: 'Failed to run the test /repo/a.browser.test.ts.',
        cause: { message: 'ENOENT' },
      }),
    ).toBeNull();
    expect(
      disconnectedFile({
        message: 'expected 1 to be 2',
        cause: { message: 'Browser connection was closed while running tests' },
      }),
    ).toBeNull();
    expect(disconnectedFile('Browser connection was closed while running tests')).toBeNull();
    expect(disconnectedFile(null)).toBeNull();
    expect(disconnectedFile(undefined)).toBeNull();
  });

  it('runs again only when lost connections, and at most three, are all that failed', () => {
    expect(worthRunningAgain(results({ disconnected: ['/repo/a.browser.test.ts'] }))).toBe(true);
    expect(worthRunningAgain(results({ disconnected: ['/a', '/b', '/c'] }))).toBe(true);
    expect(worthRunningAgain(results({ disconnected: ['/a', '/b', '/c', '/d'] }))).toBe(false);
    expect(worthRunningAgain(results({ failed: 1, disconnected: ['/repo/a.browser.test.ts'] }))).toBe(false);
    expect(worthRunningAgain(results({}))).toBe(false);
  });

  it('counts each lost file as one failure when it is not run again', () => {
    expect(lostAsFailed(results({ disconnected: ['/a', '/b', '/c', '/d'] }))).toEqual({
      passed: 10,
      failed: 4,
      skipped: 1,
    });
    expect(lostAsFailed(results({ failed: 2, disconnected: ['/a'] }))).toEqual({
      passed: 10,
      failed: 3,
      skipped: 1,
    });
  });

  it('adds the second run to the first, and prints the line CI reads', () => {
    const total = combined({ passed: 2704, failed: 0, skipped: 1 }, { passed: 1, failed: 0, skipped: 0 });
    expect(total).toEqual({ passed: 2705, failed: 0, skipped: 1 });
    expect(closingLine(total)).toBe('2705 passed, 0 failed, 1 skipped');
    expect(closingLine(combined(total, { passed: 0, failed: 1, skipped: 0 }))).toBe(
      '2705 passed, 1 failed, 1 skipped',
    );
  });
});
