/**
 * How the no-worker fallback's page-side code is imported: by plain `import()` in dev, tests and
 * the ES build. The classic script swaps in import-fallback.classic.ts (vite.embed.config.ts).
 */
export type Fallback = typeof import('./main-thread-fallback.ts');

export function importFallback(): Promise<Fallback> {
  return import('./main-thread-fallback.ts');
}
