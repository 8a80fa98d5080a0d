/**
 * What `mount()` and `preview()` return, shared by the module's API (api.ts) and the classic
 * script's stand-in for it (classic.ts), which must not carry the widget itself.
 */
import type { WidgetOptions } from '../widget/options.ts';
import type { ClinicSchedulerElement } from './element.ts';

/**
 * Options for `mount()` and `preview()`: the widget's options (the element's attributes in
 * camelCase, plus `rules`) and the two attributes that only style the element.
 */
export interface EmbedOptions extends Partial<WidgetOptions> {
  theme?: 'light' | 'dark' | 'auto';
  /** The page's CSP nonce, for the fallback `<style>` in browsers without constructed stylesheets. */
  nonce?: string;
}

export interface MountHandle {
  /** The `<clinic-scheduler>` element (events are dispatched on it and bubble to `el`). */
  readonly element: ClinicSchedulerElement;
  /** Changes some options; a key set to `undefined` goes back to its default. */
  update(options: EmbedOptions): void;
  /** Removes the widget and ends its worker, timers and listeners. */
  destroy(): void;
}

export interface PreviewHandle extends MountHandle {
  /** Shows another draft rules document. */
  setRules(rules: unknown): void;
}

/** `mount` or the classic script's stand-in for it. */
export type Mount = (el: Element, options?: EmbedOptions) => MountHandle;

/** `preview` on top of a `mount`: the mode stays `preview` whatever is updated. */
export function previewWith(
  mountWidget: Mount,
  el: Element,
  options: EmbedOptions & { rules: unknown },
): PreviewHandle {
  const handle = mountWidget(el, { ...options, mode: 'preview' });
  return {
    ...handle,
    update: (next) => handle.update({ ...next, mode: 'preview' }),
    setRules: (rules) => handle.update({ rules }),
  };
}

export const ELEMENT_NAME = 'clinic-scheduler';

export const LOADED_TWICE =
  '[clinic-scheduler] LOADED_TWICE: the widget script is on this page more than once; the first copy is used.';

export function checkContainer(el: unknown): asserts el is Element {
  if (!(el instanceof Element))
    throw new TypeError('ClinicScheduler.mount: the first argument must be an element.');
}
