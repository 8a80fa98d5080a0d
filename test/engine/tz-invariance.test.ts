import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runProbe } from './tz-probe-cases.ts';

const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const probe = fileURLToPath(new URL('./tz-probe.ts', import.meta.url));

describe('the machine’s time zone never leaks into results', () => {
  const expected = JSON.parse(JSON.stringify(runProbe()));

  it('has something to compare', () => {
    expect(expected.length).toBeGreaterThan(40);
  });

  it.each(['Pacific/Chatham', 'America/Santiago', 'Asia/Kathmandu', 'America/Havana'])(
    'gives identical results under TZ=%s',
    (zone) => {
      const output = execFileSync(tsx, [probe], {
        env: { ...process.env, TZ: zone },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(JSON.parse(output)).toEqual(expected);
    },
    60_000,
  );
});
