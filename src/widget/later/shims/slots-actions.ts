/** `actions/slots.ts` for the separately built later part: the page bundle's (see ../kit.ts). */
import type * as slots from '../../actions/slots.ts';
import { kit } from '../kit.ts';

export const markMonthStale: typeof slots.markMonthStale = (...args) => kit().markMonthStale(...args);
export const recheckChosenSlot: typeof slots.recheckChosenSlot = (...args) =>
  kit().recheckChosenSlot(...args);
export const openFirstAvailable: typeof slots.openFirstAvailable = (...args) =>
  kit().openFirstAvailable(...args);
