import { waitFor } from '@testing-library/preact';
import { afterEach, expect, it, vi } from 'vitest';
import { liveText, type Mounted, mountForTest } from '../../test/widget/render.ts';

// A file of its own: the later part is loaded once per page (module), and this test needs it to
// fail first.
let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  vi.doUnmock('./later/index.ts');
  vi.restoreAllMocks();
});

it('loads the later steps by itself once the network is back, after a failed prefetch', async () => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.doMock('./later/index.ts', () => {
    throw new TypeError('Failed to fetch dynamically imported module');
  });
  mounted = mountForTest({ options: { appointmentTypeId: 'checkup', providerId: 'ada' } });
  await waitFor(() => expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'));
  const { laterSteps } = await import('./later-steps.ts');
  await waitFor(() => expect(laterSteps.value).toBe('failed'));
  vi.doUnmock('./later/index.ts');
  mounted.network.reconnect();
  await waitFor(() => expect(typeof laterSteps.value).toBe('object'));
  expect(laterSteps.value).toHaveProperty('DetailsStep');
});
