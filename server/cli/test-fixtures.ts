/**
 * What the CLIs' tests share (in-process, or npm-scripts.test.ts through npm): the Riverside FHIR
 * bundle with its mapping, the instant they run at, a temporary folder per test file for what the
 * CLIs write, and an io that keeps what a CLI printed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../store/database.ts';
import type { CliIo } from './cli-io.ts';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const BUNDLE = join(ROOT, 'test/fixtures/fhir/riverside-r4-bundle.json');
export const MAPPING = join(ROOT, 'test/fixtures/fhir/riverside-mapping.json');
export const NOW = '2026-11-23T12:00:00Z';

/** A folder made before the file's tests and removed after them; `in(name)` is a path inside it. */
export function outputFolder(prefix: string): { in(name: string): string } {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return { in: (name) => join(dir, name) };
}

/**
 * A CLI's io that keeps what it printed (`out`, `err`), with the clock at `now`, on `database`
 * when given (else the environment's).
 */
export function captured(now = Date.parse(NOW), database?: Database): CliIo & { out: string; err: string } {
  const io = {
    database,
    out: '',
    err: '',
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
    now: () => now,
  };
  return io;
}
