import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';

/**
 * The page bundle's lazily loaded parts, one ES module per build (`CS_PART`, set by
 * scripts/build.mjs), each imported on demand from beside the page bundle
 * (src/widget/import-beside.ts):
 * - `es`: `dist/clinic-scheduler-es.mjs`, the Spanish catalogue (only pages that speak Spanish);
 * - `later`: `dist/clinic-scheduler-later.mjs`, the steps after the calendar (src/widget/later/);
 * - `fallback`: `dist/clinic-scheduler-fallback.mjs`, the page side of the no-worker fallback.
 */
const PARTS = {
  es: { entry: 'src/widget/i18n/es.ts', file: 'clinic-scheduler-es.mjs' },
  later: { entry: 'src/widget/later/index.ts', file: 'clinic-scheduler-later.mjs' },
  fallback: { entry: 'src/worker/main-thread-fallback.ts', file: 'clinic-scheduler-fallback.mjs' },
} as const;

const name = (process.env.CS_PART ?? '') as keyof typeof PARTS;
const part = PARTS[name];
if (part === undefined) {
  throw new Error(`vite.parts.config.ts: CS_PART must be one of ${Object.keys(PARTS).join(', ')}`);
}

const src = (path: string) => resolve(import.meta.dirname, 'src', path);
const shims = (file: string) => src(`widget/later/shims/${file}`);

/** Imports the later part takes from the page bundle through the kit (src/widget/later/kit.ts). */
const BORROWED_PACKAGES: Record<string, string> = {
  'preact/jsx-runtime': shims('jsx-runtime.ts'),
  'preact/hooks': shims('hooks.ts'),
  '@preact/signals': shims('signals.ts'),
};
const BORROWED_MODULES: Record<string, string> = {
  [src('widget/actions/rules.ts')]: shims('rules-actions.ts'),
  [src('widget/actions/slots.ts')]: shims('slots-actions.ts'),
};
/** Modules whose second copy would split the widget's state in two: the build refuses them. */
const NEVER_COPIED = [
  /node_modules\/preact\//,
  /node_modules\/@preact\//,
  /src\/widget\/(state|later-steps|i18n\/index)\.ts$/,
];

/** Points the later part's shared imports at the kit's shims, and checks nothing slipped in. */
function borrowFromPageBundle(): Plugin {
  return {
    name: 'clinic-scheduler:borrow-from-page-bundle',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (source in BORROWED_PACKAGES) return BORROWED_PACKAGES[source];
      if (importer === undefined || !source.startsWith('.')) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const shim = resolved ? BORROWED_MODULES[resolved.id] : undefined;
      return shim ?? resolved;
    },
    generateBundle(_, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const copied = Object.keys(chunk.modules).filter((id) => NEVER_COPIED.some((re) => re.test(id)));
        if (copied.length > 0) this.error(`the later part must borrow, not copy: ${copied.join(', ')}`);
      }
    },
  };
}

export default defineConfig({
  plugins: [...(name === 'later' ? [borrowFromPageBundle()] : []), preact()],
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
