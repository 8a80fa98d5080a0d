/**
 * How this project starts Chromium, for the browser tests and the benchmarks alike: Debian's
 * build (tools that download their own browser cannot run here), with the flags that keep it from
 * reaching for the network at start (this machine's network is closed).
 */
export const CHROMIUM_EXECUTABLE = '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Playwright launch options for that Chromium, with a launch timeout. */
export const CHROMIUM_LAUNCH = { executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_FLAGS, timeout: 30_000 };
