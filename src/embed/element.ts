/**
 * `<clinic-scheduler>`: the custom element a clinic pastes into its page. It owns one shadow
 * root (open), puts the widget inside it, turns attribute changes into widget updates and, when
 * removed, tears everything down (the widget ends its worker, timers and listeners). Each element
 * is independent, so several can live on one page.
 */

import { mountWidget } from '../widget/mount.tsx';
import type { WidgetOptions } from '../widget/options.ts';
import widgetCss from '../widget/styles.css?inline';
import { scriptNonce } from '../worker/client/worker-source.ts';
import embedCss from './embed.css?inline';
import { createHostEmitter } from './events.ts';
import { keepKeysInside } from './keys.ts';
import {
  EMBED_OPTIONS,
  type EmbedOptionKey,
  type EmbedProblem,
  OBSERVED_ATTRIBUTES,
  parseAttributes,
  type RawAttributes,
} from './options.ts';
import { renderProblems, reportProblems } from './problems.ts';
import { adoptStyles, findNonce } from './styles.ts';

type WidgetHandle = ReturnType<typeof mountWidget>;

/**
 * Every widget option key (the options that only style the element are not the widget's), so an
 * update can clear a value whose attribute was removed.
 */
const WIDGET_KEYS: readonly (keyof WidgetOptions)[] = [
  ...EMBED_OPTIONS.filter((entry) => !('styling' in entry)).map((entry) => entry.key as keyof WidgetOptions),
  'rules',
];

/** Option values given as a JavaScript object (`mount()`), by key. */
export type GivenOptions = Partial<Record<EmbedOptionKey, unknown>>;

export class ClinicSchedulerElement extends HTMLElement {
  static get observedAttributes(): readonly string[] {
    return OBSERVED_ATTRIBUTES;
  }

  readonly #notices: HTMLElement;
  readonly #widgetRoot: HTMLElement;
  readonly #emit = createHostEmitter(this);
  #rules: unknown;
  #given: GivenOptions = {};
  #widget: WidgetHandle | undefined;
  #widgetMode: WidgetOptions['mode'] | undefined;
  /** Problems already reported while connected, so an unrelated update doesn't warn again. */
  #reported = new Set<string>();
  #renderQueued = false;

  constructor() {
    super();
    const shadow = this.attachShadow({ mode: 'open' });
    keepKeysInside(shadow);
    const doc = this.ownerDocument;
    const frame = doc.createElement('div');
    frame.className = 'cs-embed';
    this.#notices = doc.createElement('div');
    this.#notices.className = 'cs-embed-notices';
    this.#notices.setAttribute('part', 'notices');
    this.#notices.hidden = true;
    this.#widgetRoot = doc.createElement('div');
    this.#widgetRoot.className = 'cs-embed-widget';
    frame.append(this.#notices, this.#widgetRoot);
    shadow.append(frame);
  }

  /** The draft rules document shown in `mode="preview"` (a property: documents are not attributes). */
  get rules(): unknown {
    return this.#rules;
  }

  set rules(value: unknown) {
    this.#rules = value;
    this.#queueRender();
  }

  /**
   * Options as values, as `mount()` passes them: each key given here wins over its attribute, and
   * a key left out falls back to the attribute. They are checked exactly as attributes are. The
   * options that style the element (theme, nonce) count only as attributes, where its CSS reads them.
   */
  get options(): GivenOptions {
    return { ...this.#given };
  }

  set options(value: GivenOptions) {
    this.#given = { ...value };
    this.#queueRender();
  }

  connectedCallback(): void {
    this.#takeEarlyProperty();
    const nonce = findNonce(this, scriptNonce());
    adoptStyles(this.shadowRoot!, [embedCss], nonce);
    // The widget's own CSS in a task before its first render (src/widget/mount.tsx): parsed in the
    // task that evaluates the script, it would lengthen that long task on a slow phone.
    setTimeout(() => adoptStyles(this.shadowRoot!, [embedCss, widgetCss], nonce), 0);
    this.#render();
  }

  /**
   * A move is a removal and an insertion in one task (a framework re-ordering its children, a
   * host putting the widget into a dialog): the patient's progress stays. Only an element still
   * out of the document once the task's microtasks run is torn down.
   */
  disconnectedCallback(): void {
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.#destroyWidget();
      this.#reported.clear();
    });
  }

  attributeChangedCallback(_name: string, previous: string | null, next: string | null): void {
    if (previous !== next) this.#queueRender();
  }

  /**
   * A framework may set `rules` before the element is defined: that value sits on the instance
   * and would hide the class's setter. Move it through the setter instead.
   */
  #takeEarlyProperty(): void {
    if (!Object.hasOwn(this, 'rules')) return;
    const value = (this as { rules?: unknown }).rules;
    delete (this as { rules?: unknown }).rules;
    this.#rules = value;
  }

  /** Several attribute changes in one task become one update. */
  #queueRender(): void {
    if (this.#renderQueued || !this.isConnected) return;
    this.#renderQueued = true;
    queueMicrotask(() => {
      if (this.#renderQueued && this.isConnected) this.#render();
    });
  }

  /** Renders now; an update queued before it is then already drawn (the upgrade queues one per attribute). */
  #render(): void {
    this.#renderQueued = false;
    const parsed = parseAttributes(this.#readAttributes(), this.ownerDocument.baseURI, this.#rules);
    const options = parsed.options;
    if (parsed.problems.some((problem) => problem.fatal)) {
      this.#showProblems(parsed.problems);
      this.#destroyWidget();
      return;
    }
    const failure = this.#applyToWidget(options);
    this.#showProblems(failure === undefined ? parsed.problems : [...parsed.problems, failure]);
  }

  /**
   * Updates the widget, or mounts a fresh one when there is none or the mode changed. A widget
   * that throws is taken down and reported like a configuration problem, never left half-drawn.
   */
  #applyToWidget(options: WidgetOptions): EmbedProblem | undefined {
    try {
      if (this.#widget !== undefined && this.#widgetMode === options.mode) {
        this.#widget.update(withEveryKey(options));
        return undefined;
      }
      this.#destroyWidget();
      this.#widget = mountWidget(this.#widgetRoot, options, { emit: this.#emit });
      this.#widgetMode = options.mode;
      return undefined;
    } catch (thrown) {
      this.#destroyWidget();
      this.#widgetRoot.replaceChildren();
      const reason = thrown instanceof Error ? thrown.name : 'an exception';
      return { code: 'WIDGET_FAILED', message: `the widget could not start (${reason}).`, fatal: true };
    }
  }

  #showProblems(problems: EmbedProblem[]): void {
    renderProblems(this.#notices, problems);
    const fresh = problems.filter((problem) => !this.#reported.has(problemKey(problem)));
    this.#reported = new Set(problems.map(problemKey));
    if (fresh.length > 0) reportProblems(fresh, this.#emit);
  }

  #destroyWidget(): void {
    const widget = this.#widget;
    this.#widget = undefined;
    this.#widgetMode = undefined;
    try {
      widget?.destroy();
    } catch {
      // Whatever it left behind goes with its root: nothing of it may stay on the page.
      this.#widgetRoot.replaceChildren();
    }
  }

  #readAttributes(): RawAttributes {
    const raw: RawAttributes = {};
    for (const entry of EMBED_OPTIONS) {
      const given = 'styling' in entry ? undefined : this.#given[entry.key];
      raw[entry.attribute] =
        given === undefined || given === null ? this.getAttribute(entry.attribute) : String(given);
    }
    return raw;
  }
}

function problemKey(problem: EmbedProblem): string {
  return `${problem.code}\n${problem.message}`;
}

/** The options with every key present, `undefined` where unset, so an update clears removed values. */
function withEveryKey(options: WidgetOptions): WidgetOptions {
  const full: Record<string, unknown> = {};
  for (const key of WIDGET_KEYS) full[key] = options[key];
  return full as unknown as WidgetOptions;
}

declare global {
  interface HTMLElementTagNameMap {
    'clinic-scheduler': ClinicSchedulerElement;
  }
}
