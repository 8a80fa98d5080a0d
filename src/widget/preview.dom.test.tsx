import { waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeSlotClient } from '../../test/widget/fakes.ts';
import { clinicRules } from '../../test/widget/fixtures.ts';
import { liveText, type Mounted, mountForTest } from '../../test/widget/render.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

function previewOf(rules: unknown, slots = fakeSlotClient()) {
  return mountForTest({ options: { mode: 'preview', apiBase: undefined, rules }, slots });
}

/** The clinic with Dr. Lee's mornings gone: 6 times a day instead of 12. */
function afternoonsOnly() {
  const rules = clinicRules();
  const ada = rules.providers[0]!;
  const afternoon = [{ start: '13:00', end: '16:00' }];
  ada.weekly = { mon: afternoon, tue: afternoon, wed: afternoon, thu: afternoon, fri: afternoon };
  return rules;
}

describe('preview mode', () => {
  it('is clearly marked, fetches nothing and has no booking step', async () => {
    mounted = previewOf(clinicRules());
    const view = within(mounted.container);
    expect(await view.findByText('Preview — booking is disabled')).toBeTruthy();
    await waitFor(() => expect(view.getAllByRole('radio').length).toBeGreaterThan(0));
    expect(mounted.api.fetchRulesCalls).toBe(0);
    expect(view.queryByRole('button', { name: 'Continue' })).toBeNull();
    expect(mounted.slots.calls.every((call) => call.options?.lane === 'preview')).toBe(true);
  });

  it('shows any type and provider the admin picks', async () => {
    mounted = previewOf(clinicRules());
    const user = userEvent.setup();
    const view = within(mounted.container);
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('16 times available on Tuesday, December 3'),
    );
    await user.selectOptions(view.getByLabelText('Who would you like to see?'), 'Dr. Ada Lee');
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'),
    );
    await user.selectOptions(view.getByLabelText('Type of visit'), 'First visit');
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('6 times available on Tuesday, December 3'),
    );
  });

  it('recomputes a new draft after a short pause, only for the last of rapid edits', async () => {
    mounted = previewOf(clinicRules());
    const user = userEvent.setup();
    const view = within(mounted.container);
    await user.selectOptions(await view.findByLabelText('Who would you like to see?'), 'Dr. Ada Lee');
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'),
    );
    const before = mounted.slots.calls.length;
    const broken = clinicRules();
    broken.providers = [];
    mounted.handle.update({ rules: broken });
    mounted.handle.update({ rules: clinicRules() });
    mounted.handle.update({ rules: afternoonsOnly() });
    await waitFor(() => expect(view.getAllByRole('radio')).toHaveLength(6));
    expect(mounted.slots.calls.length - before).toBe(1);
  });

  it('a draft that takes too long says so and keeps the preview usable', async () => {
    const slots = fakeSlotClient();
    mounted = previewOf(clinicRules(), slots);
    const view = within(mounted.container);
    await waitFor(() => expect(view.getAllByRole('radio').length).toBeGreaterThan(0));
    slots.failWith = { code: 'TIMEOUT' };
    mounted.handle.update({ rules: afternoonsOnly() });
    expect(await view.findByText('These rules take too long to compute.')).toBeTruthy();
    slots.failWith = null;
    mounted.handle.update({ rules: clinicRules() });
    await waitFor(() => expect(view.queryByText('These rules take too long to compute.')).toBeNull());
    await waitFor(() => expect(view.getAllByRole('radio').length).toBeGreaterThan(0));
  });

  it('an invalid draft gets a short summary of its errors', async () => {
    const rules = clinicRules();
    rules.appointmentTypes[0]!.providerIds = ['nobody'];
    mounted = previewOf(rules);
    const alert = await within(mounted.container).findByText(/^The rules have 1 error: /);
    expect(alert.textContent).toMatch(/^The rules have 1 error: .+nobody/);
  });

  it('without a draft asks for one', async () => {
    mounted = previewOf(undefined);
    expect(
      await within(mounted.container).findByText('Add a rules document to see the preview.'),
    ).toBeTruthy();
  });
});
