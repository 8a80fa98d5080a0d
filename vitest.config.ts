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
  'server/admin-page.test.ts',
];

/**
 * DOM tests that need a module graph and a page of their own: they replace a module (`vi.mock`),
 * watch a lazily loaded part (the booking steps, a language's messages) load for the first time,
 * or walk the page's history, where a file before them in a shared worker would have left its mark.
 */
const onFreshModules = [
  'src/embed/element.dom.test.ts',
  'src/widget/mount.dom.test.tsx',
  'src/widget/manage.dom.test.tsx',
  'src/widget/back-button-stale.dom.test.tsx',
  'src/widget/catalogue.dom.test.tsx',
  'src/widget/catalogue-reconnect.dom.test.tsx',
  'src/widget/catalogue-retry.dom.test.tsx',
  'src/widget/later-steps.dom.test.tsx',
  'src/widget/later-prefetch.dom.test.tsx',
  'src/widget/later-reconnect.dom.test.tsx',
];

/**
 * Node tests slow by nature, which `npm test` runs and the inner loop (`npm run check`) leaves out.
 * The product started the way its users start it, each from nothing: the server process killed
 * mid-booking and started again (`kill -9`), the demo on a new data folder inside Vite (`npm
 * start`) and inside the browser tests' origin, the CLIs through npm, and the SMART publication's
 * worker threads (each loads the engine anew; one is grown until its heap limit stops it).
 * Starting is the slow part (Node and tsx, a thread's module graph, or PGlite's initdb in
 * WebAssembly, seconds each). And the backups of a running server's PGlite folder, each a copy of
 * its thousand files flushed to the disk one by one: seconds of the kernel's time per backup.
 */
const slowByNature = [
  'server/crash.test.ts',
  'server/vite-plugin.test.ts',
  'server/cli/npm-scripts.test.ts',
  'interop/publish-in-worker.test.ts',
  'test/support/test-origin.test.ts',
  'server/store/backup.test.ts',
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
          // has a clinic of its own on the worker's database), and loading Fastify, PGlite's
          // WebAssembly and the engine once per file would be a third of the project's time.
          isolate: false,
          globalSetup: ['./test/support/pglite-setup.ts'],
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
            ...slowByNature,
          ],
        },
      },
      { extends: true, test: { name: 'slow', environment: 'node', include: slowByNature } },
      // The whole API suite again on a real PostgreSQL server (a throwaway cluster), with the tests
      // that need one: two server processes racing on one database.
      {
        extends: true,
        test: {
          name: 'server-postgres',
          environment: 'node',
          include: ['server/**/*.test.ts', 'src/api/client.integration.test.ts'],
          // The demo's dev server always runs on PGlite, and the CLIs read and write files only:
          // on PostgreSQL they would only run twice.
          // Backups of a PGlite folder likewise (PostgreSQL's are pg_dump's), and what a server
          // does across every clinic of a database of its own.
          exclude: [
            'node_modules/**',
            ...onBuiltFiles,
            'server/vite-plugin.test.ts',
            'server/cli/**',
            'server/store/backup.test.ts',
            'server/messages/earlier-reminders.test.ts',
          ],
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
          exclude: ['node_modules/**', ...onFreshModules],
          globalSetup: ['./test/support/pglite-setup.ts'],
          // One module graph per worker, as in the node project: importing Preact, the widget and
          // luxon again for each file was two thirds of the project's time.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'dom-fresh',
          environment: 'happy-dom',
          include: onFreshModules,
          setupFiles: ['./test/support/first-load-setup.ts'],
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
