/**
 * How the classic script imports the later part: `clinic-scheduler-later.mjs`, built apart from it
 * (vite.parts.config.ts), from beside the script, lent the page's own modules (./later/kit.ts).
 */
import { batch, computed } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { Fragment, jsx, jsxs } from 'preact/jsx-runtime';
import { importBeside } from '../worker/import-beside.ts';
import { chooseInitial, refreshRules, startCalendar } from './actions/rules.ts';
import { markMonthStale, openFirstAvailable, recheckChosenSlot } from './actions/slots.ts';
import type { LaterSteps } from './import-later.ts';

export async function importLater(): Promise<LaterSteps> {
  const later = await importBeside<typeof import('./later/index.ts')>('clinic-scheduler-later.mjs');
  later.installKit({
    jsx,
    jsxs,
    Fragment,
    useEffect,
    useRef,
    batch,
    computed,
    chooseInitial,
    refreshRules,
    startCalendar,
    markMonthStale,
    recheckChosenSlot,
    openFirstAvailable,
  });
  return later;
}
