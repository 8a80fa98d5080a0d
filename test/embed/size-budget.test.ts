/**
 * Size budgets on the files clinics actually load (gzip, as served). `npm test` builds first;
 * run `npm run build` before `npm run size` on its own.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { workerText } from '../../scripts/worker-text.ts';

const dist = resolve(import.meta.dirname, '../../dist');

/**
 * Budgets in bytes, gzip level 9. The worker holds the engine and the only part of luxon it uses
 * (IANAZone: nothing in the worker imports DateTime, so the bundler leaves it out); held with a
 * little room above its size. It holds the validation of intake questions (about 0.4 KB: the
 * worker refuses a document whose questions are malformed, as the server does) and the validation
 * and the slot rules of hours per visit type and per location (`type-hours`, `span-locations`),
 * about 0.8 KB.
 */
const BUDGETS = {
  'slots-worker.js': 20 * 1024,
} as const;

/**
 * What the first screen downloads before its first slots: the widget's module
 * (`clinic-scheduler.mjs`, with every chunk it imports statically), which carries the worker's
 * text for the pages that embed it from another origin (src/worker/client/inline-worker.ts). What patients
 * feel is the time to the first slots, so this holds the size where it is rather than chase a byte
 * target: docs/benchmarks.md prints the first slots against their physical floor, where these
 * bytes are a small share. Growth past it is a choice to make in the open, with the first-slots
 * figures beside it. It holds the month loading as a derived query with one effect per resource
 * (src/widget/month-query.ts, actions/months.ts, loads.ts), about 0.5 KB: at slow 3G's 400 kbit/s
 * that is 10 ms; and the start and first drawings split into short tasks (mount.tsx,
 * task-after.ts), about 0.1 KB.
 */
const FIRST_SCREEN_CEILING = 56.5 * 1024;

/**
 * The classic script only imports the module and stands in for its API until it has run: a page
 * that uses it downloads this much more before its first slots.
 */
const CLASSIC_SCRIPT_CEILING = 1 * 1024;

/**
 * The chunks loaded on demand, by the part they hold (vite.config.ts names them
 * `clinic-scheduler-<part>-<hash>.mjs`), held where they are so that moving code out of the first
 * screen into them cannot go unnoticed either: the steps after the calendar (with the earlier-time
 * opt-in, the offer view and the intake questions of the details step), the Spanish catalogue and
 * the page side of the no-worker fallback.
 */
const PART_CEILINGS = {
  later: 13.25 * 1024,
  es: 3.75 * 1024,
  fallback: 1 * 1024,
} as const;

/** `entry` and every chunk it imports statically (`import … from "./x.mjs"`), transitively. */
function staticClosure(entry: string): string[] {
  const found = [entry];
  for (let i = 0; i < found.length; i++) {
    const text = built(found[i]!).toString('utf8');
    for (const [, file] of text.matchAll(
      /(?:^|[;\s}])(?:import|export)[^"'()]*?from\s*["']\.\/([\w.-]+\.mjs)["']/g,
    )) {
      if (file !== undefined && !found.includes(file)) found.push(file);
    }
  }
  return found;
}

/** Every file the page side may load: the module, its chunks and the classic script. */
function pageFiles(): string[] {
  return readdirSync(dist).filter((file) => /^clinic-scheduler.*\.m?js$/.test(file));
}

/** The chunk holding `part` (one per build: its name carries a hash of its content). */
function partFile(part: string): string {
  const files = pageFiles().filter((file) =>
    new RegExp(`^clinic-scheduler-${part}-[\\w-]+\\.mjs$`).test(file),
  );
  expect(files, `dist/ holds one chunk for the ${part} part`).toHaveLength(1);
  return files[0]!;
}

function built(file: string): Buffer {
  const path = resolve(dist, file);
  if (!existsSync(path)) {
    throw new Error(`dist/${file} is missing: run \`npm run build\` before the size budget test.`);
  }
  return readFileSync(path);
}

function gzipBytes(file: string): number {
  return gzipSync(built(file), { level: 9 }).length;
}

describe('size budgets of the built files', () => {
  for (const [file, budget] of Object.entries(BUDGETS)) {
    it(`dist/${file} is at most ${budget / 1024} KB gzipped`, () => {
      const size = gzipBytes(file);
      expect(
        size,
        `dist/${file} is ${(size / 1024).toFixed(1)} KB gzipped, over its ${budget / 1024} KB budget`,
      ).toBeLessThanOrEqual(budget);
    });
  }

  it(`the first screen (the module with the worker's text, and what it imports statically) stays within ${FIRST_SCREEN_CEILING / 1024} KB gzipped`, () => {
    const files = staticClosure('clinic-scheduler.mjs');
    const size = files.reduce((sum, file) => sum + gzipBytes(file), 0);
    expect(size, `${files.join(' + ')} are ${(size / 1024).toFixed(1)} KB gzipped`).toBeLessThanOrEqual(
      FIRST_SCREEN_CEILING,
    );
  });

  it('runs the first screen from one file: no chunk shared with the parts stands in its way', () => {
    expect(staticClosure('clinic-scheduler.mjs')).toEqual(['clinic-scheduler.mjs']);
  });

  it("opens the module with V8's compile hint, so its functions compile off the main thread", () => {
    expect(built('clinic-scheduler.mjs').toString('utf8').split('\n', 1)[0]).toBe(
      '//# allFunctionsCalledOnLoad',
    );
  });

  it(`dist/clinic-scheduler.js, the classic script, stays within ${CLASSIC_SCRIPT_CEILING / 1024} KB gzipped`, () => {
    const size = gzipBytes('clinic-scheduler.js');
    expect(size, `dist/clinic-scheduler.js is ${size} bytes gzipped`).toBeLessThanOrEqual(
      CLASSIC_SCRIPT_CEILING,
    );
    // It holds no widget: Preact's hooks state (`__H`) survives minification.
    expect(built('clinic-scheduler.js').toString('utf8')).not.toContain('__H');
  });

  for (const [part, ceiling] of Object.entries(PART_CEILINGS)) {
    it(`the ${part} part, loaded on demand, stays within ${ceiling / 1024} KB gzipped`, () => {
      const file = partFile(part);
      const size = gzipBytes(file);
      expect(size, `dist/${file} is ${(size / 1024).toFixed(2)} KB gzipped`).toBeLessThanOrEqual(ceiling);
    });
  }

  it('ships Spanish only in its own chunk', () => {
    const spanish = 'Reserva en línea';
    const speaking = pageFiles().filter((file) => built(file).toString('utf8').includes(spanish));
    expect(speaking).toEqual([partFile('es')]);
  });

  it("keeps the later steps' English texts in the later part, out of the first screen", () => {
    const laterTexts = ['Confirm booking', 'Enter a phone number with 7 to 15 digits.', "You're booked"];
    const holding = (file: string) =>
      laterTexts.filter((text) => built(file).toString('utf8').includes(JSON.stringify(text).slice(1, -1)));
    expect(holding('clinic-scheduler.mjs')).toEqual([]);
    expect(holding(partFile('later'))).toEqual(laterTexts);
  });

  it("the parts use the first screen's Preact and signals instead of copying them", () => {
    // Preact's hooks state (`__H`) and signals' cycle check survive minification; a second copy
    // in a part would split the widget's state in two.
    const markers = ['__H', 'Cycle detected'];
    expect(
      markers.filter((marker) => built('clinic-scheduler.mjs').toString('utf8').includes(marker)),
    ).toEqual(markers);
    for (const part of Object.keys(PART_CEILINGS)) {
      const text = built(partFile(part)).toString('utf8');
      expect(
        markers.filter((marker) => text.includes(marker)),
        part,
      ).toEqual([]);
    }
  });

  it("carries the release's own slots-worker.js, once, as the text the page starts its worker from", () => {
    const module = built('clinic-scheduler.mjs').toString('utf8');
    const text = JSON.stringify(workerText(built('slots-worker.js').toString('utf8')));
    expect(module.split(text)).toHaveLength(2);
    expect(module).not.toContain('sourceMappingURL');
  });

  it('keeps luxon, the engine and the admin client out of the page bundles (but for the worker text)', () => {
    // Strings only luxon's or the engine's code contains: they survive minification, names don't.
    const markers = [
      'Invalid DateTime',
      'unsupported zone',
      'The change could not be computed.',
      'must not be before',
      // The admin's own API call (src/api/admin-client.ts) is no patient's business either.
      'The draft is larger than 5 MB.',
    ];
    const workerString = JSON.stringify(workerText(built('slots-worker.js').toString('utf8')));
    for (const file of pageFiles()) {
      // The worker's text is a string the page hands to a blob: worker; it never runs on the page.
      const text = built(file).toString('utf8').replace(workerString, '""');
      const found = markers.filter((marker) => text.includes(marker));
      expect(found, `dist/${file} contains engine, luxon or admin-only code`).toEqual([]);
    }
  });

  it('ships the engine to the worker (with luxon IANAZone, not its DateTime) and to Node, luxon external', () => {
    const worker = built('slots-worker.js').toString('utf8');
    expect(worker).toContain('h23');
    expect(worker).not.toContain('Invalid DateTime');
    const engine = built('engine.mjs').toString('utf8');
    expect(engine).toMatch(/from\s*["']luxon["']/);
    expect(engine).not.toContain('Invalid DateTime');
  });
});
