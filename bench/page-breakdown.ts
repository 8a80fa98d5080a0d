/**
 * `npm run size:where`: where the first screen's bytes are. Builds `clinic-scheduler.mjs` once more
 * with a source map (into a temporary directory; dist/ is left alone), gives every minified byte
 * to the source file it came from (the worker's code, which the module carries as text, to
 * `dist/slots-worker.js`), and prints each file's share and the gzip size of its bytes on
 * their own, then the same by area. The per-file gzip figures add up to more than the file's
 * (gzip finds repeats across files too): read them as a ranking and an order of size.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { workerText } from '../scripts/worker-text.ts';
import { OUTPUTS, WORKER_TEXT_MARK } from '../vite.config.ts';

interface SourceMap {
  sources: string[];
  mappings: string;
}

const root = resolve(import.meta.dirname, '..');

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The numbers of one source-map segment (base64 VLQ). */
function decodeSegment(segment: string): number[] {
  const numbers: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    numbers.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return numbers;
}

/** The generated text of each source, in order; bytes no source claims go to '(wrapper and CSS)'. */
function textBySource(code: string, map: SourceMap): Map<string, string> {
  const texts = new Map<string, string>();
  const lines = code.split('\n');
  let source = 0;
  map.mappings.split(';').forEach((mapped, index) => {
    const line = lines[index] ?? '';
    let column = 0;
    const starts: { column: number; source: number | null }[] = [];
    for (const segment of mapped.split(',')) {
      if (segment === '') continue;
      const fields = decodeSegment(segment);
      column += fields[0]!;
      if (fields.length > 1) source += fields[1]!;
      starts.push({ column, source: fields.length > 1 ? source : null });
    }
    starts.forEach((start, i) => {
      const end = starts[i + 1]?.column ?? line.length;
      const name = start.source === null ? '(wrapper and CSS)' : shortName(map.sources[start.source]!);
      texts.set(name, (texts.get(name) ?? '') + line.slice(start.column, end));
    });
  });
  return texts;
}

function shortName(source: string): string {
  const inPackage = source.match(/node_modules\/(.+)$/);
  return inPackage ? inPackage[1]! : source.replace(/^(\.\.\/)*/, '').replace(/^.*?\/src\//, 'src/');
}

/** The area a file belongs to, for the summary. */
function areaOf(name: string): string {
  if (name.startsWith('preact') || name.startsWith('@preact')) return 'Preact, hooks, signals';
  if (name.startsWith('src/widget/i18n')) return 'English messages, language choice';
  const area = name.match(/^src\/(widget\/components|widget|worker|api|embed)\//);
  return area ? `src/${area[1]}` : name;
}

/** Benchmarks print their figures (console.log is kept out of the codebase by the linter). */
function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

const gzipSize = (text: string) => gzipSync(text, { level: 9 }).length;
const kb = (bytes: number) => (bytes / 1024).toFixed(1);

async function main() {
  const outDir = await mkdtemp(join(tmpdir(), 'page-breakdown-'));
  const page = OUTPUTS.page!;
  try {
    await build({ ...page, build: { ...page.build, outDir, sourcemap: true } });
    const code = await readFile(join(outDir, 'clinic-scheduler.mjs'), 'utf8');
    const map = JSON.parse(await readFile(join(outDir, 'clinic-scheduler.mjs.map'), 'utf8')) as SourceMap;
    // The worker's code goes into the module after the source map is made (vite.config.ts,
    // `inlineSlotWorker`): map the text the map describes, and count the worker's on its own.
    const worker = JSON.stringify(workerText(await readFile(join(root, 'dist/slots-worker.js'), 'utf8')));
    if (!code.includes(worker))
      throw new Error('The module does not carry dist/slots-worker.js: run npm run build first.');
    const texts = textBySource(code.replace(worker, JSON.stringify(WORKER_TEXT_MARK)), map);
    texts.set('dist/slots-worker.js, carried as text', worker);

    const rows = [...texts].map(([name, text]) => ({ name, bytes: text.length, gzip: gzipSize(text) }));
    rows.sort((a, b) => b.bytes - a.bytes);
    print(`dist/clinic-scheduler.mjs: ${code.length} bytes, ${kb(gzipSize(code))} KB gzip (level 9)\n`);
    print('  bytes  share  gzip alone  file');
    for (const row of rows) {
      const share = `${((row.bytes / code.length) * 100).toFixed(1)}%`;
      print(
        `${String(row.bytes).padStart(7)} ${share.padStart(6)} ${String(row.gzip).padStart(11)}  ${row.name}`,
      );
    }

    const areas = new Map<string, string>();
    for (const [name, text] of texts) areas.set(areaOf(name), (areas.get(areaOf(name)) ?? '') + text);
    print("\nBy area (gzip of the area's bytes together):");
    const byArea = [...areas].map(([area, text]) => ({ area, bytes: text.length, gzip: gzipSize(text) }));
    byArea.sort((a, b) => b.bytes - a.bytes);
    for (const row of byArea) {
      const share = `${((row.bytes / code.length) * 100).toFixed(1)}%`;
      print(
        `${String(row.bytes).padStart(7)} ${share.padStart(6)} ${`${kb(row.gzip)} KB`.padStart(9)}  ${row.area}`,
      );
    }
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
