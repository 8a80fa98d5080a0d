/**
 * The patient's worker entry, built into `dist/slots-worker.js`: slots and validate only (lint and
 * diff live in `admin.worker.ts`). In a worker it answers requests with `handleMessage`; loaded as
 * a plain `<script>` on a page (the degraded fallback) it only exposes the engine on `globalThis`.
 */

import { patientEngine, patientMainThreadEngine } from './patient-engine.ts';
import { runWorkerEntry } from './worker-entry.ts';

runWorkerEntry(patientEngine, patientMainThreadEngine, 'patient');
