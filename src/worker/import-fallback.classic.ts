/** How the classic script imports the fallback's code: `clinic-scheduler-fallback.mjs` beside it. */

import { importBeside } from './import-beside.ts';
import type { Fallback } from './import-fallback.ts';

export function importFallback(): Promise<Fallback> {
  return importBeside<Fallback>('clinic-scheduler-fallback.mjs');
}
