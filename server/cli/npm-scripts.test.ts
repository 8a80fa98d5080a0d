/**
 * The two CLIs as users start them: through npm, each a process of its own. Starting Node and tsx
 * twice is most of the test's two seconds, so it belongs with the tests of the product started
 * from nothing (vitest.config.ts): `npm test` runs it, `npm run check` does not. The CLIs'
 * behaviour is tested in-process in cli.test.ts.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BUNDLE, MAPPING, NOW, outputFolder, ROOT } from './test-fixtures.ts';

const run = promisify(execFile);
const folder = outputFolder('interop-npm-');

describe('the npm scripts', () => {
  it('run both CLIs end to end', async () => {
    const rules = folder.in('scripted.json');
    await run(
      'npm',
      ['run', '-s', 'import:fhir', '--', BUNDLE, '--mapping', MAPPING, '--now', NOW, '--out', rules],
      { cwd: ROOT },
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
        folder.in('scripted'),
        '--base-url',
        'https://clinic.example',
        '--now',
        NOW,
        '--days',
        '7',
      ],
      { cwd: ROOT },
    );
    expect(stdout).toMatch(/^Wrote 4 files to .*: 1 locations, 2 schedules, \d+ free and \d+ busy slots\.\n/);
  }, 60_000);
});
