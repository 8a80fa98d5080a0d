import { defineConfig } from 'vite';

/**
 * Builds `dist/slots-worker.js`: the slot worker (engine + luxon) as ONE classic script, minified.
 * Classic (IIFE) rather than a module so that a same-origin `blob:` bootstrap can `importScripts()`
 * it from the vendor's origin, clinics can self-host it, and the degraded fallback can load it
 * into the page as a plain `<script>`. Run: `npx vite build -c vite.worker.config.ts`.
 */
export default defineConfig({
  // No public/ copy and no index.html: this build emits the worker file only.
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'esnext',
    minify: true,
    sourcemap: true,
    lib: {
      entry: 'src/worker/slots.worker.ts',
      formats: ['iife'],
      name: 'ClinicSchedulerSlotWorker',
      fileName: () => 'slots-worker.js',
    },
  },
});
