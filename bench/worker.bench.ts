/**
 * `npm run bench:worker`: figures for the worker and its watchdog, in headless Chromium, on the
 * BUILT worker (`dist/slots-worker.js`, built first):
 *   - time from a job's deadline to a fresh worker answering the next job;
 *   - the longest main-thread task while a year of slots (23,490) is computed;
 *   - the round trip of a one-month query, worker start included and excluded;
 *   - a large document (20,000 busy entries) sent, then referred to by hash.
 * Prints every figure's median over RUNS runs (default 9), its minimum and maximum.
 */
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { chromium } from 'playwright';
import { build, createServer } from 'vite';
import { CHROMIUM_LAUNCH } from '../test/support/chromium.ts';
import { OUTPUTS } from '../vite.config.ts';
import { median } from './stats.ts';
import type { WorkerFigures } from './worker-page.ts';

const root = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.RUNS ?? 9);
const TIMEOUT_MS = 300_000;
function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

function row(label: string, values: number[]): string {
  const f = (n: number) => n.toFixed(1);
  return `| ${label} | ${f(median(values))} | ${f(Math.min(...values))} | ${f(Math.max(...values))} |`;
}

async function main(): Promise<void> {
  await build(OUTPUTS['slots-worker']!);
  const server = await createServer({
    root,
    configFile: false,
    logLevel: 'error',
    // The page imports no dependency (the engine runs from the built worker): no optimizer run
    // and no HMR, so nothing reloads the page in the middle of a measurement.
    optimizeDeps: { noDiscovery: true, include: [] },
    server: { host: '127.0.0.1', port: 0, hmr: false },
  });
  await server.listen();
  const address = server.resolvedUrls?.local[0] ?? '';
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    await page.goto(new URL('test/fixtures/workers/blank.html', address).href, { timeout: 30_000 });
    // One warm-up pass so the dev server has transformed every module before anything is timed.
    await page.evaluate('import("/bench/worker-page.ts").then((m) => m.measureAll(1))');
    const figures = (await page.evaluate(
      `import("/bench/worker-page.ts").then((m) => m.measureAll(${RUNS}))`,
    )) as WorkerFigures;
    print(`Worker and watchdog, ${RUNS} runs, built worker, headless Chromium ${browser.version()}`);
    print(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
    print('');
    print('| Figure (ms) | median | min | max |');
    print('| --- | ---: | ---: | ---: |');
    print(row('Deadline passed → fresh worker answers a one-day query', figures.deadlineToAnswerMs));
    print(row('Deadline timer overshoot (500 ms deadline)', figures.timerOvershootMs));
    print(
      row(
        'Year of slots (23,490): longest main-thread task (longtask, 0 = none ≥ 50 ms)',
        figures.yearLongestTaskMs,
      ),
    );
    print(row('Year of slots: longest gap between 4 ms timer ticks', figures.yearLongestGapMs));
    print(row('Year of slots: round trip on a started worker', figures.yearWorkerMs));
    print(row('One month: round trip, worker start included', figures.monthColdMs));
    print(row('One month: round trip, worker already started', figures.monthWarmMs));
    print(
      row(`Large document (${figures.largeDocumentKb} KB): first job, document sent`, figures.largeFirstMs),
    );
    print(row('Large document: next job, document referred to by hash', figures.largeByHashMs));
    print(row('Degraded (no worker): year of slots on the page, round trip', figures.degradedYearMs));
    print(row('Degraded: longest main-thread task (0 = none ≥ 50 ms)', figures.degradedLongestTaskMs));
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
