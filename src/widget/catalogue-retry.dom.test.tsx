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

// A file of its own (not catalogue.dom.test.tsx) because a page remembers a language's load.
it('asks again when the Spanish messages fail once, and speaks Spanish without a warning', async () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  let requests = 0;
  vi.doMock('./i18n/es.ts', async (importOriginal) => {
    requests += 1;
    if (requests === 1) throw new TypeError('Failed to fetch dynamically imported module');
    return importOriginal();
  });
  mounted = mountForTest({ options: { appointmentTypeId: 'checkup', providerId: 'ada', locale: 'es' } });
  const view = within(mounted.container);
  await waitFor(() =>
    expect(liveText(mounted!.container)).toBe('12 horarios disponibles el martes, 3 de diciembre'),
  );
  expect(view.getByRole('heading', { name: 'Elija un día' })).toBeTruthy();
  expect(requests).toBe(2);
  expect(warn).not.toHaveBeenCalled();
});
