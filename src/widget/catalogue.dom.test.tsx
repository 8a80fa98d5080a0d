import { waitFor, within } from '@testing-library/preact';
import { afterEach, expect, it, vi } from 'vitest';
import { liveText, type Mounted, mountForTest } from '../../test/widget/render.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  vi.doUnmock('./i18n/es.ts');
  vi.restoreAllMocks();
});

// The Spanish catalogue is a chunk of its own in a build (clinic-scheduler-es-*.mjs); here its
// source import fails the way a blocked or missing file would.
it('shows the booking in English, and says why in the console, when the Spanish messages cannot load', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.doMock('./i18n/es.ts', () => {
    throw new TypeError('Failed to fetch dynamically imported module');
  });
  mounted = mountForTest({ options: { appointmentTypeId: 'checkup', providerId: 'ada', locale: 'es' } });
  const view = within(mounted.container);
  await waitFor(() => expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'));
  expect(view.getByRole('heading', { name: 'Choose a day' })).toBeTruthy();
  expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([
    '[clinic-scheduler] ASSET_FAILED: the "es" messages (clinic-scheduler-es-*.mjs, beside the script) could not be loaded; showing English instead.',
  ]);
});
