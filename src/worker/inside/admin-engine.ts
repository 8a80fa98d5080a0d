/**
 * The admin's engine: what `admin-worker.js` carries. The patient's engine plus lint and diff, for
 * an editor that checks a draft and previews what it changes.
 */
import { diffRules } from '../../engine/diff.ts';
import { slotSteps } from '../../engine/generate.ts';
import { lintRules } from '../../engine/lint.ts';
import { validateRules } from '../../engine/validate.ts';
import type { WorkerEngine } from './handle-message.ts';
import { createMainThreadEngine } from './main-thread-engine.ts';

export const adminEngine: WorkerEngine = { slotSteps, validateRules, lintRules, diffRules };

/** The same engine for the degraded fallback on the page. */
export const adminMainThreadEngine = createMainThreadEngine(adminEngine);
