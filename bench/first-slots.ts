/**
 * `npm run bench:embed`: the time from the widget's script tag starting to download to the first
 * slot buttons on screen, for the sample clinic, in headless Chromium with a 4x CPU slowdown and a
 * slow-3G network (400 kbit/s, 400 ms round trip). Like a real embed, the page and the clinic API
 * are on one origin and the built files (script and worker) on another, as a CDN would serve
 * them (gzip; `ENCODING=br` for brotli). Prints the runs, the median and the gzip sizes. Run
 * `npm run build` first.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { type CDPSession, chromium } from 'playwright';
import { openDemo } from '../server/demo.ts';
import { CHROMIUM_LAUNCH } from '../test/support/chromium.ts';
import { median } from './stats.ts';

const root = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.RUNS ?? 7);
const CPU_SLOWDOWN = 4;
const NETWORK = { latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 }; // 400 kbit/s
const STEP_TIMEOUT_MS = 60_000;
async function listen(handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>, host: string) {
  const server = createServer((req, res) => {
    handler(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((done) => server.listen(0, host, done));
  return { server, port: (server.address() as AddressInfo).port };
}

/** How the CDN compresses the built files: `ENCODING=br` for brotli (what CDNs send Chrome). */
const ENCODING = process.env.ENCODING === 'br' ? 'br' : 'gzip';
const compress = (body: Buffer) => (ENCODING === 'br' ? brotliCompressSync(body) : gzipSync(body));

/** The built files, compressed like a CDN serves them, to any origin. */
async function serveDist(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const name = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/dist\//, '');
  if (!/^[\w.-]+\.m?js$/.test(name)) {
    res.writeHead(404).end();
    return;
  }
  const body = compress(await readFile(join(root, 'dist', name)));
  res.writeHead(200, {
    'Content-Type': 'text/javascript; charset=utf-8',
    'Content-Encoding': ENCODING,
    'Access-Control-Allow-Origin': '*',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/** The clinic's page: the snippet, plus a probe that notes when the first slot button exists. */
function clinicPage(cdn: string, appointmentType: string, provider: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sample clinic</title>
<script>
  document.addEventListener('cs-ready', () => { window.__readyAt = performance.now(); });
  document.addEventListener('cs-slots-loaded', (e) => {
    window.__slotsDetail = e.detail;
    window.__slotsAt = performance.now();
  });
  (function probe() {
    const el = document.querySelector('clinic-scheduler');
    const slot = el && el.shadowRoot && el.shadowRoot.querySelector('[part~="slot"]');
    if (slot && slot.getClientRects().length > 0) window.__firstSlotAt = performance.now();
    else requestAnimationFrame(probe);
  })();
</script>
</head><body>
<h1>Book a visit</h1>
<clinic-scheduler api-base="/api" appointment-type="${appointmentType}" provider="${provider}"></clinic-scheduler>
<script src="${cdn}/dist/clinic-scheduler.js"></script>
</body></html>`;
}

/**
 * Every request the page made, from the network's side (CDP), so the worker's own download, which
 * Resource Timing on the page does not list, shows too: start and end in ms after the script's.
 */
function recordRequests(cdp: CDPSession) {
  const seen = new Map<string, { url: string; start: number; end?: number }>();
  cdp.on('Network.requestWillBeSent', (event) => {
    seen.set(event.requestId, { url: event.request.url, start: event.timestamp });
  });
  cdp.on('Network.loadingFinished', (event) => {
    const request = seen.get(event.requestId);
    if (request) request.end = event.timestamp;
  });
  return {
    describe(scriptUrl: string): string {
      const list = [...seen.values()];
      const origin = list.find((r) => r.url === scriptUrl)?.start ?? 0;
      const ms = (t: number | undefined) => (t === undefined ? '?' : ((t - origin) * 1000).toFixed(0));
      return list
        .filter((r) => r.start >= origin && !r.url.startsWith('data:'))
        .map((r) => `  ${nameOf(r.url)} ${ms(r.start)}-${ms(r.end)} ms`)
        .join('\n');
    },
  };
}

/** A request's file name; the worker's `blob:` bootstrap (its own download is not listed). */
function nameOf(url: string): string {
  return url.startsWith('blob:')
    ? 'worker start (blob: bootstrap)'
    : (new URL(url).pathname.split('/').pop() ?? url);
}

/** Benchmarks print their figures (console.log is kept out of the codebase by the linter). */
function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  for (const file of ['clinic-scheduler.js', 'slots-worker.js']) {
    if (!existsSync(join(root, 'dist', file)))
      throw new Error(`dist/${file} is missing: run npm run build first.`);
  }
  const sample = join(root, 'public/sample-clinic.json');
  const rulesFile = existsSync(sample) ? sample : join(root, 'server/fixtures/small-clinic.json');
  const rules = JSON.parse(await readFile(rulesFile, 'utf8')) as {
    appointmentTypes: { id: string; providerIds: string[] }[];
  };
  // The page preselects the first visit type and its first provider, so the calendar is the
  // first thing shown (a clinic's "book a check-up with Dr. X" page).
  const appointmentType = rules.appointmentTypes[0]?.id ?? '';
  const provider = rules.appointmentTypes[0]?.providerIds[0] ?? '';
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-embed-'));
  const demo = await openDemo({ dataDir, rulesFile });
  const api = async (req: IncomingMessage, res: ServerResponse) => demo.handle(req, res);

  const cdn = await listen(serveDist, '127.0.0.1');
  const cdnUrl = `http://127.0.0.1:${cdn.port}`;
  const site = await listen(async (req, res) => {
    if (await api(req, res)) return;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(clinicPage(cdnUrl, appointmentType, provider));
  }, '127.0.0.1');
  const servers: Server[] = [cdn.server, site.server];
  // The page on "localhost", the files on "127.0.0.1": two origins, as on a real clinic site.
  const pageUrl = `http://localhost:${site.port}/`;

  const browser = await chromium.launch({ ...CHROMIUM_LAUNCH, timeout: STEP_TIMEOUT_MS });
  const results: { total: number; script: number; degraded: boolean }[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      page.setDefaultTimeout(STEP_TIMEOUT_MS);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', { offline: false, ...NETWORK });
      const requests = recordRequests(cdp);
      await page.goto(pageUrl, { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
      await page.waitForFunction(
        () => typeof (window as { __firstSlotAt?: number }).__firstSlotAt === 'number',
        null,
        {
          timeout: STEP_TIMEOUT_MS,
          polling: 100,
        },
      );
      const measured = await page.evaluate((script) => {
        const entry = performance.getEntriesByName(script)[0] as PerformanceResourceTiming | undefined;
        const first = (window as { __firstSlotAt?: number }).__firstSlotAt ?? Number.NaN;
        const element = document.querySelector('clinic-scheduler');
        const w = window as { __readyAt?: number; __slotsAt?: number };
        const rulesEntry = performance
          .getEntriesByType('resource')
          .find((e) => e.name.endsWith('/api/rules')) as PerformanceResourceTiming | undefined;
        return {
          readyAt: w.__readyAt ?? Number.NaN,
          slotsAt: w.__slotsAt ?? Number.NaN,
          rulesStart: rulesEntry?.startTime ?? Number.NaN,
          rulesEnd: rulesEntry?.responseEnd ?? Number.NaN,
          scriptStart: entry?.startTime ?? Number.NaN,
          scriptEnd: entry?.responseEnd ?? Number.NaN,
          first,
          slots: element?.shadowRoot?.querySelectorAll('[part~="slot"]').length ?? 0,
          degraded: (window as { __slotsDetail?: { degraded: boolean } }).__slotsDetail?.degraded === true,
        };
      }, `${cdnUrl}/dist/clinic-scheduler.js`);
      const at = (time: number) => `${(time - measured.scriptStart).toFixed(0)} ms`;
      results.push({
        total: measured.first - measured.scriptStart,
        script: measured.scriptEnd - measured.scriptStart,
        degraded: measured.degraded,
      });
      print(requests.describe(`${cdnUrl}/dist/clinic-scheduler.js`));
      print(
        `run ${run + 1}: first slots ${(measured.first - measured.scriptStart).toFixed(0)} ms after the script ` +
          `started (script downloaded at ${at(measured.scriptEnd)}, rules fetched ${at(measured.rulesStart)}-${at(measured.rulesEnd)}, ` +
          `cs-ready ${at(measured.readyAt)}, cs-slots-loaded ${at(measured.slotsAt)}; ${measured.slots} slot buttons` +
          `${measured.degraded ? ', DEGRADED: no worker' : ''})`,
      );
      await context.close();
    }
  } finally {
    await browser.close();
    for (const server of servers) await new Promise((done) => server.close(done));
    await rm(dataDir, { recursive: true, force: true });
  }

  const gz = async (file: string) => gzipSync(await readFile(join(root, 'dist', file)), { level: 9 }).length;
  const totals = results.map((r) => r.total);
  print('');
  print(`clinic-scheduler.js: ${((await gz('clinic-scheduler.js')) / 1024).toFixed(1)} KB gzip`);
  print(`slots-worker.js:     ${((await gz('slots-worker.js')) / 1024).toFixed(1)} KB gzip`);
  print(
    `first slots on screen (${RUNS} runs, ${CPU_SLOWDOWN}x CPU, 400 kbit/s, 400 ms RTT, files ${ENCODING}): ` +
      `median ${median(totals).toFixed(0)} ms, min ${Math.min(...totals).toFixed(0)} ms, ` +
      `max ${Math.max(...totals).toFixed(0)} ms`,
  );
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
