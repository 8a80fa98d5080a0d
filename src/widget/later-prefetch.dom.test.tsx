import { waitFor, within } from '@testing-library/preact';
import { afterEach, expect, it, vi } from 'vitest';
import { fakeSlotClient } from '../../test/widget/fakes.ts';
import { clinicRules } from '../../test/widget/fixtures.ts';
import { liveText, type Mounted, mountForTest } from '../../test/widget/render.ts';
import { laterSteps } from './later-steps.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  vi.unstubAllGlobals();
});

// The prefetch waits for an idle moment; here idle comes at once, so only its trigger is tested.
const idleAtOnce = () =>
  vi.stubGlobal('requestIdleCallback', (run: () => void) => {
    run();
    return 0;
  });
const settle = () => new Promise((done) => setTimeout(done, 50));

// Both cases in one file, in this order: the later part is loaded once per page (module).
it('a preview never fetches the booking steps', async () => {
  idleAtOnce();
  mounted = mountForTest({ options: { mode: 'preview', apiBase: undefined, rules: clinicRules() } });
  await waitFor(() => expect(within(mounted!.container).getAllByRole('radio').length).toBeGreaterThan(0));
  await settle();
  expect(laterSteps.value).toBeNull();
});

it('fetches the booking steps once the first times are on screen, not while they compute', async () => {
  idleAtOnce();
  const slots = fakeSlotClient();
  slots.hold = true;
  mounted = mountForTest({ options: { appointmentTypeId: 'checkup', providerId: 'ada' }, slots });
  await waitFor(() => expect(slots.calls.length).toBe(1));
  await settle();
  expect(laterSteps.value).toBeNull();
  slots.release();
  await waitFor(() => expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'));
  await waitFor(() => expect(typeof laterSteps.value).toBe('object'));
  expect(laterSteps.value).not.toBeNull();
});
