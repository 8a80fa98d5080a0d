import { writeFileSync } from 'node:fs';
import type { Reporter, TestModule, Vitest } from 'vitest/node';
import { closingLine, disconnectedFile, lostAsFailed, type RunResults } from './ci-results.ts';

/**
 * CI reads one plain closing line, `N passed, N failed`, rather than Vitest's own summary.
 * Counts test cases across every project; a module that failed to load counts as one failure,
 * so a broken import can never look like a green run.
 *
 * Started by scripts/test.ts (`CI_RESULTS_FILE` set), it writes the counts to that file instead,
 * leaving out the files whose browser page lost its connection (test/support/ci-results.ts), and
 * the script prints the line once it has run those files again.
 */
export default class CiReporter implements Reporter {
  private browserProjects: string[] = [];

  onInit(vitest: Vitest): void {
    this.browserProjects = vitest.projects.filter((p) => p.config.browser.enabled).map((p) => p.name);
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    const disconnected = [...new Set(unhandledErrors.map(disconnectedFile).filter((f) => f !== null))];
    const lost = (module: TestModule) =>
      module.project.config.browser.enabled && disconnected.includes(module.moduleId);
    const results: RunResults = {
      passed: 0,
      failed: unhandledErrors.filter((error) => disconnectedFile(error) === null).length,
      skipped: 0,
      disconnected,
      browserProjects: this.browserProjects,
    };
    for (const module of testModules) {
      if (lost(module)) continue;
      let cases = 0;
      for (const test of module.children.allTests()) {
        cases++;
        const state = test.result().state;
        if (state === 'passed') results.passed++;
        else if (state === 'failed') results.failed++;
        else results.skipped++;
      }
      if (cases === 0 && module.state() === 'failed') results.failed++;
    }
    const file = process.env.CI_RESULTS_FILE;
    if (file) writeFileSync(file, JSON.stringify(results));
    else process.stdout.write(`\n${closingLine(lostAsFailed(results))}\n`);
  }
}
