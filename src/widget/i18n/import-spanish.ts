/**
 * How the Spanish catalogue is imported: by plain `import()` in dev, tests and the ES build. The
 * classic script swaps in import-spanish.classic.ts (vite.embed.config.ts).
 */
import type { Messages } from './messages.ts';

export function importSpanish(): Promise<Messages> {
  return import('./es.ts').then((module) => module.es);
}
