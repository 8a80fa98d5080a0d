/**
 * `npm run bench:interop`: the FHIR import and the SMART Scheduling Links export on the
 * 30-provider clinic of bench/large-clinic.ts, exported as FHIR by bench/fhir-clinic.ts (an R4
 * searchset Bundle with a year of booked Appointments). Prints medians and the heap each step
 * adds, then two of the bad inputs: 100,000 NDJSON resources, and a ceiling-sized input, then
 * the clinic server's `{api}/smart/$bulk-publish` for the same clinic on PGlite (`ONLY=server`
 * runs that part alone).
 * Results are recorded in docs/benchmarks.md.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFhir } from '../interop/import-fhir.ts';
import { IMPORT_LIMITS } from '../interop/limits.ts';
import { publishInWorker } from '../interop/publish-in-worker.ts';
import { publishSmart } from '../interop/publish-smart.ts';
import { readConfig } from '../server/config.ts';
import { seedDocument } from '../server/rules/seed.ts';
import { openServer } from '../server/server.ts';
import { busySlotsNdjson, fhirExportOf } from './fhir-clinic.ts';
import { BENCH_NOW, largeClinic } from './large-clinic.ts';
import { median } from './stats.ts';

const RUNS = Number(process.env.RUNS ?? 5);

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

const format = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits });
const mib = (bytes: number) => `${format(bytes / 1024 / 1024, 1)} MiB`;

async function timed<T>(run: () => T | Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await run();
  return { ms: performance.now() - started, result };
}

/** Median time of `RUNS` runs after one warm-up, and the heap the last run's result holds. */
async function measure<T>(run: () => T | Promise<T>): Promise<{ ms: number; result: T; heap: number }> {
  await run();
  const times: number[] = [];
  let result: T | undefined;
  let heap = 0;
  for (let index = 0; index < RUNS; index++) {
    result = undefined;
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    const run1 = await timed(run);
    times.push(run1.ms);
    result = run1.result;
    heap = Math.max(heap, process.memoryUsage().heapUsed - before);
  }
  return { ms: median(times), result: result as T, heap };
}

async function main(): Promise<void> {
  print(
    `Node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(2)}; ${RUNS} runs each, medians.`,
  );
  const rules = largeClinic();
  if (process.env.ONLY !== 'server') await library(rules);
  await served(rules);
}

async function library(rules: ReturnType<typeof largeClinic>): Promise<void> {
  const { bundle, mapping } = fhirExportOf(rules);
  const text = JSON.stringify(bundle);
  const entries = (bundle as { entry: unknown[] }).entry.length;
  print(
    `Bundle: ${format(entries)} resources, ${mib(text.length)} (${format(rules.busy!.length)} Appointments).`,
  );

  const imported = await measure(() => importFhir(text, mapping, { now: BENCH_NOW }));
  if (!imported.result.ok) throw new Error(imported.result.error.message);
  const { rules: importedRules, busy } = imported.result;
  print(
    `Import: ${format(imported.ms)} ms (parse, map, validate), heap +${mib(imported.heap)}: ${importedRules.providers.length} providers, ${importedRules.appointmentTypes.length} types, ${format(busy.length)} busy entries.`,
  );

  for (const days of [28, 91]) {
    const options = { baseUrl: 'https://clinic.example/smart', now: BENCH_NOW, days };
    const published = await measure(() => publishSmart(importedRules, busy, options));
    if (!published.result.ok) throw new Error(published.result.error.message);
    const { counts, files } = published.result;
    const bytes = Object.values(files).reduce((sum, file) => sum + file.length, 0);
    print(
      `Export, ${days} days, in this thread: ${format(published.ms)} ms, heap +${mib(published.heap)}: ${format(counts.freeSlots)} free and ${format(counts.busySlots)} busy slots, ${Object.keys(files).length} files, ${mib(bytes)}.`,
    );
    const threaded = await measure(() => publishInWorker(importedRules, busy, options));
    if (!threaded.result.ok) throw new Error(threaded.result.error.message);
    print(`Export, ${days} days, in a worker thread (start and copy included): ${format(threaded.ms)} ms.`);
  }

  const ndjson = busySlotsNdjson(100_000);
  const minimal = { timezone: 'America/New_York', providers: 'all', appointmentTypes: [] };
  const many = await measure(() => importFhir(ndjson, minimal, { now: BENCH_NOW }));
  print(`100,000 NDJSON resources (${mib(ndjson.length)}): ${format(many.ms)} ms, heap +${mib(many.heap)}.`);

  const ceiling = `${ndjson}\n${' '.repeat(IMPORT_LIMITS.maxInputChars - ndjson.length - 1)}`;
  const full = await measure(() => importFhir(ceiling, minimal, { now: BENCH_NOW }));
  print(
    `An input at the ${mib(IMPORT_LIMITS.maxInputChars)} ceiling: ${format(full.ms)} ms, heap +${mib(full.heap)}.`,
  );
  const over = await timed(() => importFhir(`${ceiling} `, minimal, { now: BENCH_NOW }));
  print(`One character over it: refused (INPUT_TOO_LARGE) in ${format(over.ms, 2)} ms.`);
}

/**
 * The server's publication of the same clinic (its busy time as the rules' own busy entries): the
 * request that makes the files in the worker thread, then requests answered from the kept files.
 */
async function served(rules: ReturnType<typeof largeClinic>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-interop-'));
  const clock = { now: Date.parse(BENCH_NOW) };
  const config = {
    ...readConfig({ PUBLIC_BASE_URL: 'https://book.example', SMART_DEADLINE_MS: '120000' }, dir),
    dataDir: join(dir, 'pglite'),
  };
  const server = await openServer(config, { now: () => clock.now, transport: null, logger: false });
  try {
    await seedDocument(server.db, config.defaultClinic, rules, clock.now, 'benchmark');
    const get = (url: string, headers: Record<string, string> = {}) =>
      server.app.inject({ method: 'GET', url, headers });
    const made: number[] = [];
    let manifest = '';
    for (let index = 0; index <= RUNS; index++) {
      // Five minutes on each time: the kept files are too old and are made again.
      clock.now += 301_000;
      const run = await timed(() => get('/api/smart/$bulk-publish'));
      if (run.result.statusCode !== 200) throw new Error(run.result.body);
      manifest = run.result.body;
      if (index > 0) made.push(run.ms);
    }
    print(
      `Server, 28 days: the request that makes the files (worker thread included): ${format(median(made))} ms.`,
    );
    const kept = await measure(() => get('/api/smart/$bulk-publish'));
    print(`Server: the manifest again, kept: ${format(kept.ms, 2)} ms.`);
    const week = (JSON.parse(manifest) as { output: { url: string }[] }).output[3]!.url;
    const path = new URL(week).pathname;
    const first = await timed(() => get(path));
    const plain = await measure(() => get(path));
    print(
      `Server: ${path.split('/').pop()} (${mib(plain.result.body.length)}): first ${format(first.ms)} ms (its ETag), then ${format(plain.ms, 1)} ms.`,
    );
    const firstGzip = await timed(() => get(path, { 'Accept-Encoding': 'gzip' }));
    const gzipped = await measure(() => get(path, { 'Accept-Encoding': 'gzip' }));
    print(
      `Server: the same gzipped (${mib(gzipped.result.rawPayload.length)}): first ${format(firstGzip.ms)} ms (compressed), then ${format(gzipped.ms, 1)} ms.`,
    );
    const etag = String(plain.result.headers.etag);
    const unchanged = await measure(() => get(path, { 'If-None-Match': etag }));
    print(
      `Server: the same with If-None-Match: ${unchanged.result.statusCode} in ${format(unchanged.ms, 2)} ms.`,
    );
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
