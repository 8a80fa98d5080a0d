/** How the classic script imports the Spanish catalogue: `clinic-scheduler-es.mjs` beside it. */
import { importBeside } from '../../worker/import-beside.ts';
import type { Messages } from './messages.ts';

export function importSpanish(): Promise<Messages> {
  return importBeside<{ es: Messages }>('clinic-scheduler-es.mjs').then((module) => module.es);
}
