/**
 * What the lazily loaded steps borrow from the page bundle when they are built apart from it
 * (`dist/clinic-scheduler-later.mjs`). Preact's hooks, signals' batching and the slot and rules
 * actions keep state in their modules (the component being rendered, the months in flight), so
 * the later part must use the page bundle's own copies, never second ones. Its build points
 * those imports at the shims in ./shims/, which call through to the kit the page installs.
 * In dev and tests the steps import the real modules and no kit is involved.
 */
import type { batch, computed } from '@preact/signals';
import type { useEffect, useRef } from 'preact/hooks';
import type { Fragment, jsx, jsxs } from 'preact/jsx-runtime';
import type { chooseInitial, refreshRules, startCalendar } from '../actions/rules.ts';
import type { markMonthStale, openFirstAvailable, recheckChosenSlot } from '../actions/slots.ts';

export interface Kit {
  jsx: typeof jsx;
  jsxs: typeof jsxs;
  Fragment: typeof Fragment;
  useEffect: typeof useEffect;
  useRef: typeof useRef;
  batch: typeof batch;
  computed: typeof computed;
  chooseInitial: typeof chooseInitial;
  refreshRules: typeof refreshRules;
  startCalendar: typeof startCalendar;
  markMonthStale: typeof markMonthStale;
  recheckChosenSlot: typeof recheckChosenSlot;
  openFirstAvailable: typeof openFirstAvailable;
}

let installed: Kit | null = null;

/** Called by the page bundle right after importing the later part, before rendering any of it. */
export function installKit(kit: Kit): void {
  installed = kit;
}

/** The installed kit; the shims only call it while rendering or acting, after installation. */
export function kit(): Kit {
  if (installed === null) throw new Error('clinic-scheduler: the later steps were used before installKit().');
  return installed;
}
