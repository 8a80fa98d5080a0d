import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { probe } from './zone-probe.ts';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url).pathname;

describe("the machine's zone", () => {
  it.each(['Pacific/Chatham', 'America/Santiago', 'Asia/Kolkata'])(
    'changes nothing in the import or the publication when it is %s',
    async (zone) => {
      const { stdout } = await run('node_modules/.bin/tsx', ['test/interop/zone-probe.ts'], {
        cwd: root,
        env: { ...process.env, TZ: zone },
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(stdout).toBe(probe());
    },
    30_000,
  );
});
