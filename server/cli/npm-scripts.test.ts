/**
 * The CLIs as users start them: through npm, each a process of its own, and the staff commands
 * beside a real server process on PGlite. Starting Node and tsx is most of each test's seconds,
 * so they belong with the tests of the product started from nothing (vitest.config.ts): `npm test`
 * runs them, `npm run check` does not. The interop CLIs' behaviour is tested in-process in
 * cli.test.ts.
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startServerProcess } from '../../test/support/server-process.ts';
import { FIXTURE_RULES, TEST_PASSWORD } from '../testing.ts';
import { BUNDLE, MAPPING, NOW, outputFolder, ROOT } from './test-fixtures.ts';

const run = promisify(execFile);

/** `npm run admin:create` with the password on standard input, as a script would give it. */
function adminCreate(
  email: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('npm', ['run', '-s', 'admin:create', '--', '--email', email], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdin.end(`${TEST_PASSWORD}\n`);
  return new Promise((done) => child.once('close', (code) => done({ code, stdout, stderr })));
}
const folder = outputFolder('interop-npm-');

/** `npm run serve` with `env`, until it exits: its exit code and what it printed. */
function serveUntilExit(env: Record<string, string>) {
  return run('npm', ['run', '-s', 'serve'], { cwd: ROOT, env: { ...process.env, ...env } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
}

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

  it('create the first admin on a new PGlite folder before the server starts, and refuse to run beside it', async () => {
    const env = { DATA_DIR: folder.in('pglite'), RULES_FILE: FIXTURE_RULES };
    const created = await adminCreate('ana@clinic.example', env);
    expect(created).toEqual({
      code: 0,
      stdout: 'Created admin ana@clinic.example for clinic default.\n',
      stderr: '',
    });
    const server = await startServerProcess(env);
    try {
      const signIn = await fetch(`${server.origin}/api/staff/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: server.origin },
        body: JSON.stringify({ email: 'ana@clinic.example', password: TEST_PASSWORD }),
      });
      expect(signIn.status).toBe(200);
      // A second PostgreSQL on the server's files would write where the server cannot see it.
      const beside = await adminCreate('ben@clinic.example', env);
      expect(beside.code).toBe(1);
      expect(beside.stdout).toBe('');
      expect(beside.stderr).toContain(`The data folder ${env.DATA_DIR} is open in another process`);
      expect((await fetch(`${server.origin}/readyz`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  }, 90_000);

  it('stop the server at start with a sentence: a bad setting, and a database it cannot reach (without its password)', async () => {
    expect(await serveUntilExit({ TRUST_PROXY: 'yes' })).toEqual({
      code: 1,
      stdout: '',
      stderr: 'TRUST_PROXY is 1 (on) or 0 (off); it is "yes".\n',
    });
    expect(await serveUntilExit({ DATABASE_URL: 'postgres://clinic:s3cret-pw@127.0.0.1:1/clinic' })).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'clinic server: the PostgreSQL server of DATABASE_URL (127.0.0.1:1/clinic): connect ECONNREFUSED 127.0.0.1:1\n',
    });
  }, 60_000);
});
