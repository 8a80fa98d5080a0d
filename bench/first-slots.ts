/**
 * `npm run bench:embed`: the time from the widget's script starting to download to the first slot
 * buttons on screen, in headless Chromium, beside the physical floor of that time and the ratio.
 *
 * Profiles (4x CPU slowdown in each): `slow-3g` (400 kbit/s, 400 ms a request), `lighthouse` (the
 * mobile profile of Lighthouse: 1.6 Mbit/s, 150 ms) and `repeat` (the Lighthouse network, a second
 * visit: the built files come from the HTTP cache, immutable as a CDN would serve them, and the
 * rules are revalidated and answered 304). Clinics: `sample` (public/sample-clinic.json),
 * `large` (bench/large-clinic.ts: 30 providers, a year of bookings, held as the server's
 * bookings) and `large-empty` (the same clinic without bookings). The clinic API's read side is
 * served as a server with busy windows serves it (bench/contract-server.ts). Like a real embed, the page and
 * the clinic API are on one origin and the built files on another (gzip; `ENCODING=br` for
 * brotli). `RUNS` (default 3), `PROFILES` and `CLINICS` (comma lists) narrow a run; `TIMELINE=1`
 * prints each run's requests and events against the script's start. Run
 * `npm run build` first.
 *
 * The page uses the documented module snippet (`SNIPPET=classic` for the classic `<script src>`).
 * The floor is what no implementation can beat on that network: the requests that must happen one
 * after another (the script, then the rules and the month's busy time together, with the worker
 * beside them when the module does not carry its code; the classic script has the module between
 * them; on a repeat visit only the rules and the busy time are asked for), each costing the
 * profile's latency, plus every byte that must
 * arrive at the profile's bandwidth, plus the CPU time the slots themselves need (the engine's work
 * on the month: validating, compiling, generating, measured in Node and multiplied by the
 * slowdown). The page's main-thread task time (from Chrome, up to the first slots) is printed
 * beside it but not added: most of it overlaps the network, and adding it would make a floor
 * that the widget could beat. The ratio therefore includes the main thread's share.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { type BrowserContext, type CDPSession, chromium, type Page } from 'playwright';
import { workerText } from '../scripts/worker-text.ts';
import { type BusyRow, buildBusyWindow } from '../server/busy-window.ts';
import { windowedRules } from '../src/api/rules-forms.ts';
import { generateSlots } from '../src/engine/index.ts';
import type { RulesDocument } from '../src/engine/types.ts';
import { CHROMIUM_LAUNCH } from '../test/support/chromium.ts';
import { contractApi, listen, SNIPPET, serveDist, snippetScript } from './contract-server.ts';
import { largeClinic } from './large-clinic.ts';
import { median } from './stats.ts';

const root = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.RUNS ?? 3);
const CPU_SLOWDOWN = 4;
const STEP_TIMEOUT_MS = 90_000;

interface Profile {
  name: string;
  /** Added to every request, from sent to response headers (Chrome's emulation), in ms. */
  latency: number;
  /** Bytes per second. */
  throughput: number;
  repeat: boolean;
}

const ALL_PROFILES: Profile[] = [
  { name: 'slow-3g', latency: 400, throughput: 50_000, repeat: false },
  { name: 'lighthouse', latency: 150, throughput: 204_800, repeat: false },
  { name: 'repeat', latency: 150, throughput: 204_800, repeat: true },
];
const ALL_CLINICS = ['sample', 'large', 'large-empty'] as const;
type ClinicName = (typeof ALL_CLINICS)[number];

const chosen = (list: string | undefined) => list?.split(',').map((item) => item.trim());
const PROFILES = ALL_PROFILES.filter((p) => chosen(process.env.PROFILES)?.includes(p.name) ?? true);
const CLINICS = ALL_CLINICS.filter((c) => chosen(process.env.CLINICS)?.includes(c) ?? true);

/** How the CDN compresses the built files: `ENCODING=br` for brotli (what CDNs send Chrome). */
/** `TIMELINE=1`: per run, when each of the page's requests started and ended, from the script's start. */
const TIMELINE = process.env.TIMELINE === '1';

const ENCODING = process.env.ENCODING === 'br' ? 'br' : 'gzip';
const compress = (body: Buffer) => (ENCODING === 'br' ? brotliCompressSync(body) : gzipSync(body));

/** The clinic's page: the snippet, plus a probe that notes when the first slot button exists. */
function clinicPage(cdn: string, appointmentType: string, provider: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Clinic</title>
<script>
  document.addEventListener('cs-slots-loaded', (e) => { window.__slotsDetail = e.detail; window.__slotsAt = performance.now(); });
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
${snippetScript(cdn).tag}
</body></html>`;
}

interface Seen {
  url: string;
  start: number;
  end?: number;
  bytes: number;
  status?: number;
  cached: boolean;
}

/** Every request from the network's side (CDP), the worker's own download included. */
function recordRequests(cdp: CDPSession) {
  const seen = new Map<string, Seen>();
  cdp.on('Network.requestWillBeSent', (event) => {
    seen.set(event.requestId, { url: event.request.url, start: event.timestamp, bytes: 0, cached: false });
  });
  cdp.on('Network.responseReceived', (event) => {
    const request = seen.get(event.requestId);
    if (request) {
      request.status = event.response.status;
      const response = event.response as { fromDiskCache?: boolean; fromMemoryCache?: boolean };
      // requestServedFromCache may have said so already: never unsay it.
      request.cached ||= response.fromDiskCache === true || response.fromMemoryCache === true;
    }
  });
  cdp.on('Network.requestServedFromCache', (event) => {
    const request = seen.get(event.requestId);
    if (request) request.cached = true;
  });
  cdp.on('Network.loadingFinished', (event) => {
    const request = seen.get(event.requestId);
    if (request) {
      request.end = event.timestamp;
      request.bytes = event.encodedDataLength;
    }
  });
  return { list: () => [...seen.values()], clear: () => seen.clear() };
}

/** What one clinic needs: its rules, its bookings and its preselection. */
interface ClinicSetup {
  name: ClinicName;
  rules: RulesDocument;
  rows: BusyRow[];
  appointmentType: string;
  provider: string;
  /** The engine's work on the first month (validate, compile, generate), in Node, ms. */
  engineMs: number;
  rulesGzip: number;
  windowGzip: number;
}

async function setUpClinic(name: ClinicName): Promise<ClinicSetup> {
  let rules: RulesDocument;
  let rows: BusyRow[] = [];
  if (name === 'sample') {
    rules = JSON.parse(await readFile(join(root, 'public/sample-clinic.json'), 'utf8')) as RulesDocument;
  } else {
    const { busy = [], ...clinic } = largeClinic();
    rules = clinic;
    // The year of bookings as the clinic server holds them: rows of its bookings, not busy entries.
    if (name === 'large') {
      rows = busy.map((entry) => ({
        providerId: entry.providerId,
        ...(entry.appointmentTypeId === undefined ? {} : { appointmentTypeId: entry.appointmentTypeId }),
        start: Date.parse(entry.start),
        end: Date.parse(entry.end),
        seats: 1,
      }));
    }
  }
  const appointmentType = rules.appointmentTypes[0]?.id ?? '';
  const provider = rules.appointmentTypes[0]?.providerIds[0] ?? '';
  const month = new Date().toISOString().slice(0, 7);
  const window = buildBusyWindow(rules, month, rows);
  const served = windowedRules(rules) as RulesDocument;
  const gz = (value: unknown) => gzipSync(JSON.stringify(value)).length;
  // The month as the widget asks for it, on a fresh copy each time (the engine caches per object):
  // the best of five after one warm-up, so JIT warm-up and the machine's other jobs weigh least.
  const today = new Date().toISOString().slice(0, 10);
  const times: number[] = [];
  for (let attempt = 0; attempt < 6; attempt++) {
    const document = JSON.parse(JSON.stringify({ ...served, busyWindows: [window] }));
    const started = performance.now();
    generateSlots(document, {
      appointmentTypeId: appointmentType,
      providerId: provider,
      from: today,
      to: `${month}-28`,
      now: Date.now(),
    });
    if (attempt > 0) times.push(performance.now() - started);
  }
  const engineMs = Math.min(...times);
  return {
    name,
    rules,
    rows,
    appointmentType,
    provider,
    engineMs,
    rulesGzip: gz(served),
    windowGzip: gz(window),
  };
}

interface Measured {
  total: number;
  floor: number;
  bytes: number;
  mainMs: number;
  degraded: boolean;
}

/** `slots-worker.js` as the CDN serves it. */
let workerBytes = 0;
/** Whether `clinic-scheduler.mjs` carries the worker's text (src/worker/client/inline-worker.ts). */
let workerInModule = false;

/**
 * Waits for the page's probe to see a slot. Through CDP's own `Runtime.evaluate` of a few bytes:
 * Playwright's `waitForFunction` first evaluates its injected script in the page, 30 to 40 ms of
 * main-thread work at 4x that would land in the middle of the widget's start.
 */
async function firstSlot(cdp: CDPSession): Promise<void> {
  const waited = await cdp.send('Runtime.evaluate', {
    awaitPromise: true,
    timeout: STEP_TIMEOUT_MS,
    expression: `new Promise((done, fail) => {
      const until = performance.now() + ${STEP_TIMEOUT_MS};
      (function check() {
        if (typeof window.__firstSlotAt === 'number') done(true);
        else if (performance.now() > until) fail(new Error('no slot on screen'));
        else setTimeout(check, 50);
      })();
    })`,
  });
  if (waited.exceptionDetails) throw new Error(`first slot: ${waited.exceptionDetails.text}`);
}

async function measureOnce(
  context: BrowserContext,
  page: Page,
  pageUrl: string,
  scriptUrl: string,
  profile: Profile,
  clinic: ClinicSetup,
): Promise<Measured> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: !profile.repeat });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: profile.latency,
    downloadThroughput: profile.throughput,
    uploadThroughput: profile.throughput / 2,
  });
  await cdp.send('Performance.enable');
  const requests = recordRequests(cdp);
  await page.goto(pageUrl, { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
  await firstSlot(cdp);
  const metrics = await cdp.send('Performance.getMetrics');
  const taskSeconds = metrics.metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
  const measured = await page.evaluate((script) => {
    const entry = performance.getEntriesByName(script)[0] as PerformanceResourceTiming | undefined;
    const w = window as { __firstSlotAt?: number; __slotsAt?: number; __slotsDetail?: { degraded: boolean } };
    const resources = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({
      name: r.name.replace(/^https?:\/\/[^/]+/, ''),
      start: r.startTime,
      end: r.responseEnd,
    }));
    return {
      scriptStart: entry?.startTime ?? 0,
      first: w.__firstSlotAt ?? Number.NaN,
      slotsEvent: w.__slotsAt ?? Number.NaN,
      resources,
      degraded: w.__slotsDetail?.degraded === true,
    };
  }, scriptUrl);
  if (TIMELINE) {
    const at = (ms: number) => (ms - measured.scriptStart).toFixed(0);
    const parts = measured.resources.map((r) => `${r.name} ${at(r.start)}–${at(r.end)}`);
    print(
      `  ${parts.join(', ')}; cs-slots-loaded ${at(measured.slotsEvent)}, first slot ${at(measured.first)} ms`,
    );
  }
  await cdp.detach();
  // The requests the first slots need: the script (and the module the classic script imports),
  // the worker, the rules and the month's busy time.
  const month = new Date().toISOString().slice(0, 7);
  const needed = requests
    .list()
    .filter(
      (r) =>
        r.url === scriptUrl ||
        r.url.endsWith('/clinic-scheduler.mjs') ||
        r.url.endsWith('/slots-worker.js') ||
        r.url.endsWith('/api/rules') ||
        r.url.endsWith(`/api/busy/${month}`),
    );
  const fromNetwork = needed.some((r) => r.url === scriptUrl && !r.cached);
  // A worker downloaded on its own does so inside the worker, out of the page's CDP session: count
  // its bytes as served whenever the script itself came from the network (a cold visit), unless
  // the module carried the worker's text (then its bytes are the module's).
  const workerSeen = needed.some((r) => r.url.endsWith('/slots-worker.js'));
  const bytes =
    needed.reduce((sum, r) => sum + (r.cached ? 0 : r.bytes), 0) +
    (fromNetwork && !workerSeen && !workerInModule ? workerBytes : 0);
  const serialRequests = fromNetwork ? (SNIPPET === 'classic' ? 3 : 2) : 1;
  const mainMs = taskSeconds * 1000;
  const floor =
    serialRequests * profile.latency + (bytes / profile.throughput) * 1000 + clinic.engineMs * CPU_SLOWDOWN;
  return { total: measured.first - measured.scriptStart, floor, bytes, mainMs, degraded: measured.degraded };
}

/** Benchmarks print their figures (console.log is kept out of the codebase by the linter). */
function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  for (const file of ['clinic-scheduler.mjs', 'clinic-scheduler.js', 'slots-worker.js']) {
    if (!existsSync(join(root, 'dist', file)))
      throw new Error(`dist/${file} is missing: run npm run build first.`);
  }
  workerBytes = compress(await readFile(join(root, 'dist/slots-worker.js'))).length;
  workerInModule = (await readFile(join(root, 'dist/clinic-scheduler.mjs'), 'utf8')).includes(
    JSON.stringify(workerText(await readFile(join(root, 'dist/slots-worker.js'), 'utf8'))),
  );
  const cdn = await listen(serveDist(ENCODING), '127.0.0.1');
  const cdnUrl = `http://127.0.0.1:${cdn.port}`;
  const scriptUrl = snippetScript(cdnUrl).url;
  const servers: Server[] = [cdn.server];
  const browser = await chromium.launch({ ...CHROMIUM_LAUNCH, timeout: STEP_TIMEOUT_MS });
  const summary: { profile: string; clinic: ClinicName; total: number; floor: number }[] = [];
  const clinics: ClinicSetup[] = [];
  try {
    for (const name of CLINICS) {
      const clinic = await setUpClinic(name);
      clinics.push(clinic);
      const api = contractApi(clinic.rules, clinic.rows);
      const site = await listen(async (req, res) => {
        if (api(req, res)) return;
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(clinicPage(cdnUrl, clinic.appointmentType, clinic.provider));
      }, '127.0.0.1');
      servers.push(site.server);
      // The page on "localhost", the files on "127.0.0.1": two origins, as on a real clinic site.
      const pageUrl = `http://localhost:${site.port}/`;
      for (const profile of PROFILES) {
        const runs: Measured[] = [];
        for (let run = 0; run < RUNS; run++) {
          const context = await browser.newContext();
          const page = await context.newPage();
          page.setDefaultTimeout(STEP_TIMEOUT_MS);
          if (profile.repeat) {
            // The first visit fills the HTTP cache and the rules' stored copy; the second is measured.
            await page.goto(pageUrl, { waitUntil: 'load' });
            await page.waitForFunction(
              () => typeof (window as { __firstSlotAt?: number }).__firstSlotAt === 'number',
            );
          }
          runs.push(await measureOnce(context, page, pageUrl, scriptUrl, profile, clinic));
          await context.close();
        }
        const total = median(runs.map((r) => r.total));
        const floor = median(runs.map((r) => r.floor));
        summary.push({ profile: profile.name, clinic: name, total, floor });
        print(
          `${profile.name.padEnd(10)} ${name.padEnd(11)} first slots ${runs.map((r) => r.total.toFixed(0)).join(', ')} ms; ` +
            `median ${total.toFixed(0)} ms, floor ${floor.toFixed(0)} ms (${median(runs.map((r) => r.bytes)).toFixed(0)} B, ` +
            `main thread ${median(runs.map((r) => r.mainMs)).toFixed(0)} ms, engine ${(clinic.engineMs * CPU_SLOWDOWN).toFixed(0)} ms), ` +
            `ratio ${(total / floor).toFixed(2)}${runs.some((r) => r.degraded) ? ', DEGRADED: no worker' : ''}`,
        );
      }
    }
  } finally {
    await browser.close();
    for (const server of servers) await new Promise((done) => server.close(done));
  }

  const gz = async (file: string) => gzipSync(await readFile(join(root, 'dist', file)), { level: 9 }).length;
  print('');
  print(`load average at the end: ${(await readFile('/proc/loadavg', 'utf8').catch(() => '?')).trim()}`);
  print(`snippet: ${SNIPPET}`);
  print(
    `clinic-scheduler.mjs ${((await gz('clinic-scheduler.mjs')) / 1024).toFixed(1)} KB, clinic-scheduler.js ${((await gz('clinic-scheduler.js')) / 1024).toFixed(1)} KB, slots-worker.js ${((await gz('slots-worker.js')) / 1024).toFixed(1)} KB (gzip -9)`,
  );
  for (const clinic of clinics) {
    print(
      `${clinic.name}: rules ${(clinic.rulesGzip / 1024).toFixed(1)} KB + this month's busy window ${(clinic.windowGzip / 1024).toFixed(1)} KB = ${((clinic.rulesGzip + clinic.windowGzip) / 1024).toFixed(1)} KB gzip`,
    );
  }
  for (const profile of PROFILES) {
    const of = (clinic: ClinicName) => summary.find((s) => s.profile === profile.name && s.clinic === clinic);
    const large = of('large');
    const empty = of('large-empty');
    if (large && empty) {
      print(
        `${profile.name}: 30 providers with a year of bookings ${large.total.toFixed(0)} ms vs none ${empty.total.toFixed(0)} ms: ${(((large.total - empty.total) / empty.total) * 100).toFixed(1)}%`,
      );
    }
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
