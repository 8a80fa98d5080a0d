/**
 * `npm run bench:admin`: on the demo admin page (`/admin.html`, served by Vite with the reference
 * API, like `npm start`), the time from an edit of the sample clinic's hours to
 *   - the updated diagnostics and "what changes" (lints + the four-week diff, in the worker),
 *   - the updated live preview (the `<clinic-scheduler>` element in preview mode: its
 *     `cs-slots-loaded` event for the draft),
 * in headless Chromium. Each run sets Dr. Ana Lee's Monday start to a time not used before, so every
 * edit is a real change (no cached result). Prints every run, the medians and the worker's own time per job.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { clinicApiPlugin } from '../server/vite-plugin.ts';
import { CHROMIUM_LAUNCH } from '../test/support/chromium.ts';
import { median } from './stats.ts';

const root = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.RUNS ?? 15);
const WARMUP = 3;
const STEP_TIMEOUT_MS = 60_000;
interface Run {
  checksMs: number;
  previewMs: number;
  lintMs: number;
  diffMs: number;
}

/** Writes one line of the report. */
function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** One edit, timed in the page: resolves when both the checks and the preview show the draft. */
function timeEdit({ value, timeoutMs }: { value: string; timeoutMs: number }): Promise<Run> {
  return new Promise((done, fail) => {
    const input = document.querySelector<HTMLInputElement>('[aria-label="Monday hours 1 start"]');
    const changes = document.querySelector('[aria-labelledby="cs-admin-changes-title"]');
    const preview = document.querySelector('clinic-scheduler');
    if (!input || !changes || !preview) return fail(new Error('admin page not ready'));
    const timer = setTimeout(() => fail(new Error('edit not shown in time')), timeoutMs);
    let checksAt: number | null = null;
    let previewAt: number | null = null;
    const finish = () => {
      if (checksAt === null || previewAt === null) return;
      clearTimeout(timer);
      observer.disconnect();
      preview.removeEventListener('cs-slots-loaded', onPreview);
      const timing = document.querySelector('[data-testid="analysis-timing"]')?.textContent ?? '';
      const [lintMs = Number.NaN, diffMs = Number.NaN] = [...timing.matchAll(/(\d+) ms/g)].map((m) =>
        Number(m[1]),
      );
      done({ checksMs: checksAt - started, previewMs: previewAt - started, lintMs, diffMs });
    };
    const observer = new MutationObserver(() => {
      if (checksAt === null && changes.getAttribute('aria-busy') === 'false') {
        checksAt = performance.now();
        finish();
      }
    });
    const onPreview = () => {
      previewAt = performance.now();
      finish();
    };
    preview.addEventListener('cs-slots-loaded', onPreview);
    const started = performance.now();
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    // Observed after the edit: the section turns busy synchronously, then idle when the diff lands.
    observer.observe(changes, { attributes: true, subtree: true, childList: true, characterData: true });
  });
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'admin-bench-'));
  const server = await createServer({
    root,
    configFile: false,
    logLevel: 'error',
    plugins: [preact(), clinicApiPlugin({ dataDir })],
    optimizeDeps: { include: ['luxon', 'preact', 'preact/hooks', '@preact/signals'] },
    server: { host: '127.0.0.1', port: 0 },
  });
  await server.listen();
  const address = server.resolvedUrls?.local[0] ?? '';
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const page = await browser.newPage();
    // tsx compiles named inner functions with esbuild's `__name` helper; the page needs it too.
    await page.addInitScript('globalThis.__name = (fn) => fn;');
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.goto(new URL('admin.html', address).href, { timeout: STEP_TIMEOUT_MS });
    await page.waitForSelector('[data-testid="changes-total"]', { timeout: STEP_TIMEOUT_MS });
    await page.waitForSelector('[data-testid="analysis-timing"]', { timeout: STEP_TIMEOUT_MS });
    const runs: Run[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      // A new time on every edit: the client caches results per (document, query), and an edit
      // the admin already made once is answered from that cache.
      const value = `08:${String(i + 1).padStart(2, '0')}`;
      const run = await page.evaluate(timeEdit, { value, timeoutMs: STEP_TIMEOUT_MS });
      if (i >= WARMUP) runs.push(run);
      await page.waitForTimeout(300);
    }
    for (const [i, run] of runs.entries()) {
      print(
        `run ${String(i + 1).padStart(2)}: checks ${run.checksMs.toFixed(0)} ms, preview ${run.previewMs.toFixed(0)} ms (worker: lint ${run.lintMs} ms, diff ${run.diffMs} ms)`,
      );
    }
    print(`\nmedian of ${runs.length} edits (after ${WARMUP} warm-up edits):`);
    print(
      `  edit → diagnostics + what changes (4 weeks): ${median(runs.map((r) => r.checksMs)).toFixed(0)} ms`,
    );
    print(
      `  edit → live preview updated:                 ${median(runs.map((r) => r.previewMs)).toFixed(0)} ms`,
    );
    print(
      `  worker time, lint:                           ${median(runs.map((r) => r.lintMs)).toFixed(0)} ms`,
    );
    print(
      `  worker time, diff:                           ${median(runs.map((r) => r.diffMs)).toFixed(0)} ms`,
    );
    print(`\nmachine: ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}`);
  } finally {
    await browser.close();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
