/**
 * The admin page rendered with the small clinic, on its "Appointment types" tab: what the tests
 * of a type's settings (change policy, intake questions) start from.
 */
import { fireEvent, render, screen } from '@testing-library/preact';
import { App } from '../../src/admin/components/App.tsx';
import { createAdminStore } from '../../src/admin/store.ts';
import { fakePreview, fakeSlotClient, NOW, smallClinic } from './admin-fakes.ts';

export function renderTypesTab() {
  const fake = fakeSlotClient({ auto: true });
  const preview = fakePreview();
  const store = createAdminStore(smallClinic(), {
    client: fake.client,
    api: null,
    now: () => NOW,
    debounceMs: 0,
  });
  render(<App store={store} schemaCheck={null} mountPreview={preview.mount} clinicName="Test Clinic" />);
  fireEvent.click(screen.getByRole('tab', { name: 'Appointment types' }));
  return { store, preview };
}
