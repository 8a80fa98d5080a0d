/**
 * Loads the later part of the widget (src/widget/later/index.ts) on demand: when a step of it is
 * shown, or ahead of time once the first screen is ready (`prefetchLaterSteps`), so a patient
 * who picks a time rarely waits. One load per page, shared by every widget on it.
 */
import { signal } from '@preact/signals';
import { addLaterEnglish } from './i18n/index.ts';

/** The later part's module; the bundler makes it a chunk of its own (`clinic-scheduler-later-*.mjs`). */
export type LaterSteps = typeof import('./later/index.ts');

/** The later part once loaded; `failed` after a load that did not succeed (a retry may). */
export const laterSteps = signal<LaterSteps | 'loading' | 'failed' | null>(null);

let loading: Promise<LaterSteps | null> | null = null;

/** Starts loading the later part unless it is loaded or on its way; resolves `null` on failure. */
export function loadLaterSteps(): Promise<LaterSteps | null> {
  const state = laterSteps.peek();
  if (typeof state === 'object' && state !== null) return Promise.resolve(state);
  if (loading === null) {
    laterSteps.value = 'loading';
    loading = import('./later/index.ts').then(
      (steps) => {
        addLaterEnglish(steps.enLater);
        laterSteps.value = steps;
        return steps;
      },
      () => {
        loading = null;
        laterSteps.value = 'failed';
        console.warn(
          '[clinic-scheduler] ASSET_FAILED: clinic-scheduler-later-*.mjs (beside the script) could not be loaded; the booking steps after the calendar cannot be shown until it can.',
        );
        return null;
      },
    );
  }
  return loading;
}

/** Loads the later part when the browser is idle, ahead of the patient's need for it. */
export function prefetchLaterSteps(): void {
  if (laterSteps.peek() !== null) return;
  const idle = (globalThis as { requestIdleCallback?: (run: () => void, o: { timeout: number }) => void })
    .requestIdleCallback;
  if (idle) idle(() => void loadLaterSteps(), { timeout: 2000 });
  else setTimeout(() => void loadLaterSteps(), 200);
}
