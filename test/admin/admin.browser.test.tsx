import axe from 'axe-core';
import { render } from 'preact';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { App } from '../../src/admin/components/App.tsx';
import type { MountPreview } from '../../src/admin/components/Preview.tsx';
import { createAdminStore } from '../../src/admin/store.ts';
import { defineElement, preview } from '../../src/embed/api.ts';
import { createAdminClient } from '../../src/worker/client/admin-client.ts';
import type { SlotClient } from '../../src/worker/client/client.ts';
import { eventually } from '../widget/shadow.ts';
import { fakePreview, NOW, smallClinic } from './admin-fakes.ts';
import { button, field, text, type } from './dom-helpers.ts';

const fixture = (name: string) => new URL(`../fixtures/workers/${name}`, import.meta.url).href;
const realWorker = () =>
  new Worker(new URL('../../src/worker/inside/admin.worker.ts', import.meta.url), { type: 'module' });

let root: HTMLElement;
const clients: SlotClient[] = [];
afterEach(() => {
  render(null, root);
  root.remove();
  for (const client of clients.splice(0)) client.dispose();
});

beforeAll(async () => {
  // The dev server transforms the worker's modules on first use: do it once, outside any deadline.
  const warm = createAdminClient({ createWorker: realWorker });
  await warm.lint(smallClinic(), { now: NOW }, { deadlineMs: 20_000 });
  warm.dispose();
});

function mountRoot(): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  return root;
}

describe('the admin page in Chromium', () => {
  it('stays responsive while a hung worker runs out its deadline, says why, and recovers on the next edit', async () => {
    let hang = true;
    const workers: string[] = [];
    const client = createAdminClient({
      deadlineMs: 1500,
      createWorker: () => {
        workers.push(hang ? 'hang' : 'real');
        return hang ? new Worker(fixture('hang-worker.js')) : realWorker();
      },
    });
    clients.push(client);
    const store = createAdminStore(smallClinic(), { client, api: null, now: () => NOW, debounceMs: 0 });
    const page = mountRoot();
    render(
      <App store={store} schemaCheck={null} mountPreview={fakePreview().mount} clinicName="Test Clinic" />,
      page,
    );
    // The lint job is stuck in `while (true) {}`; the page still answers clicks.
    await eventually(() => expect(workers).toEqual(['hang']), 5000);
    button(page, 'Appointment types').click();
    await eventually(() => expect(field(page, 'Duration (minutes)').value).toBe('20'), 1000);
    expect(text(page, 'diagnostics-status')).toBe('Checking the draft…');
    await eventually(
      () => expect(text(page, 'diagnostics-status')).toBe('These rules take too long to compute.'),
      10_000,
    );
    expect(page.textContent).toContain('Nothing could be computed for this draft.');
    // The next edit starts a fresh worker (a healthy one this time) and gets its answer.
    hang = false;
    type(field(page, 'Duration (minutes)'), '30');
    await eventually(() => expect(text(page, 'diagnostics-status')).toBe('No problems found.'), 15_000);
    await eventually(
      () => expect(text(page, 'changes-total')).toBe('Over the next 4 weeks: 152 slots added, 228 removed.'),
      15_000,
    );
    expect(workers).toEqual(['hang', 'real']);
  });

  it('has no axe violations, with the real worker and the real preview element', async () => {
    defineElement();
    const sample = await (await fetch(`${inject('testOrigin')}/public/sample-clinic.json`)).json();
    const client = createAdminClient({ createWorker: realWorker, deadlineMs: 15_000 });
    clients.push(client);
    const store = createAdminStore(sample, {
      client,
      api: null,
      now: () => Date.parse('2026-12-01T14:00:00Z'),
    });
    const mountPreview: MountPreview = (el, rules) => preview(el, { rules });
    const page = mountRoot();
    render(
      <App
        store={store}
        schemaCheck={null}
        mountPreview={mountPreview}
        clinicName="Riverside Family Clinic"
      />,
      page,
    );
    type(field(page, 'Monday hours 1 start'), '10:00');
    await eventually(() => expect(text(page, 'changes-total')).toMatch(/^Over the next 4 weeks/), 20_000);
    // The preview element is part of the page axe checks (its open shadow root included).
    await eventually(
      () =>
        expect(page.querySelector('clinic-scheduler')?.shadowRoot?.textContent).toContain(
          'booking is disabled',
        ),
      10_000,
    );
    const check = async (view: string) => {
      const result = await axe.run(page, { resultTypes: ['violations'] });
      const found = result.violations.map(
        (v) => `${view}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
      );
      expect(found).toEqual([]);
    };
    await check('hours');
    button(page, 'Appointment types').click();
    await eventually(() => field(page, 'Duration (minutes)'), 1000);
    await check('types');
    // A type's questions: a text question and a choice question with its choices field.
    button(page, '+ insurer and member number').click();
    button(page, '+ question').click();
    await eventually(() => field(page, 'Answered with'), 1000);
    const kinds = [...page.querySelectorAll<HTMLSelectElement>('select')].filter((s) => s.value === 'text');
    const last = kinds.at(-1)!;
    last.value = 'one-choice';
    last.dispatchEvent(new Event('change', { bubbles: true }));
    await eventually(() => field(page, 'Choices (one per line)'), 1000);
    await check('questions');
    button(page, 'Raw JSON').click();
    await eventually(() => field(page, 'Rules document (JSON)'), 1000);
    await check('raw');
  });
});
