/**
 * `npm run publish:smart -- --rules rules.json --out dir --base-url https://clinic.example`
 * `[--booking-url URL] [--busy busy.json] [--days 28] [--now ISO] [--state NY]`: writes a SMART
 * Scheduling Links publication into `dir` (the `$bulk-publish` manifest, last, and its NDJSON
 * files), computed in a worker thread with a deadline. Slot files of earlier runs that this one
 * no longer lists are removed. Exit 0: written; 2: not written.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { publishInWorker } from '../../interop/publish-in-worker.ts';
import { MANIFEST_PATH, smartHeaders } from '../../interop/publish-smart.ts';
import type { BusyEntry, RulesDocument } from '../../src/engine/index.ts';
import { type CliIo, processIo } from './cli-io.ts';

const USAGE =
  'Usage: npm run publish:smart -- --rules rules.json --out dir --base-url https://clinic.example [--booking-url URL] [--busy busy.json] [--days 28] [--now ISO] [--state NY]\n';

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8'));
}

export async function runPublishSmart(argv: readonly string[], io: CliIo): Promise<number> {
  const names = ['rules', 'out', 'base-url', 'booking-url', 'busy', 'days', 'now', 'state'] as const;
  let values: Partial<Record<(typeof names)[number], string>>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
    }) as { values: Partial<Record<(typeof names)[number], string>> });
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const options = new Map(Object.entries(values));
  if (!values.rules || !values.out || !values['base-url']) {
    io.stderr(USAGE);
    return 2;
  }
  let rules: RulesDocument;
  let busy: BusyEntry[] = [];
  try {
    rules = (await readJson(options.get('rules')!)) as RulesDocument;
    if (options.has('busy')) busy = (await readJson(options.get('busy')!)) as BusyEntry[];
  } catch (error) {
    io.stderr(`READ_FAILED: ${(error as Error).message}\n`);
    return 2;
  }
  if (!Array.isArray(busy)) {
    io.stderr('READ_FAILED: --busy must name a JSON list of busy entries.\n');
    return 2;
  }
  const days = options.has('days') ? Number(options.get('days')) : undefined;
  const booking = options.get('booking-url');
  const state = options.get('state');
  const result = await publishInWorker(rules, busy, {
    baseUrl: options.get('base-url')!,
    now: options.get('now') ?? io.now(),
    ...(booking === undefined ? {} : { bookingUrl: booking }),
    ...(days === undefined ? {} : { days }),
    ...(state === undefined ? {} : { states: state.split(',') }),
  });
  if (!result.ok) {
    io.stderr(`${result.error.code}: ${result.error.message}\n`);
    for (const error of result.error.errors ?? [])
      io.stderr(`  ${error.code} at ${error.path}: ${error.message}\n`);
    return 2;
  }
  const out = options.get('out')!;
  await mkdir(out, { recursive: true });
  const paths = Object.keys(result.files);
  // Data files first, the manifest last: a consumer polling the manifest never sees a file missing.
  for (const path of [...paths.filter((path) => path !== MANIFEST_PATH), MANIFEST_PATH]) {
    const target = join(out, path);
    await writeFile(`${target}.tmp`, result.files[path]!);
    await rename(`${target}.tmp`, target);
  }
  for (const name of await readdir(out)) {
    if (/^slots-.*\.ndjson$/.test(name) && !paths.includes(name)) await rm(join(out, name));
  }
  const { counts } = result;
  io.stdout(
    `Wrote ${paths.length} files to ${out}: ${counts.locations} locations, ${counts.schedules} schedules, ${counts.freeSlots} free and ${counts.busySlots} busy slots.\n`,
  );
  io.stdout(
    `Serve them with "Cache-Control: ${smartHeaders(MANIFEST_PATH)['Cache-Control']}"; the manifest as application/json, the NDJSON files as application/fhir+ndjson.\n`,
  );
  for (const warning of result.warnings)
    io.stderr(`warning ${warning.code} at ${warning.path}: ${warning.message}\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runPublishSmart(process.argv.slice(2), processIo);
}
