import { waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { liveText, type Mounted, mountForTest } from '../../test/widget/render.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  vi.doUnmock('./later/index.ts');
  vi.restoreAllMocks();
});

const fixed = { appointmentTypeId: 'checkup', providerId: 'ada' };

describe('the later steps, loaded on demand', () => {
  // First in this file: the later part is loaded once per page (module), so this test sees it fail.
  it('says so when they cannot load, keeps the chosen time, and loads them on retry', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.doMock('./later/index.ts', () => {
      throw new TypeError('Failed to fetch dynamically imported module');
    });
    mounted = mountForTest({ options: fixed });
    const user = userEvent.setup();
    const view = within(mounted.container);
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'),
    );
    // The first screen is up: the later part was fetched ahead of need (and failed, here).
    const { laterSteps } = await import('./later-steps.ts');
    await waitFor(() => expect(laterSteps.value).toBe('failed'));
    await user.click(view.getByRole('radio', { name: /^9:00\sAM$/ }));
    await user.click(view.getByRole('button', { name: 'Continue' }));

    const message = await view.findByText(/This part of the booking couldn't be loaded/);
    expect(message.textContent).toBe(
      "This part of the booking couldn't be loaded. Check your connection and try again; nothing you chose is lost.",
    );
    expect(message.closest('[role="alert"]')).not.toBeNull();
    // Reaching the step tried once more, and that failure is reported to the host page.
    await waitFor(() =>
      expect(mounted!.events.filter((e) => e.name === 'cs-error').map((e) => e.detail)).toEqual([
        { code: 'ASSET_FAILED', message: 'Part of the booking form could not be loaded.' },
      ]),
    );
    expect(warn.mock.calls.map((call) => String(call[0]))).toContain(
      '[clinic-scheduler] ASSET_FAILED: clinic-scheduler-later-*.mjs (beside the script) could not be loaded; the booking steps after the calendar cannot be shown until it can.',
    );

    vi.doUnmock('./later/index.ts');
    await user.click(view.getByRole('button', { name: 'Try again' }));
    expect(await view.findByRole('heading', { name: 'Your details' })).toBeTruthy();
    await user.click(view.getByRole('button', { name: 'Back' }));
    await waitFor(() =>
      expect(view.getByRole('radio', { name: /^9:00\sAM$/ })).toHaveProperty('checked', true),
    );
  });
});
