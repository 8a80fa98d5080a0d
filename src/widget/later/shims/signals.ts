/** `@preact/signals` for the separately built later part: the page bundle's (see ../kit.ts). */
import type * as signals from '@preact/signals';
import { kit } from '../kit.ts';

export const batch: typeof signals.batch = (fn) => kit().batch(fn);
export const computed: typeof signals.computed = (fn, options) => kit().computed(fn, options);
