import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakePreview, fakeSlotClient, NOW, smallClinic } from '../../../test/admin/admin-fakes.ts';
import mapping from '../../../test/fixtures/fhir/riverside-mapping.json' with { type: 'json' };
import bundle from '../../../test/fixtures/fhir/riverside-r4-bundle.json' with { type: 'json' };
import { createAdminStore } from '../store.ts';
import { App } from './App.tsx';
import { FhirImport } from './FhirImport.tsx';

afterEach(cleanup);

const bundleFile = () => new File([JSON.stringify(bundle)], 'export.json', { type: 'application/json' });
const mappingFile = () => new File([JSON.stringify(mapping)], 'mapping.json', { type: 'application/json' });

function setup() {
  const saveRules = vi.fn(async () => ({ ok: true as const, value: { etag: '"2"' } }));
  const preview = fakePreview();
  const store = createAdminStore(smallClinic(), {
    client: fakeSlotClient({ auto: true }).client,
    api: { saveRules } as never,
    now: () => NOW,
    debounceMs: 0,
  });
  render(<App store={store} schemaCheck={null} mountPreview={preview.mount} clinicName="Test Clinic" />);
  return { store, saveRules, preview };
}

async function readExport(exportFile = bundleFile(), mappingDoc = mappingFile()) {
  const user = userEvent.setup();
  const panel = within(screen.getByRole('region', { name: 'Import from FHIR' }));
  await user.upload(panel.getByLabelText('FHIR export'), exportFile);
  await user.upload(panel.getByLabelText('Mapping'), mappingDoc);
  await user.click(panel.getByRole('button', { name: 'Read the export' }));
  return { user, panel };
}

describe('Import from FHIR', () => {
  it('lists what the export gives, its located problems and skips, and changes nothing yet', async () => {
    const { store, saveRules } = setup();
    const { panel } = await readExport();
    expect((await panel.findByTestId('fhir-summary')).textContent).toBe(
      'Read 1 Location, 1 Practitioner, 4 PractitionerRole, 1 HealthcareService, 1 Schedule, 5 Slot, 4 Appointment, 1 Patient: 3 providers, 2 appointment types, 3 busy entries.',
    );
    const problems = within(panel.getByTestId('fhir-problems')).getAllByRole('listitem');
    expect(problems.map((item) => item.textContent)).toContain(
      'Note NO_HOURS PractitionerRole/pr-empty has no availableTime (looked in: role); its provider has no weekly hours. PractitionerRole/pr-empty availableTime',
    );
    expect(within(panel.getByTestId('fhir-skipped')).getByText('1 × unsupported-type: Patient')).toBeTruthy();
    expect(store.draft.value).toBe(store.saved.value);
    expect(saveRules).not.toHaveBeenCalled();
  });

  it('makes the import the draft: the diff against the saved rules and the preview show it, and only Save saves', async () => {
    const { store, saveRules, preview } = setup();
    const { user, panel } = await readExport();
    await user.click(await panel.findByRole('button', { name: 'Preview as draft' }));
    const draft = store.draft.value as { providers: Array<{ id: string }>; busy: unknown[] };
    expect(draft.providers.map((provider) => provider.id)).toEqual(['dr-adam', 'dr-kim', 'dr-empty']);
    expect(draft.busy).toHaveLength(3);
    expect(store.saved.value).toEqual(smallClinic());
    await waitFor(() =>
      // The small clinic's providers are gone (all their slots removed); the imported ones' are added.
      expect(screen.getByTestId('changes-total').textContent).toBe(
        'Over the next 4 weeks: 417 slots added, 228 removed.',
      ),
    );
    await waitFor(() => expect(preview.shown.at(-1)).toBe(draft));
    expect(saveRules).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(saveRules).toHaveBeenCalledWith(draft, { ifMatch: null, keepOrphans: false }));
  });

  it('names the error for a mapping that is not JSON, and for an export past the size limit', async () => {
    setup();
    const { panel } = await readExport(bundleFile(), new File(['{ nope'], 'mapping.json'));
    expect((await panel.findByRole('alert')).textContent).toBe('The mapping file is not JSON.');
    cleanup();
    const store = createAdminStore(smallClinic(), {
      client: fakeSlotClient({ auto: true }).client,
      api: null,
      now: () => NOW,
    });
    render(<FhirImport store={store} />);
    const huge = bundleFile();
    Object.defineProperty(huge, 'size', { value: 200 * 1024 * 1024 });
    const again = await readExport(huge);
    expect((await again.panel.findByRole('alert')).textContent).toBe(
      'The export is 200.0 MiB; at most 50.0 MiB is read. Export fewer resources and import them one by one.',
    );
  });
});
