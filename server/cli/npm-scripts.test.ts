/**
 * The two CLIs as users start them: through npm, each a process of its own. Starting Node and tsx
 * twice is most of the test's two seconds, so it belongs with the tests of the product started
 * from nothing (vitest.config.ts): `npm test` runs it, `npm run check` does not. The CLIs'
 * behaviour is tested in-process in cli.test.ts.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;
const BUNDLE = join(root, 'test/fixtures/fhir/riverside-r4-bundle.json');
const MAPPING = join(root, 'test/fixtures/fhir/riverside-mapping.json');
const NOW = '2026-11-23T12:00:00Z';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'interop-npm-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the npm scripts', () => {
  it('run both CLIs end to end', async () => {
    const rules = join(dir, 'scripted.json');
    await run(
      'npm',
      ['run', '-s', 'import:fhir', '--', BUNDLE, '--mapping', MAPPING, '--now', NOW, '--out', rules],
      { cwd: root },
    );
    const { stdout } = await run(
      'npm',
      [
        'run',
        '-s',
        'publish:smart',
        '--',
        '--rules',
        rules,
        '--out',
        join(dir, 'scripted'),
        '--base-url',
        'https://clinic.example',
        '--now',
        NOW,
        '--days',
        '7',
      ],
      { cwd: root },
    );
    expect(stdout).toMatch(/^Wrote 4 files to .*: 1 locations, 2 schedules, \d+ free and \d+ busy slots\.\n/);
  }, 60_000);
});
