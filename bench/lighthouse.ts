/**
 * `npm run bench:lighthouse`: Lighthouse 12 (mobile preset: simulated slow 4G, 4x CPU) on a bare
 * host page and on the same page with the widget (sample clinic, built files from a second
 * origin, the clinic API on the page's), several runs each (`RUNS`, default 5). Prints the
 * performance score, Total Blocking Time, LCP, CLS and the widget's long tasks of each run, then
 * the medians. Uses Debian's Chromium (/usr/bin/chromium) through chrome-launcher: it never
 * downloads a browser. Run `npm run build` first.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_EXECUTABLE, CHROMIUM_FLAGS } from '../test/support/chromium.ts';
import { contractApi, hostPage, listen, serveDist } from './contract-server.ts';
import { median } from './stats.ts';

const root = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.RUNS ?? 5);

interface Run {
  score: number;
  tbt: number;
  lcp: number;
  cls: number;
  longTasks: number[];
}

/** Benchmarks print their figures (console.log is kept out of the codebase by the linter). */
function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function audit(url: string, port: number): Promise<Run> {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance'],
  });
  if (!result) throw new Error('Lighthouse returned no result.');
  const { lhr } = result;
  const numeric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  const items = (
    lhr.audits['long-tasks']?.details as { items?: { url?: string; duration?: number }[] } | undefined
  )?.items;
  return {
    score: Math.round((lhr.categories.performance?.score ?? Number.NaN) * 100),
    tbt: numeric('total-blocking-time'),
    lcp: numeric('largest-contentful-paint'),
    cls: numeric('cumulative-layout-shift'),
    longTasks: (items ?? [])
      .filter((item) => item.url?.includes('clinic-scheduler') || item.url?.includes('slots-worker'))
      .map((item) => Math.round(item.duration ?? 0)),
  };
}

async function main(): Promise<void> {
  if (!existsSync(join(root, 'dist/clinic-scheduler.mjs'))) throw new Error('Run npm run build first.');
  process.env.CHROME_PATH = CHROMIUM_EXECUTABLE;
  const rules = JSON.parse(await readFile(join(root, 'public/sample-clinic.json'), 'utf8'));
  const api = contractApi(rules, []);
  const cdn = await listen(serveDist('gzip'));
  const cdnUrl = `http://127.0.0.1:${cdn.port}`;
  const site = await listen(async (req, res) => {
    if (api(req, res)) return;
    const withWidget = (req.url ?? '/').startsWith('/widget');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(hostPage(withWidget ? cdnUrl : null));
  });
  const servers: Server[] = [cdn.server, site.server];
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM_EXECUTABLE,
    chromeFlags: ['--headless=new', '--no-sandbox', ...CHROMIUM_FLAGS],
  });
  const pages = {
    bare: `http://localhost:${site.port}/`,
    widget: `http://localhost:${site.port}/widget`,
  };
  const runs: Record<keyof typeof pages, Run[]> = { bare: [], widget: [] };
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const kind of ['bare', 'widget'] as const) {
        const result = await audit(pages[kind], chrome.port);
        runs[kind].push(result);
        print(
          `run ${run + 1} ${kind.padEnd(6)} score ${result.score}, TBT ${result.tbt.toFixed(0)} ms, LCP ${result.lcp.toFixed(0)} ms, ` +
            `CLS ${result.cls.toFixed(3)}, widget long tasks [${result.longTasks.join(', ')}] ms`,
        );
      }
    }
  } finally {
    await chrome.kill();
    for (const server of servers) await new Promise((done) => server.close(done));
  }
  print('');
  for (const kind of ['bare', 'widget'] as const) {
    const list = runs[kind];
    const longest = list.map((r) => Math.max(0, ...r.longTasks));
    print(
      `${kind.padEnd(6)} (${RUNS} runs, medians): score ${median(list.map((r) => r.score))}, ` +
        `TBT ${median(list.map((r) => r.tbt)).toFixed(0)} ms, LCP ${median(list.map((r) => r.lcp)).toFixed(0)} ms, ` +
        `CLS ${median(list.map((r) => r.cls)).toFixed(3)}, longest widget task ${median(longest).toFixed(0)} ms ` +
        `(max ${Math.max(0, ...longest)} ms), widget tasks over 50 ms per run ${median(list.map((r) => r.longTasks.length))}`,
    );
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
