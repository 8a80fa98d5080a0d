/**
 * The JavaScript API for frameworks and scripts: `ClinicScheduler.mount(el, options)` puts a
 * `<clinic-scheduler>` inside `el` and returns a handle to update or remove it. It goes through
 * the same table of options as the element's attributes, so options are validated and reported
 * exactly as in HTML.
 */

import type { WidgetOptions } from '../widget/options.ts';
import { ClinicSchedulerElement } from './element.ts';
import { EMBED_OPTIONS, type EmbedOptionKey } from './options.ts';

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

export const ELEMENT_NAME = 'clinic-scheduler';

/**
 * Registers `<clinic-scheduler>` unless a copy of this script already did (two script tags, or
 * the classic and the module build on one page): the first registration wins and is kept.
 */
export function defineElement(registry: CustomElementRegistry = customElements): void {
  const existing = registry.get(ELEMENT_NAME);
  if (existing === undefined) {
    registry.define(ELEMENT_NAME, ClinicSchedulerElement);
  } else if (existing !== ClinicSchedulerElement) {
    console.warn(
      '[clinic-scheduler] LOADED_TWICE: the widget script is on this page more than once; the first copy is used.',
    );
  }
}

/**
 * Mounts a booking widget inside `el` (any element, e.g. a React ref's `div`).
 *
 * @example
 * const widget = ClinicScheduler.mount(document.querySelector('#booking'), { apiBase: '/api', locale: 'es' });
 * widget.update({ providerId: 'dr-lee' });
 * widget.destroy();
 */
export function mount(el: Element, options: EmbedOptions = {}): MountHandle {
  if (!(el instanceof Element))
    throw new TypeError('ClinicScheduler.mount: the first argument must be an element.');
  defineElement();
  const element = el.ownerDocument.createElement(ELEMENT_NAME);
  applyOptions(element, options);
  el.append(element);
  return {
    element,
    update: (next) => applyOptions(element, next),
    destroy: () => element.remove(),
  };
}

/**
 * Mounts the admin's preview inside `el`: the slots a draft rules document produces, with
 * booking disabled. Nothing is fetched.
 */
export function preview(el: Element, options: EmbedOptions & { rules: unknown }): PreviewHandle {
  const handle = mount(el, { ...options, mode: 'preview' });
  return {
    ...handle,
    update: (next) => handle.update({ ...next, mode: 'preview' }),
    setRules: (rules) => handle.update({ rules }),
  };
}

/**
 * Gives options to the element as values (its `options`, `rules` as the property), merged over the
 * ones given before; a key set to `undefined` goes back to its default. The options that style the
 * element (theme, nonce) are set as its attributes instead: its CSS and its style fallback read
 * them there.
 */
function applyOptions(element: ClinicSchedulerElement, options: EmbedOptions): void {
  if ('rules' in options) element.rules = options.rules;
  const given: Record<string, unknown> = element.options;
  for (const { key, attribute, ...entry } of EMBED_OPTIONS) {
    if (!(key in options)) continue;
    const value = options[key as EmbedOptionKey & keyof EmbedOptions];
    const unset = value === undefined || value === null;
    if ('styling' in entry) {
      if (unset) element.removeAttribute(attribute);
      else element.setAttribute(attribute, String(value));
    } else if (unset) delete given[key];
    else given[key] = value;
  }
  element.options = given;
}
