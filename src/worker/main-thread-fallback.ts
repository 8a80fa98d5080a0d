/**
 * The degraded fallback's page-side code: loading the engine into the page and running a job on
 * the main thread in slices. Only a page where no worker can run needs it, so a build ships it
 * beside the page bundle as `clinic-scheduler-fallback.mjs`, imported on demand (client.ts).
 */
export { loadEngine } from './engine-loader.ts';
export { runOnMainThread } from './main-thread-runner.ts';
