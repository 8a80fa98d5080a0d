/**
 * The admin's "Import from FHIR" panel in Chromium: real files through the file inputs, the real
 * admin worker for the diff and the real preview element, and axe on the panel with its results.
 */
import axe from 'axe-core';
import { render } from 'preact';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/admin/components/App.tsx';
import type { MountPreview } from '../../src/admin/components/Preview.tsx';
import { createAdminStore } from '../../src/admin/store.ts';
import { defineElement, preview } from '../../src/embed/api.ts';
import { createAdminClient } from '../../src/worker/client/admin-client.ts';
import mapping from '../fixtures/fhir/riverside-mapping.json' with { type: 'json' };
import bundle from '../fixtures/fhir/riverside-r4-bundle.json' with { type: 'json' };
import { eventually } from '../widget/shadow.ts';
import { NOW, smallClinic } from './admin-fakes.ts';
import { button, text } from './dom-helpers.ts';

const adminWorker = new URL('../../src/worker/inside/admin.worker.ts', import.meta.url);

/** Puts `file` in the file input labelled `label`, as a file picker does. */
function choose(page: HTMLElement, label: string, file: File): void {
  const input = [...page.querySelectorAll('label')]
    .find((el) => el.querySelector('span')?.textContent === label)
    ?.querySelector('input');
  if (!input) throw new Error(`no file input "${label}"`);
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('Import from FHIR in Chromium', () => {
  it('reads the chosen files, previews the import as the draft against the saved rules, and has no axe violations', async () => {
    defineElement();
    const client = createAdminClient({
      createWorker: () => new Worker(adminWorker, { type: 'module' }),
      deadlineMs: 20_000,
    });
    const saveRules = async () => ({ ok: true as const, value: { etag: '"2"' } });
    const store = createAdminStore(smallClinic(), { client, api: { saveRules } as never, now: () => NOW });
    const mountPreview: MountPreview = (el, rules) => preview(el, { rules });
    const root = document.createElement('div');
    document.body.append(root);
    try {
      render(
        <App store={store} schemaCheck={null} mountPreview={mountPreview} clinicName="Test Clinic" />,
        root,
      );
      choose(
        root,
        'FHIR export',
        new File([JSON.stringify(bundle)], 'export.json', { type: 'application/json' }),
      );
      choose(
        root,
        'Mapping',
        new File([JSON.stringify(mapping)], 'mapping.json', { type: 'application/json' }),
      );
      // Preact renders the enabled button on its next frame.
      await eventually(() => expect(button(root, 'Read the export').disabled).toBe(false), 2_000);
      button(root, 'Read the export').click();
      await eventually(
        () =>
          expect(text(root, 'fhir-summary')).toMatch(/3 providers, 2 appointment types, 3 busy entries\.$/),
        10_000,
      );
      const panel = root.querySelector<HTMLElement>('[aria-labelledby="cs-admin-fhir-title"]')!;
      const result = await axe.run(panel, { resultTypes: ['violations'] });
      expect(result.violations.map((v) => v.id)).toEqual([]);
      expect(store.draft.value).toBe(store.saved.value);
      button(root, 'Preview as draft').click();
      await eventually(
        () =>
          expect(text(root, 'changes-total')).toBe('Over the next 4 weeks: 417 slots added, 228 removed.'),
        20_000,
      );
      await eventually(
        () =>
          expect(root.querySelector('clinic-scheduler')?.shadowRoot?.textContent).toContain(
            'General practice visit',
          ),
        15_000,
      );
      expect(store.saved.value).toEqual(smallClinic());
    } finally {
      render(null, root);
      root.remove();
      client.dispose();
    }
  });
});
