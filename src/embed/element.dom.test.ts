import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WidgetOptions } from '../widget/options.ts';

// The widget itself is tested elsewhere; here it is a recorder of what the element asks of it.
const widget = vi.hoisted(() => ({
  mounts: [] as { options: unknown; root: unknown }[],
  updates: [] as unknown[],
  destroys: 0,
  failNextMount: false,
}));
vi.mock('../widget/mount.tsx', () => ({
  mountWidget: (root: Element, options: WidgetOptions) => {
    if (widget.failNextMount) {
      widget.failNextMount = false;
      root.textContent = 'half drawn';
      throw new TypeError('something in the widget broke');
    }
    widget.mounts.push({ options, root });
    root.textContent = 'widget';
    return {
      update: (partial: unknown) => widget.updates.push(partial),
      destroy: () => {
        widget.destroys += 1;
        root.textContent = '';
      },
    };
  },
}));

const { mount, preview } = await import('./index.ts');

const base = document.baseURI;
let warn: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  widget.mounts.length = 0;
  widget.updates.length = 0;
  widget.destroys = 0;
  widget.failNextMount = false;
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  document.body.replaceChildren();
  warn.mockRestore();
});

function create(attributes: Record<string, string>): HTMLElement {
  const element = document.createElement('clinic-scheduler');
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}

function errorsOf(element: HTMLElement): { code: string; message: string }[] {
  const seen: { code: string; message: string }[] = [];
  element.addEventListener('cs-error', (event) => seen.push(event.detail));
  return seen;
}

const tick = () => new Promise<void>((done) => setTimeout(done, 0));

describe('<clinic-scheduler>', () => {
  it('mounts the widget in an open shadow root with the parsed options', () => {
    const element = create({ 'api-base': '/api', locale: 'es', provider: 'dr-lee' });
    document.body.append(element);
    expect(element.shadowRoot?.mode).toBe('open');
    expect(widget.mounts).toHaveLength(1);
    expect(widget.mounts[0]?.options).toEqual({
      mode: 'book',
      apiBase: new URL('/api', base).href,
      locale: 'es',
      providerId: 'dr-lee',
    });
    expect(element.shadowRoot?.querySelector('.cs-embed-widget')?.textContent).toBe('widget');
    expect(element.shadowRoot?.querySelector('.cs-embed-notices')?.hasAttribute('hidden')).toBe(true);
  });

  it('shows a missing api-base instead of a blank box, warns with a docs link and sends cs-error', async () => {
    const element = create({});
    const errors = errorsOf(element);
    document.body.append(element);
    await tick();
    expect(widget.mounts).toHaveLength(0);
    const notices = element.shadowRoot?.querySelector('.cs-embed-notices');
    expect(notices?.hasAttribute('hidden')).toBe(false);
    expect(notices?.getAttribute('role')).toBe('alert');
    expect(notices?.textContent).toBe(
      'This booking calendar cannot be shown.' +
        'api-base is missing: booking needs the address of the clinic API. (MISSING_API_BASE)',
    );
    expect(errors).toEqual([
      {
        code: 'MISSING_API_BASE',
        message: 'api-base is missing: booking needs the address of the clinic API.',
      },
    ]);
    expect(warn).toHaveBeenCalledWith(
      '[clinic-scheduler] MISSING_API_BASE: api-base is missing: booking needs the address of the clinic API. ' +
        'See docs/embedding.md#troubleshooting',
    );
  });

  it('still shows the widget when a value is only ignored, with the notice above it', async () => {
    const element = create({ 'api-base': '/api', 'display-timezone': 'Nowhere/Land' });
    const errors = errorsOf(element);
    document.body.append(element);
    await tick();
    expect(widget.mounts).toHaveLength(1);
    expect(errors.map((e) => e.code)).toEqual(['INVALID_TIMEZONE']);
    expect(element.shadowRoot?.querySelector('.cs-embed-notices li')?.textContent).toBe(
      'display-timezone "Nowhere/Land" is not an IANA time zone such as "America/New_York"; ' +
        "using the patient's zone. (INVALID_TIMEZONE)",
    );
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('turns attribute changes into one update with every option, cleared ones included', async () => {
    const element = create({ 'api-base': '/api', date: '2024-05-01' });
    document.body.append(element);
    element.setAttribute('locale', 'es');
    element.removeAttribute('date');
    await tick();
    expect(widget.mounts).toHaveLength(1);
    expect(widget.updates).toEqual([
      {
        mode: 'book',
        apiBase: new URL('/api', base).href,
        appointmentTypeId: undefined,
        providerId: undefined,
        date: undefined,
        locale: 'es',
        displayTimezone: undefined,
        workerUrl: undefined,
        rules: undefined,
      },
    ]);
  });

  it('remounts when the mode changes and reports a fixed problem no more', async () => {
    const element = create({ mode: 'preview' });
    const errors = errorsOf(element);
    document.body.append(element);
    await tick();
    expect(errors.map((e) => e.code)).toEqual(['MISSING_RULES']);
    (element as HTMLElementTagNameMap['clinic-scheduler']).rules = { version: 1 };
    await tick();
    expect(widget.mounts.map((m) => m.options)).toEqual([{ mode: 'preview', rules: { version: 1 } }]);
    expect(element.shadowRoot?.querySelector('.cs-embed-notices')?.hasAttribute('hidden')).toBe(true);
    element.setAttribute('mode', 'book');
    element.setAttribute('api-base', '/api');
    await tick();
    expect(widget.destroys).toBe(1);
    expect(widget.mounts).toHaveLength(2);
    expect(errors).toHaveLength(1);
  });

  it('destroys the widget when removed and mounts a fresh one when put back', async () => {
    const element = create({ 'api-base': '/api' });
    document.body.append(element);
    element.remove();
    await tick();
    expect(widget.destroys).toBe(1);
    document.body.append(element);
    expect(widget.mounts).toHaveLength(2);
    element.remove();
    await tick();
    expect(widget.destroys).toBe(2);
  });

  it('keeps the same widget when moved (removed and put back in one task)', async () => {
    const element = create({ 'api-base': '/api' });
    const elsewhere = document.createElement('div');
    document.body.append(element, elsewhere);
    elsewhere.append(element);
    await tick();
    expect(widget.mounts).toHaveLength(1);
    expect(widget.destroys).toBe(0);
    element.remove();
    document.body.prepend(element);
    await tick();
    expect(widget.mounts).toHaveLength(1);
    expect(widget.destroys).toBe(0);
  });

  it('takes a rules value set before the element was upgraded', () => {
    const element = create({ mode: 'preview' });
    // As a framework would do on a plain element: an own property shadowing the setter.
    Object.defineProperty(element, 'rules', { value: { version: 1 }, configurable: true, writable: true });
    document.body.append(element);
    expect(widget.mounts[0]?.options).toEqual({ mode: 'preview', rules: { version: 1 } });
  });

  it('shows a widget that throws while mounting as a notice, not as a blank or half-drawn box', async () => {
    widget.failNextMount = true;
    const element = create({ 'api-base': '/api' });
    const errors = errorsOf(element);
    document.body.append(element);
    await tick();
    const root = element.shadowRoot!;
    expect(root.querySelector('.cs-embed-widget')?.textContent).toBe('');
    expect(root.querySelector('.cs-embed-notices')?.textContent).toBe(
      'This booking calendar cannot be shown.the widget could not start (TypeError). (WIDGET_FAILED)',
    );
    expect(errors).toEqual([{ code: 'WIDGET_FAILED', message: 'the widget could not start (TypeError).' }]);
    element.setAttribute('locale', 'es');
    await tick();
    expect(widget.mounts).toHaveLength(1);
    expect(root.querySelector('.cs-embed-notices')?.hasAttribute('hidden')).toBe(true);
  });

  it('runs several elements side by side, each with its own widget and events', async () => {
    const first = create({ 'api-base': '/api', provider: 'a' });
    const second = create({ 'api-base': '/api', provider: 'b', date: 'tomorrow' });
    const firstErrors = errorsOf(first);
    const secondErrors = errorsOf(second);
    document.body.append(first, second);
    await tick();
    expect(widget.mounts.map((m) => (m.options as WidgetOptions).providerId)).toEqual(['a', 'b']);
    expect(firstErrors).toEqual([]);
    expect(secondErrors.map((e) => e.code)).toEqual(['INVALID_DATE']);
  });
});

describe('events', () => {
  it('bubble out of the shadow root to the document', async () => {
    const element = create({});
    const heard: Event[] = [];
    const listener = (event: Event) => heard.push(event);
    document.addEventListener('cs-error', listener);
    document.body.append(element);
    await tick();
    document.removeEventListener('cs-error', listener);
    expect(heard).toHaveLength(1);
    expect(heard[0]?.target).toBe(element);
    expect(heard[0]?.bubbles).toBe(true);
    expect(heard[0]?.composed).toBe(true);
  });
});

describe('ClinicScheduler global', () => {
  it('is the only global, and registering twice keeps the first element', async () => {
    expect(window.ClinicScheduler?.mount).toBe(mount);
    expect(window.ClinicScheduler?.version).toMatch(/^\d+\.\d+\.\d+/);
    const { defineElement } = await import('./api.ts');
    const first = customElements.get('clinic-scheduler');
    defineElement();
    expect(customElements.get('clinic-scheduler')).toBe(first);
    expect(warn).not.toHaveBeenCalled();
  });

  it('mount() puts an element inside the container, update() changes it, destroy() removes it', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    const handle = mount(container, { apiBase: '/api', locale: 'es', date: '2024-06-03' });
    expect(container.firstElementChild).toBe(handle.element);
    expect(handle.element.options).toEqual({ apiBase: '/api', locale: 'es', date: '2024-06-03' });
    expect(handle.element.hasAttribute('api-base')).toBe(false);
    await tick();
    expect(widget.mounts[0]?.options).toEqual({
      mode: 'book',
      apiBase: 'http://localhost:3000/api',
      locale: 'es',
      date: '2024-06-03',
    });
    handle.update({ locale: undefined, providerId: 'dr-lee', theme: 'dark' });
    expect(handle.element.options).toEqual({ apiBase: '/api', date: '2024-06-03', providerId: 'dr-lee' });
    expect(handle.element.getAttribute('theme')).toBe('dark');
    await tick();
    expect(widget.updates).toHaveLength(1);
    expect(widget.updates[0]).toMatchObject({ locale: undefined, providerId: 'dr-lee' });
    handle.destroy();
    expect(container.childElementCount).toBe(0);
    await tick();
    expect(widget.destroys).toBe(1);
  });

  it('preview() shows a draft and setRules() replaces it', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    const handle = preview(container, { rules: { version: 1, draft: 1 } });
    expect(widget.mounts[0]?.options).toEqual({ mode: 'preview', rules: { version: 1, draft: 1 } });
    handle.setRules({ version: 1, draft: 2 });
    await tick();
    expect(widget.updates).toEqual([
      expect.objectContaining({ mode: 'preview', rules: { version: 1, draft: 2 } }),
    ]);
    handle.destroy();
  });

  it('mount() refuses something that is not an element', () => {
    expect(() => mount('#booking' as unknown as Element)).toThrow(
      new TypeError('ClinicScheduler.mount: the first argument must be an element.'),
    );
  });
});
