/**
 * The JavaScript API for frameworks and scripts: `ClinicScheduler.mount(el, options)` puts a
 * `<clinic-scheduler>` inside `el` and returns a handle to update or remove it. It goes through
 * the same table of options as the element's attributes, so options are validated and reported
 * exactly as in HTML.
 */

import { ClinicSchedulerElement } from './element.ts';
import {
  checkContainer,
  ELEMENT_NAME,
  type EmbedOptions,
  LOADED_TWICE,
  type MountHandle,
  type PreviewHandle,
  previewWith,
} from './handles.ts';
import { EMBED_OPTIONS, type EmbedOptionKey } from './options.ts';

export type { EmbedOptions, MountHandle, PreviewHandle } from './handles.ts';

/**
 * Registers `<clinic-scheduler>` unless a copy of this script already did (two script tags, or
 * the classic and the module build on one page): the first registration wins and is kept.
 */
export function defineElement(registry: CustomElementRegistry = customElements): void {
  const existing = registry.get(ELEMENT_NAME);
  if (existing === undefined) {
    registry.define(ELEMENT_NAME, ClinicSchedulerElement);
  } else if (existing !== ClinicSchedulerElement) {
    console.warn(LOADED_TWICE);
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
  checkContainer(el);
  defineElement();
  const element = el.ownerDocument.createElement(ELEMENT_NAME);
  configure(element, options);
  el.append(element);
  return {
    element,
    update: (next) => configure(element, next),
    destroy: () => element.remove(),
  };
}

/**
 * Mounts the admin's preview inside `el`: the slots a draft rules document produces, with
 * booking disabled. Nothing is fetched.
 */
export function preview(el: Element, options: EmbedOptions & { rules: unknown }): PreviewHandle {
  return previewWith(mount, el, options);
}

/**
 * Gives options to a `<clinic-scheduler>` element as values (its `options`, `rules` as the
 * property), merged over the ones given before, as `mount()` and `update()` do; a key set to
 * `undefined` goes back to its default. The options that style the element (theme, nonce) are set
 * as its attributes instead: its CSS and its style fallback read them there.
 */
export function configure(element: ClinicSchedulerElement, options: EmbedOptions): void {
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
