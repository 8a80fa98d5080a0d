import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

/**
 * The page bundle's lazily loaded parts, one ES module per build (`CS_PART`, set by
 * scripts/build.mjs), each imported on demand from beside the page bundle
 * (src/widget/import-beside.ts):
 * - `es`: `dist/clinic-scheduler-es.mjs`, the Spanish catalogue (only pages that speak Spanish).
 */
const PARTS = {
  es: { entry: 'src/widget/i18n/es.ts', file: 'clinic-scheduler-es.mjs' },
} as const;

const name = (process.env.CS_PART ?? '') as keyof typeof PARTS;
const part = PARTS[name];
if (part === undefined)
  throw new Error(`vite.parts.config.ts: CS_PART must be one of ${Object.keys(PARTS).join(', ')}`);

export default defineConfig({
  plugins: [preact()],
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    lib: { entry: resolve(import.meta.dirname, part.entry), formats: ['es'], fileName: () => part.file },
    rolldownOptions: { output: { codeSplitting: false, minify: true } },
  },
});
