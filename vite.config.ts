import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig, type InlineConfig, type Plugin } from 'vite';
import { workerText } from './scripts/worker-text.ts';
import { clinicApiPlugin } from './server/vite-plugin.ts';

/**
 * The project's one Vite config, read top to bottom:
 * - the default export is the dev server of `npm start`: the demo clinic website (index.html), the
 *   admin page (admin.html) and the reference clinic API at /api, whose bookings persist in the
 *   demo's data folder outside the repository (server/vite-plugin.ts, `demoDataDir`);
 * - `OUTPUTS` is every file `npm run build` writes to dist/, in the order scripts/build.ts builds
 *   them (each a complete config of its own: one Vite build cannot emit an IIFE and ES chunks).
 */
export default defineConfig({
  plugins: [preact(), clinicApiPlugin()],
  optimizeDeps: { include: ['luxon', 'preact', 'preact/hooks', '@preact/signals'] },
  server: { port: 5173, strictPort: false },
});

const root = import.meta.dirname;
const src = (path: string) => resolve(root, 'src', path);

/** What every output shares: one dist/ (so never emptied by one build), minified, no public/. */
function output(build: InlineConfig['build'], extra: InlineConfig = {}): InlineConfig {
  return {
    root,
    configFile: false,
    publicDir: false,
    logLevel: 'warn',
    ...extra,
    build: { outDir: 'dist', emptyOutDir: false, minify: true, sourcemap: false, ...build },
  };
}

/**
 * A worker bundle: the engine and luxon as ONE classic script. Classic (IIFE) rather than a module
 * so that a same-origin `blob:` bootstrap can `importScripts()` it from the vendor's origin, clinics
 * can self-host it, and the no-worker fallback can load it into the page as a plain `<script>`.
 */
function workerBundle(entry: string, file: string, name: string): InlineConfig {
  return output({
    target: 'esnext',
    sourcemap: true,
    lib: { entry: src(entry), formats: ['iife'], name, fileName: () => file },
  });
}

/** Stands in the module's minified text for the worker's code; see `inlineSlotWorker`. */
export const WORKER_TEXT_MARK = '__CLINIC_SCHEDULER_SLOT_WORKER_TEXT__';

/**
 * Gives the widget's module the text of the `slots-worker.js` just built (OUTPUTS builds the
 * workers first): src/worker/client/inline-worker.ts exports it, and the client starts a page's
 * cross-origin worker from a `blob:` of it. The text goes in once the chunk is minified, as one
 * JSON string exactly as the file reads (without its source map comment), rather than through the
 * minifier, which would re-quote and re-escape 60 KB of code for nothing.
 */
function inlineSlotWorker(): Plugin {
  const placeholder = src('worker/client/inline-worker.ts');
  return {
    name: 'clinic-scheduler:inline-slot-worker',
    load(id) {
      if (id !== placeholder) return null;
      return `export const INLINE_SLOT_WORKER = ${JSON.stringify(WORKER_TEXT_MARK)};`;
    },
    async generateBundle(_options, bundle) {
      const text = workerText(await readFile(resolve(root, 'dist/slots-worker.js'), 'utf8'));
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.code.includes(WORKER_TEXT_MARK)) continue;
        const marks = chunk.code.split(WORKER_TEXT_MARK).length - 1;
        if (marks !== 1 || !chunk.isEntry) {
          throw new Error(
            `build: the worker's text belongs once in the entry, found ${marks} in ${chunk.fileName}`,
          );
        }
        // The quotes the minifier chose around the mark go with it.
        chunk.code = chunk.code.replace(new RegExp(`(["'\`])${WORKER_TEXT_MARK}\\1`), () =>
          JSON.stringify(text),
        );
        if (chunk.code.includes(WORKER_TEXT_MARK)) {
          throw new Error(`build: the worker's text could not replace its mark in ${chunk.fileName}`);
        }
      }
    },
  };
}

/** The page's parts loaded on demand, named by the module each starts from. */
const PARTS: Record<string, string> = {
  [src('widget/later/index.ts')]: 'later',
  [src('widget/i18n/es.ts')]: 'es',
  [src('worker/fallback/main-thread-fallback.ts')]: 'fallback',
};

export const OUTPUTS: Record<string, InlineConfig> = {
  /** `slots-worker.js`: the patient's worker, slots and validate, under the patient's budget. */
  'slots-worker': workerBundle(
    'worker/inside/slots.worker.ts',
    'slots-worker.js',
    'ClinicSchedulerSlotWorker',
  ),
  /** `admin-worker.js`: the same plus lint and diff, for the rules editor. */
  'admin-worker': workerBundle(
    'worker/inside/admin.worker.ts',
    'admin-worker.js',
    'ClinicSchedulerAdminWorker',
  ),

  /**
   * `clinic-scheduler.mjs`: the widget as an ES module, with the bundler's own chunks for what the
   * first screen does not need (`clinic-scheduler-later-*.mjs`, `-es-*`, `-fallback-*`: plain
   * `import()`s, hashed names). No engine, no luxon in its code: slots are computed in the worker
   * (src/worker/client/worker-source.ts). The entry may gain exports for its chunks
   * (`allow-extension`), so everything the first screen runs is this one file: a shared chunk would
   * be one more request in a row before the first slots. It carries the text of `slots-worker.js`
   * (`inlineSlotWorker`), from which a page on another origin starts its worker.
   */
  page: output(
    {
      target: 'es2022',
      // Everything inline: the widget's assets (its CSS) come with the script, in one request.
      assetsInlineLimit: Number.POSITIVE_INFINITY,
      lib: { entry: src('embed/index.ts'), formats: ['es'], fileName: () => 'clinic-scheduler.mjs' },
      rolldownOptions: {
        preserveEntrySignatures: 'allow-extension',
        output: {
          // Vite keeps whitespace in ES libraries; <script type="module"> loads these files as
          // they are, so minify them fully.
          minify: true,
          // V8's explicit compile hint: compile every function of the file eagerly, on a
          // background thread while it streams in, rather than lazily on the main thread at
          // each one's first call. Nearly all of this file runs at start, so the hint takes that
          // compiling out of the module's first task (docs/benchmarks.md, "The start's tasks").
          postBanner: (chunk) => (chunk.isEntry ? '//# allFunctionsCalledOnLoad' : ''),
          chunkFileNames: (chunk) =>
            `clinic-scheduler-${PARTS[chunk.facadeModuleId ?? ''] ?? 'chunk'}-[hash].mjs`,
        },
      },
    },
    { plugins: [preact(), inlineSlotWorker()], base: './' },
  ),

  /**
   * `clinic-scheduler.js`: the classic `<script src>` for pages that cannot write
   * `type="module"`: a few lines that import `clinic-scheduler.mjs` from beside themselves and
   * stand in for the JavaScript API until it arrives (src/embed/classic.ts).
   */
  classic: output({
    target: 'es2022',
    lib: {
      entry: src('embed/classic.ts'),
      formats: ['iife'],
      name: 'ClinicSchedulerLoader',
      fileName: () => 'clinic-scheduler.js',
    },
  }),

  /**
   * `engine.mjs`: the engine for clinics' servers (`import { checkSlot } from
   * 'clinic-scheduler/engine'`), an unminified ES module for Node with luxon left as a dependency.
   */
  engine: output({
    target: 'node20',
    minify: false,
    lib: { entry: src('engine/index.ts'), formats: ['es'], fileName: () => 'engine.mjs' },
    rolldownOptions: { external: ['luxon'], output: { codeSplitting: false } },
  }),

  /** `admin/`: the admin page (admin.html) as the clinic server serves it, at `/admin/`. */
  admin: output(
    { outDir: 'dist/admin', emptyOutDir: true, rolldownOptions: { input: resolve(root, 'admin.html') } },
    // public/ as in the demo: the page's own assets and the published schemas.
    { plugins: [preact()], base: '/admin/', publicDir: resolve(root, 'public') },
  ),
};
