import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';

/**
 * The page bundle, in two formats from one entry (`CS_FORMAT=iife|es`, set by scripts/build.mjs):
 * `dist/clinic-scheduler.js`, a classic script for `<script src>`, and `dist/clinic-scheduler.mjs`,
 * an ES module. Neither contains the engine or luxon: slots are computed in `slots-worker.js`,
 * which the worker client loads from beside this script (src/worker/worker-source.ts).
 */
const format = process.env.CS_FORMAT === 'es' ? 'es' : 'iife';

/**
 * A classic script cannot share modules with chunks, so its on-demand parts are separate builds
 * (vite.parts.config.ts) imported from beside it. Each `x.ts` that imports a part has an
 * `x.classic.ts` twin doing that; this build takes the twin (src/worker/import-beside.ts).
 */
function classicTwins(): Plugin {
  return {
    name: 'clinic-scheduler:classic-twins',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (importer === undefined || !source.startsWith('.')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const twin = resolved?.id.replace(/\.ts$/, '.classic.ts');
      return twin !== undefined && twin !== resolved?.id && existsSync(twin) ? twin : resolved;
    },
  };
}

export default defineConfig({
  plugins: [...(format === 'iife' ? [classicTwins()] : []), preact()],
  // The ES build resolves anything relative to itself, wherever it is hosted.
  base: './',
  // An IIFE has no import.meta: say so instead of letting the bundler warn and guess. The worker
  // client then finds its script through document.currentScript (src/worker/worker-source.ts).
  define: format === 'iife' ? { 'import.meta.url': 'undefined' } : {},
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    copyPublicDir: false,
    // Everything in one file: a classic script cannot load chunks, and one request is fastest.
    assetsInlineLimit: Number.POSITIVE_INFINITY,
    lib: {
      entry: resolve(import.meta.dirname, format === 'es' ? 'src/embed/index.ts' : 'src/embed/classic.ts'),
      formats: [format],
      name: 'ClinicSchedulerBundle',
      fileName: () => (format === 'es' ? 'clinic-scheduler.mjs' : 'clinic-scheduler.js'),
    },
    rolldownOptions: {
      // Vite keeps whitespace in ES libraries; these files are also loaded as they are by
      // <script type="module">, so minify them fully. The ES build's on-demand parts become
      // chunks beside it, imported by relative URL (a bundler follows them).
      output: {
        codeSplitting: format === 'es',
        minify: true,
        chunkFileNames: 'clinic-scheduler-chunk-[hash].mjs',
      },
    },
  },
});
