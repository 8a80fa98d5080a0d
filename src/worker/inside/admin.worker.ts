/**
 * The admin's worker entry, built into `dist/admin-worker.js`: the patient's worker plus lint and
 * diff, for the rules editor. Behaves like `slots.worker.ts` in a worker and on a page.
 */
import { adminEngine, adminMainThreadEngine } from './admin-engine.ts';
import { runWorkerEntry } from './worker-entry.ts';

runWorkerEntry(adminEngine, adminMainThreadEngine, 'admin');
