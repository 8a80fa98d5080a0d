/**
 * Size budgets on the files clinics actually load (gzip, as served). `npm test` builds first;
 * run `npm run build` before `npm run size` on its own.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const dist = resolve(import.meta.dirname, '../../dist');

/** Budgets in bytes, gzip level 9. */
const BUDGETS = {
  'slots-worker.js': 35 * 1024,
} as const;

/**
 * The page bundle's budget is 20 KB (issue 5) and it is NOT met yet: the script a page loads is
 * 31.2 KB (docs/benchmarks.md breaks it down). Until the widget is cut down to fit, this ceiling
 * keeps it from growing; lower it with every reduction, and drop it for the real budget when met.
 * Raised from 30.5 KB for fixes that had to be on the first screen: Trusted Types pages,
 * right-to-left pages, forced colours, "today" moving on for a patient back at a tab left open,
 * and retrying what failed offline once the network is back. Raised again, from 31 KB, for a
 * tap on a day bringing its times into view on a phone, the phone link under a host's
 * `<base target>` and quirks-mode pages (82 bytes, 50 of them paid by moving the admin
 * client's lint and diff out); and to 31.25 KB for reminder-email links that choose the visit,
 * the provider and the day (165 bytes), which the booking issue asks for; and to 32.75 KB for
 * what a patient tripped over (issue 17): one zone per visit, a day's times a page at a time and
 * a month of 1-minute slots grouped cheaply, a chosen day without times that offers the next,
 * the region's name, and the current appointment marked when rescheduling.
 */
const PAGE_BUNDLE_TARGET = 20 * 1024;
const PAGE_BUNDLE_CEILING = 32.75 * 1024;

/**
 * The classic script's on-demand parts (src/worker/import-beside.ts), held where they are so that
 * moving code out of the first script into them cannot go unnoticed either. The later part's was
 * raised from 7.5 KB for the check that a patient's answer fits who the visit is for, then from
 * 7.75 KB to 8.75 KB for issue 17: the visit's one other time, messages that wait for the press
 * that left a field, refusals worded by their reason, booking again after a cancellation, the
 * email's actions, both times on a rescheduling review, and the calendar file's reminder.
 */
const PART_CEILINGS = {
  'clinic-scheduler-later.mjs': 8.75 * 1024,
  'clinic-scheduler-es.mjs': 2.5 * 1024,
  'clinic-scheduler-fallback.mjs': 1.75 * 1024,
} as const;

/**
 * The ES build (for bundlers and `<script type="module">`) splits its first screen into the entry
 * and a chunk it shares with the later part: 33.5 KB together, held here like the classic script
 * (raised from 33 KB, then from 33.5 KB, with the classic script's ceiling, for the same
 * first-screen fixes, and to 35 KB with it for issue 17).
 */
const ES_FIRST_SCREEN_CEILING = 35 * 1024;

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
    expect(
      size,
      `dist/clinic-scheduler.js is ${(size / 1024).toFixed(1)} KB gzipped: it must shrink toward ${PAGE_BUNDLE_TARGET / 1024} KB, not grow`,
    ).toBeLessThanOrEqual(PAGE_BUNDLE_CEILING);
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

  it.todo(
    `dist/clinic-scheduler.js is at most ${PAGE_BUNDLE_TARGET / 1024} KB gzipped (issue 5; not met yet)`,
  );

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

  it('ships the engine to the worker and to Node, with luxon external for Node', () => {
    const worker = built('slots-worker.js').toString('utf8');
    expect(worker).toContain('Invalid DateTime');
    const engine = built('engine.mjs').toString('utf8');
    expect(engine).toMatch(/from\s*["']luxon["']/);
    expect(engine).not.toContain('Invalid DateTime');
  });
});
