import { resolve } from 'node:path';
import { defineConfig } from 'vite';

/**
 * The engine for clinics' servers (`import { checkSlot } from 'clinic-scheduler/engine'`):
 * `dist/engine.mjs`, an unminified ES module for Node with luxon left as a dependency.
 */
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'node20',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    lib: {
      entry: resolve(import.meta.dirname, 'src/engine/index.ts'),
      formats: ['es'],
      fileName: () => 'engine.mjs',
    },
    rolldownOptions: {
      external: ['luxon'],
      output: { codeSplitting: false },
    },
  },
});
