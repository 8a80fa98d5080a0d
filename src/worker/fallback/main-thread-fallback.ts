/**
 * The degraded fallback's page-side code: loading the engine into the page and running a job on
 * the main thread in steps. Only a page where no worker can run needs it, so it is imported on
 * demand (client.ts) and the bundler makes it a chunk of its own (`clinic-scheduler-fallback-*.mjs`).
 */
export { loadEngine } from './engine-loader.ts';
export { runOnMainThread } from './main-thread-runner.ts';
