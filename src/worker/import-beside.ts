/**
 * Parts of the page bundle that most visits never need (the Spanish catalogue, the steps after the
 * calendar, the no-worker fallback) are loaded when needed, so the script a page loads first holds
 * only what the first screen shows. The ES build, dev and tests use plain `import()` (a bundler
 * follows it and makes its own chunks). The classic script cannot share modules with chunks, so
 * there each part is a separate build beside it in dist/, imported from there by the `*.classic.ts`
 * importers (a classic script may `import()` like any module; from another origin the file needs
 * CORS, docs/embedding.md).
 */
import { besideScript, bundleUrl } from './worker-source.ts';

/** Attempts per file, so a retry after a failure asks the network again (see below). */
const attempts = new Map<string, number>();

/**
 * The module `file` from beside the page bundle. A failed module fetch stays failed in the
 * browser's module map for that URL, so each retry asks for a fresh URL (`?attempt=N`, added to
 * the script's own query).
 * @example await importBeside<{ es: Messages }>('clinic-scheduler-es.mjs')
 */
export function importBeside<T>(file: string): Promise<T> {
  const base = bundleUrl();
  if (base === null) {
    return Promise.reject(new Error(`${file} cannot be found: the widget's script URL is unknown.`));
  }
  const attempt = attempts.get(file) ?? 0;
  const url = besideScript(file, base);
  if (attempt > 0) url.searchParams.set('attempt', String(attempt));
  return (import(/* @vite-ignore */ url.href) as Promise<T>).catch((error: unknown) => {
    attempts.set(file, attempt + 1);
    throw error;
  });
}
