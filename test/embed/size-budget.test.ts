/**
 * Size budgets on the files clinics actually load (gzip, as served). `npm test` builds first;
 * run `npm run build` before `npm run size` on its own.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const dist = resolve(import.meta.dirname, '../../dist');

/** Budgets in bytes, gzip level 9. */
const BUDGETS = {
  'slots-worker.js': 35 * 1024,
} as const;

/**
 * The page bundle's budget is 20 KB (issue 5) and it is NOT met yet: it is 36.9 KB
 * (docs/benchmarks.md breaks it down). Until the widget is cut down to fit, this ceiling keeps it
 * from growing further; lower it with every reduction, and drop it for the real budget when met.
 */
const PAGE_BUNDLE_TARGET = 20 * 1024;
const PAGE_BUNDLE_CEILING = 37 * 1024;

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

  it.todo(
    `dist/clinic-scheduler.js is at most ${PAGE_BUNDLE_TARGET / 1024} KB gzipped (issue 5; not met yet)`,
  );

  it('keeps luxon and the engine out of the page bundles', () => {
    // Strings only luxon's or the engine's code contains: they survive minification, names don't.
    const markers = [
      'Invalid DateTime',
      'unsupported zone',
      'The change could not be computed.',
      'must not be before',
    ];
    for (const file of ['clinic-scheduler.js', 'clinic-scheduler.mjs']) {
      const text = built(file).toString('utf8');
      const found = markers.filter((marker) => text.includes(marker));
      expect(found, `dist/${file} contains engine or luxon code`).toEqual([]);
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
