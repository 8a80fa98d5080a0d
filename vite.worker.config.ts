import { defineConfig } from 'vite';

/**
 * Builds one worker bundle, chosen by `CS_WORKER` (set by scripts/build.mjs):
 * - `patient` (the default): `dist/slots-worker.js`, slots and validate, under the patient's budget;
 * - `admin`: `dist/admin-worker.js`, the same plus lint and diff, for the rules editor.
 * Each is the engine + luxon as ONE classic script, minified. Classic (IIFE) rather than a module
 * so that a same-origin `blob:` bootstrap can `importScripts()` it from the vendor's origin, clinics
 * can self-host it, and the degraded fallback can load it into the page as a plain `<script>`.
 * Two builds rather than two entries: an IIFE cannot share chunks, and Vite has no config arrays.
 * Run: `npx vite build -c vite.worker.config.ts` (add `CS_WORKER=admin` for the admin worker).
 */
const admin = process.env.CS_WORKER === 'admin';

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
      entry: admin ? 'src/worker/admin.worker.ts' : 'src/worker/slots.worker.ts',
      formats: ['iife'],
      name: admin ? 'ClinicSchedulerAdminWorker' : 'ClinicSchedulerSlotWorker',
      fileName: () => (admin ? 'admin-worker.js' : 'slots-worker.js'),
    },
  },
});
