/**
 * The name under which `slots-worker.js`, when loaded as a plain `<script>` on a page rather than
 * in a worker, exposes the engine for the main-thread fallback. Versioned so two widget versions on
 * one page never read each other's engine. No imports: the page bundle reads this constant.
 */
export const ENGINE_GLOBAL = 'ClinicSchedulerSlotEngine_v1';
