/**
 * Size budgets on the files clinics actually load (gzip, as served). `npm test` builds first;
 * run `npm run build` before `npm run size` on its own.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

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
 * The page script's ceiling. What patients feel is the time to the first slots, so this holds
 * the size where it is rather than chase a byte target: docs/benchmarks.md prints the first
 * slots against their physical floor, where the script's bytes are a small share. Growth past it
 * is a choice to make in the open, with the first-slots figures beside it. It holds the start of
 * an earlier-time offer's link (src/widget/actions/open-offer.ts: the offer is asked for with the
 * page, as a manage link's booking is, because the first patient to accept takes the time), about
 * 0.1 KB; the rest of the offer's code is in the later part. The slot client's queue, worker
 * bridge and policies are three classes (job-queue.ts, worker-bridge.ts, watchdog-client.ts), each
 * with its own private fields, about 0.1 KB more than one class. It holds the calendar's location
 * filter and each time's place (src/widget/components/LocationFilter.tsx, `locationsFor`), about
 * 0.3 KB: the filter is drawn with the calendar, so it cannot wait for the later part.
 */
const PAGE_BUNDLE_CEILING = 35.5 * 1024;

/**
 * Everything the first screen downloads before its first slots: page script and worker (classic
 * build). The worker's share holds the validation of intake questions and the hours per type and
 * location.
 */
const FIRST_SCREEN_CEILING = 55.5 * 1024;

/**
 * The classic script's on-demand parts (src/worker/import-beside.ts), held where they are so that
 * moving code out of the first script into them cannot go unnoticed either. The later part and
 * the Spanish catalogue hold the earlier-time opt-in and the offer view with their texts (about
 * 1.8 KB and 0.3 KB). The later part also holds the intake questions of the details step: their
 * fields, the answers' checks shared with the server (src/intake.ts) and their texts (about 2.3 KB).
 * The Spanish catalogue holds the texts of the questions, the location filter and the offers.
 */
const PART_CEILINGS = {
  'clinic-scheduler-later.mjs': 14.25 * 1024,
  'clinic-scheduler-es.mjs': 3.75 * 1024,
  'clinic-scheduler-fallback.mjs': 1.75 * 1024,
} as const;

/**
 * The ES build (for bundlers and `<script type="module">`) splits its first screen into the entry
 * and a chunk it shares with the later part, held together like the classic script. That chunk
 * carries what both use (the API client, with the change-policy and earlier-offer calls), which is
 * why this ceiling sits above the classic page script's. Like it, it holds the start of an offer's
 * link, the slot client's three classes and the location filter (0.3 KB).
 */
const ES_FIRST_SCREEN_CEILING = 38.25 * 1024;

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

/** Every file the page side may load: the two entries, the classic parts, the ES build's chunks. */
function pageFiles(): string[] {
  return readdirSync(dist).filter((file) => /^clinic-scheduler.*\.m?js$/.test(file));
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

  it(`dist/clinic-scheduler.js does not grow past its current ${PAGE_BUNDLE_CEILING / 1024} KB gzipped`, () => {
    const size = gzipBytes('clinic-scheduler.js');
    expect(size, `dist/clinic-scheduler.js is ${(size / 1024).toFixed(1)} KB gzipped`).toBeLessThanOrEqual(
      PAGE_BUNDLE_CEILING,
    );
  });

  it(`the first screen (page script and worker) stays within ${FIRST_SCREEN_CEILING / 1024} KB gzipped`, () => {
    const size = gzipBytes('clinic-scheduler.js') + gzipBytes('slots-worker.js');
    expect(size, `the first screen is ${(size / 1024).toFixed(1)} KB gzipped`).toBeLessThanOrEqual(
      FIRST_SCREEN_CEILING,
    );
  });

  for (const [file, ceiling] of Object.entries(PART_CEILINGS)) {
    it(`dist/${file}, loaded on demand, stays within ${ceiling / 1024} KB gzipped`, () => {
      const size = gzipBytes(file);
      expect(size, `dist/${file} is ${(size / 1024).toFixed(2)} KB gzipped`).toBeLessThanOrEqual(ceiling);
    });
  }

  it(`the ES build's first screen (its entry and what it imports statically) stays within ${ES_FIRST_SCREEN_CEILING / 1024} KB gzipped`, () => {
    const files = staticClosure('clinic-scheduler.mjs');
    expect(files.length).toBeGreaterThan(1);
    const size = files.reduce((sum, file) => sum + gzipBytes(file), 0);
    expect(size, `${files.join(' + ')} are ${(size / 1024).toFixed(1)} KB gzipped`).toBeLessThanOrEqual(
      ES_FIRST_SCREEN_CEILING,
    );
  });

  it('ships the on-demand parts beside both entries, and Spanish only in its own file', () => {
    const files = pageFiles();
    for (const file of Object.keys(PART_CEILINGS)) expect(files).toContain(file);
    expect(files.filter((file) => file.startsWith('clinic-scheduler-chunk-')).length).toBeGreaterThan(0);
    const spanish = 'Reserva en línea';
    const speaking = files.filter((file) => built(file).toString('utf8').includes(spanish));
    expect(speaking.sort()).toEqual([
      expect.stringMatching(/^clinic-scheduler-chunk-[\w-]+\.mjs$/),
      'clinic-scheduler-es.mjs',
    ]);
  });

  it("keeps the later steps' English texts in the later part, out of the page script", () => {
    const laterTexts = ['Confirm booking', 'Enter a phone number with 7 to 15 digits.', "You're booked"];
    const holding = (file: string) =>
      laterTexts.filter((text) => built(file).toString('utf8').includes(JSON.stringify(text).slice(1, -1)));
    expect(holding('clinic-scheduler.js')).toEqual([]);
    expect(holding('clinic-scheduler-later.mjs')).toEqual(laterTexts);
  });

  it('the later part borrows Preact and signals from the page script instead of copying them', () => {
    // Preact's hooks state (`__H`) and signals' cycle check survive minification; the page script
    // has them, the separately built later part must not (a second copy would split the state).
    const markers = ['__H', 'Cycle detected'];
    const page = built('clinic-scheduler.js').toString('utf8');
    const later = built('clinic-scheduler-later.mjs').toString('utf8');
    expect(markers.filter((marker) => page.includes(marker))).toEqual(markers);
    expect(markers.filter((marker) => later.includes(marker))).toEqual([]);
  });

  it('keeps luxon, the engine and the admin client out of the page bundles', () => {
    // Strings only luxon's or the engine's code contains: they survive minification, names don't.
    const markers = [
      'Invalid DateTime',
      'unsupported zone',
      'The change could not be computed.',
      'must not be before',
      // The admin's own API call (src/api/admin-client.ts) is no patient's business either.
      'The draft is larger than 5 MB.',
    ];
    for (const file of pageFiles()) {
      const text = built(file).toString('utf8');
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
