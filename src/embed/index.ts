/**
 * The embed's entry, built as `clinic-scheduler.mjs`. Importing it (or loading the classic
 * `clinic-scheduler.js`, which imports it) registers `<clinic-scheduler>` and exposes the one
 * global, `ClinicScheduler`, unless another copy (or the classic script's stand-in) already did.
 */
import { configure, defineElement, mount, preview } from './api.ts';
import { version } from './version.ts';

export type { EmbedOptions, MountHandle, PreviewHandle } from './api.ts';
export { ClinicSchedulerElement } from './element.ts';
export type { ClinicSchedulerEventMap } from './events.ts';
export { configure, mount, preview, version };

/** The global a `<script src>` page uses: `ClinicScheduler.mount(el, options)`. */
export interface ClinicSchedulerApi {
  mount: typeof mount;
  preview: typeof preview;
  version: string;
}

const api: ClinicSchedulerApi = Object.freeze({ mount, preview, version });

if (typeof window !== 'undefined' && typeof customElements !== 'undefined') {
  defineElement();
  if (!Object.hasOwn(window, 'ClinicScheduler')) {
    Object.defineProperty(window, 'ClinicScheduler', { value: api, configurable: true, writable: true });
  }
}

declare global {
  interface Window {
    ClinicScheduler?: ClinicSchedulerApi;
  }
}
