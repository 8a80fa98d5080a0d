import preact from '@preact/preset-vite';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_LAUNCH } from './test/support/chromium.ts';
import { sandboxProxy } from './test/support/sandbox-proxy.ts';

/**
 * The Node tests of the code that computes times (the engine, the FHIR import and the SMART
 * publication), run again with the process's own zone (TZ) set to `zone`: their exact values must
 * not change. The one proof that nothing reads the machine's zone.
 */
function inMachineZone(zone: string) {
  return {
    extends: true as const,
    test: {
      name: `tz-${zone.split('/')[1]!.toLowerCase()}`,
      environment: 'node',
      include: ['src/engine/**/*.test.ts', 'test/engine/**/*.test.ts', 'interop/**/*.test.ts'],
      exclude: ['**/*.browser.test.*', 'node_modules/**'],
      env: { TZ: zone, EXPECTED_MACHINE_ZONE: zone },
    },
  };
}

/** Node tests that read the built files (dist/): `npm test` builds first, `npm run check` does not. */
const onBuiltFiles = [
  'test/embed/size-budget.test.ts',
  'test/embed/package-exports.test.ts',
  'server/static.test.ts',
];

const patientInTokyo = 'test/widget/browser-zone.browser.test.tsx';
const forcedColors = 'test/widget/forced-colors.browser.test.tsx';

/** A Vitest project in real headless Chromium; `context` sets Playwright's browser context (e.g. its zone). */
function browserProject(
  name: string,
  include: string[],
  extra: { exclude?: string[] },
  context: { timezoneId?: string; forcedColors?: 'active' } = {},
) {
  return {
    extends: true as const,
    plugins: [sandboxProxy()],
    test: {
      name,
      include,
      exclude: ['node_modules/**', ...(extra.exclude ?? [])],
      globalSetup: ['./test/support/global-setup.ts'],
      testTimeout: 30_000,
      hookTimeout: 30_000,
      browser: {
        enabled: true,
        headless: true,
        screenshotFailures: false,
        provider: playwright({
          launchOptions: CHROMIUM_LAUNCH,
          contextOptions: context,
          actionTimeout: 10_000,
        }),
        instances: [{ browser: 'chromium' as const }],
      },
    },
  };
}

export default defineConfig({
  plugins: [preact()],
  optimizeDeps: { include: ['luxon', 'preact', 'preact/hooks', '@preact/signals', 'axe-core'] },
  test: {
    reporters: ['default', './test/support/ci-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          // One module graph per worker, not per file: the files share no state (each server test
          // has its own database and clinic), and loading Fastify, PGlite's WebAssembly and the
          // engine once per file would be a third of the project's time.
          isolate: false,
          include: [
            'src/**/*.test.ts',
            'interop/**/*.test.ts',
            'test/**/*.test.ts',
            'server/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          exclude: [
            '**/*.dom.test.*',
            '**/*.browser.test.*',
            '**/*.tz-guard.test.ts',
            '**/*.postgres.test.ts',
            'node_modules/**',
            ...onBuiltFiles,
          ],
        },
      },
      // The whole API suite again on a real PostgreSQL server (a throwaway cluster), with the tests
      // that need one: two server processes racing on one database.
      {
        extends: true,
        test: {
          name: 'server-postgres',
          environment: 'node',
          include: ['server/**/*.test.ts', 'src/api/client.integration.test.ts'],
          // The demo's dev server always runs on PGlite: on PostgreSQL it would only run twice.
          exclude: ['node_modules/**', ...onBuiltFiles, 'server/vite-plugin.test.ts'],
          globalSetup: ['./test/support/postgres-setup.ts'],
          setupFiles: ['./test/support/postgres-env.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      { extends: true, test: { name: 'built', environment: 'node', include: onBuiltFiles } },
      // The time-computing suites again with the machine in other zones: results must not change.
      inMachineZone('Pacific/Chatham'),
      inMachineZone('America/Santiago'),
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['src/**/*.dom.test.{ts,tsx}', 'test/**/*.dom.test.{ts,tsx}'],
        },
      },
      browserProject('browser', ['src/**/*.browser.test.{ts,tsx}', 'test/**/*.browser.test.{ts,tsx}'], {
        exclude: [patientInTokyo, forcedColors],
      }),
      // The same Chromium with its own clock in Tokyo while the sample clinic is in New York: the
      // widget must read the patient's zone from the browser and show both.
      browserProject('browser-tokyo', [patientInTokyo], {}, { timezoneId: 'Asia/Tokyo' }),
      // Windows' high-contrast themes: the chosen day and time must stay visible.
      browserProject('browser-forced-colors', [forcedColors], {}, { forcedColors: 'active' }),
    ],
  },
});
