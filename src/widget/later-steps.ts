/**
 * Loads the later part of the widget (src/widget/later/index.ts) on demand: when a step of it is
 * shown, or ahead of time once the first screen is ready (`prefetchLaterSteps`), so a patient
 * who picks a time rarely waits. One load per page, shared by every widget on it.
 */
import { batch, signal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { Fragment, jsx, jsxs } from 'preact/jsx-runtime';
import { importBeside } from '../worker/import-beside.ts';
import { refreshRules, startCalendar } from './actions/rules.ts';
import { markMonthStale, openFirstAvailable } from './actions/slots.ts';
import type { Kit } from './later/kit.ts';

export type LaterSteps = Omit<typeof import('./later/index.ts'), 'installKit'>;

/** The later part once loaded; `failed` after a load that did not succeed (a retry may). */
export const laterSteps = signal<LaterSteps | 'loading' | 'failed' | null>(null);

let loading: Promise<LaterSteps | null> | null = null;

/** Starts loading the later part unless it is loaded or on its way; resolves `null` on failure. */
export function loadLaterSteps(): Promise<LaterSteps | null> {
  const state = laterSteps.peek();
  if (typeof state === 'object' && state !== null) return Promise.resolve(state);
  if (loading === null) {
    laterSteps.value = 'loading';
    loading = importLater().then(
      (steps) => {
        laterSteps.value = steps;
        return steps;
      },
      () => {
        loading = null;
        laterSteps.value = 'failed';
        console.warn(
          '[clinic-scheduler] ASSET_FAILED: clinic-scheduler-later.mjs (beside the script) could not be loaded; the booking steps after the calendar cannot be shown until it can.',
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

async function importLater(): Promise<LaterSteps> {
  // Dev and tests import the source (the page's own modules, no kit); a build imports the file
  // `npm run build` puts beside the page bundle and lends it the page's modules.
  if (import.meta.env.DEV) return import('./later/index.ts');
  const later = await importBeside<typeof import('./later/index.ts')>('clinic-scheduler-later.mjs');
  later.installKit(pageKit);
  return later;
}

const pageKit: Kit = {
  jsx,
  jsxs,
  Fragment,
  useEffect,
  useRef,
  batch,
  refreshRules,
  startCalendar,
  markMonthStale,
  openFirstAvailable,
};
