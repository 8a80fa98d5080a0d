import { waitFor, within } from '@testing-library/preact';
import { afterEach, expect, it, vi } from 'vitest';
import { liveText, type Mounted, mountForTest } from '../../test/widget/render.ts';

// A file of its own: a page remembers a language's load, and this test needs it to fail first.
const mounts: Mounted[] = [];
afterEach(() => {
  for (const m of mounts.splice(0)) m.unmount();
  vi.doUnmock('./i18n/es.ts');
  vi.restoreAllMocks();
});

it('speaks Spanish once the network is back, after the Spanish messages failed and English stood in', async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  let offline = true;
  let requests = 0;
  vi.doMock('./i18n/es.ts', async (importOriginal) => {
    requests += 1;
    if (offline) throw new TypeError('Failed to fetch dynamically imported module');
    return importOriginal();
  });
  const options = { appointmentTypeId: 'checkup', providerId: 'ada', locale: 'es' };
  mounts.push(mountForTest({ options }), mountForTest({ options }));
  const [first, second] = mounts as [Mounted, Mounted];
  const view = within(first.container);
  await waitFor(() => expect(liveText(first.container)).toBe('12 times available on Tuesday, December 3'));
  expect(view.getByRole('heading', { name: 'Choose a day' })).toBeTruthy();
  expect(requests).toBe(2);

  offline = false;
  first.network.reconnect();
  second.network.reconnect();
  await view.findByRole('heading', { name: 'Elija un día' });
  // One request for the page, however many widgets heard the network come back.
  expect(requests).toBe(3);
  expect(within(second.container).getByRole('heading', { name: 'Elija un día' })).toBeTruthy();
  // The patient's choices stay as they were: the same day, now in Spanish.
  expect(view.getByRole('gridcell', { selected: true }).getAttribute('data-date')).toBe('2024-12-03');
  expect(view.getByRole('grid', { name: 'diciembre de 2024' })).toBeTruthy();
});
