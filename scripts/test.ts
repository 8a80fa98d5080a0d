/**
 * `npm test`'s run of every Vitest project: `vitest run`, then, when its only failures are test
 * pages whose connection Chromium closed mid-file (test/support/ci-results.ts), those files once
 * more in the browser projects, and CI's closing line for both runs together. Anything else that
 * fails, in either run, fails `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  closingLine,
  combined,
  lostAsFailed,
  type RunResults,
  worthRunningAgain,
} from '../test/support/ci-results.ts';

const root = new URL('../', import.meta.url).pathname;
const vitest = join(root, 'node_modules/.bin/vitest');
const folder = mkdtempSync(join(tmpdir(), 'clinic-scheduler-test-'));

/** One `vitest run` with these arguments; null when it left no results (it could not start). */
function vitestRun(args: string[], name: string): { code: number; results: RunResults | null } {
  const file = join(folder, `${name}.json`);
  const run = spawnSync(vitest, ['run', ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CI_RESULTS_FILE: file },
  });
  try {
    return { code: run.status ?? 1, results: JSON.parse(readFileSync(file, 'utf8')) as RunResults };
  } catch {
    return { code: run.status ?? 1, results: null };
  }
}

function finish(line: string, code: number): never {
  rmSync(folder, { recursive: true, force: true });
  process.stdout.write(`\n${line}\n`);
  process.exit(code);
}

const first = vitestRun(process.argv.slice(2), 'first');
if (!first.results) finish('0 passed, 1 failed, 0 skipped', first.code || 1);
if (!worthRunningAgain(first.results)) {
  const counts = lostAsFailed(first.results);
  finish(closingLine(counts), counts.failed > 0 ? 1 : first.code);
}

const { disconnected, browserProjects } = first.results;
process.stdout.write(
  `\nChromium closed the connection of ${disconnected.length} test file(s) mid-run ` +
    `(${disconnected.map((f) => f.replace(root, '')).join(', ')}); running them once more.\n\n`,
);
const again = vitestRun([...browserProjects.flatMap((p) => ['--project', p]), ...disconnected], 'again');
if (!again.results) finish(closingLine(lostAsFailed(first.results)), 1);
const total = combined(first.results, lostAsFailed(again.results));
finish(closingLine(total), total.failed > 0 || again.code !== 0 ? 1 : 0);
