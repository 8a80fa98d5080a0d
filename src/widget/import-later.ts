/**
 * How the later part is imported: by plain `import()` in dev, tests and the ES build (a bundler
 * follows it). The classic script swaps in import-later.classic.ts (vite.embed.config.ts).
 */
export type LaterSteps = Omit<typeof import('./later/index.ts'), 'installKit'>;

export function importLater(): Promise<LaterSteps> {
  return import('./later/index.ts');
}
