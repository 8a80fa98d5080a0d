/**
 * The patient's slot worker as text, carried inside the widget's module so that a page embedding
 * it from another origin starts the worker from a `blob:` of this text: no second request after
 * the module, and no wait for a worker thread to start before that request could even be sent.
 * Both lie on the way to the first slots (docs/benchmarks.md, "First slots on screen").
 *
 * `null` here, and so in Vite dev, in Vitest and in the admin page's build, which start their
 * workers from URLs; `npm run build` gives the widget's module the text of the `slots-worker.js`
 * built beside it (vite.config.ts, `inlineSlotWorker`), so the two are always the same release.
 */
export const INLINE_SLOT_WORKER: string | null = null;
