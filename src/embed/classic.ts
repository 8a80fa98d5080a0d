/**
 * `dist/clinic-scheduler.js`, the classic `<script src>` for pages that cannot write
 * `type="module"`: it imports the widget's module (`clinic-scheduler.mjs`) from beside itself and
 * stands in for `window.ClinicScheduler` until the module has run, so a page may call `mount()`
 * on the next line. It holds none of the widget: `<clinic-scheduler>` elements upgrade when the
 * module defines them, and show their own content (a phone number, say) until then.
 */
import { handOverScriptTag } from '../worker/client/script-tag.ts';
import {
  checkContainer,
  ELEMENT_NAME,
  type EmbedOptions,
  LOADED_TWICE,
  type MountHandle,
  previewWith,
} from './handles.ts';
import type { ClinicSchedulerApi } from './index.ts';
import { version } from './version.ts';

type WidgetModule = typeof import('./index.ts');

const MODULE_FILE = 'clinic-scheduler.mjs';

/**
 * Imports the module, asking twice: on a phone's flaky link the first request is often the one
 * that fails, and a browser fetches a failed module again when asked again.
 */
function importWidget(scriptUrl: string): Promise<WidgetModule> {
  // Without the script's query: the module's chunks import it by its plain name, and a second URL
  // would run a second copy of the widget beside the first.
  const url = new URL(MODULE_FILE, scriptUrl).href;
  const load = () => import(/* @vite-ignore */ url) as Promise<WidgetModule>;
  return load().catch(load);
}

/**
 * `mount()` before the module is here: the handle and its element at once (a page may listen on
 * it), the options kept in order, and the element put in `el` once the module can run it.
 */
function standInMount(loaded: Promise<WidgetModule>) {
  let widget: WidgetModule | null = null;
  loaded.then(
    (module) => (widget = module),
    () => {},
  );
  return (el: Element, options: EmbedOptions = {}): MountHandle => {
    if (widget !== null) return widget.mount(el, options);
    checkContainer(el);
    const element = el.ownerDocument.createElement(ELEMENT_NAME) as MountHandle['element'];
    let waiting: EmbedOptions[] | null = [options];
    let removed = false;
    void loaded.then(
      (module) => {
        if (removed || waiting === null) return;
        // Upgraded before its options are set, or they would hide the element's own properties.
        customElements.upgrade(element);
        for (const given of waiting) module.configure(element, given);
        waiting = null;
        el.append(element);
      },
      () => {},
    );
    return {
      element,
      update(next) {
        if (waiting !== null) waiting.push(next);
        else widget?.configure(element, next);
      },
      destroy() {
        removed = true;
        element.remove();
      },
    };
  };
}

/**
 * Without the module there is no widget: each `<clinic-scheduler>` keeps showing its own content,
 * and the page hears why (the console, and `cs-error` on each element, as the widget reports).
 */
function reportNoWidget(): void {
  console.error(
    `[clinic-scheduler] ASSET_FAILED: ${MODULE_FILE} (beside the script) could not be loaded; from another origin it must be served with Access-Control-Allow-Origin.`,
  );
  for (const element of document.querySelectorAll(ELEMENT_NAME)) {
    const detail = { code: 'ASSET_FAILED', message: 'The booking form could not be loaded.' };
    element.dispatchEvent(new CustomEvent('cs-error', { detail, bubbles: true, composed: true }));
  }
}

function start(): void {
  const script = document.currentScript;
  if (!(script instanceof HTMLScriptElement) || script.src === '') {
    console.error(
      `[clinic-scheduler] SCRIPT_URL_UNKNOWN: load clinic-scheduler.js with <script src>, not as inline text; it finds ${MODULE_FILE} beside itself.`,
    );
    return;
  }
  // Another copy of the widget (this script again, or the module) keeps the page: see api.ts.
  if (Object.hasOwn(window, 'ClinicScheduler')) {
    console.warn(LOADED_TWICE);
    return;
  }
  handOverScriptTag({ src: script.src, nonce: script.nonce ?? '' });
  const loaded = importWidget(script.src);
  loaded.catch(reportNoWidget);
  const mount = standInMount(loaded);
  const api: ClinicSchedulerApi = Object.freeze({
    mount,
    preview: (el: Element, options: EmbedOptions & { rules: unknown }) => previewWith(mount, el, options),
    version,
  });
  Object.defineProperty(window, 'ClinicScheduler', { value: api, configurable: true, writable: true });
}

start();
