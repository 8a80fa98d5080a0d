/**
 * The patient's engine: what `slots-worker.js` carries. Slots and validation only; lint and diff
 * are imported from nowhere in this graph, which keeps them (and their size) out of the bundle.
 */
import { slotSteps } from '../../engine/generate.ts';
import { validateRules } from '../../engine/validate.ts';
import type { WorkerEngine } from './handle-message.ts';
import { createMainThreadEngine } from './main-thread-engine.ts';

export const patientEngine: WorkerEngine = { slotSteps, validateRules };

/** The same engine for the degraded fallback on the page. */
export const patientMainThreadEngine = createMainThreadEngine(patientEngine);
