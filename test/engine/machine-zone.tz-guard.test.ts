import { expect, it } from 'vitest';

/**
 * Runs only in the tz-* projects (vitest.config.ts), which re-run the engine's and the interop's
 * suites with the machine's zone changed. This proves the change took: without it those projects would
 * pass for the wrong reason.
 */
it('runs with the machine zone the project asked for', () => {
  const expected = process.env.EXPECTED_MACHINE_ZONE;
  expect(expected).toBeTruthy();
  expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(expected);
  // A local-time Date reading, which the engine never does, must see that zone too.
  const offsetMinutes = -new Date(Date.UTC(2026, 0, 15, 12)).getTimezoneOffset();
  expect(offsetMinutes).toBe(expected === 'Pacific/Chatham' ? 825 : -180);
});
