import { waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { NOW } from '../../test/widget/fixtures.ts';
import { liveText, type Mounted, mountForTest, toDetails } from '../../test/widget/render.ts';
import { STALE_AFTER_MS } from './watch-return.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const fixed = { appointmentTypeId: 'checkup', providerId: 'ada' };

async function ready(m: Mounted) {
  await waitFor(() => expect(liveText(m.container)).toBe('12 times available on Tuesday, December 3'));
}

/** The patient leaves the tab at the clock's time and comes back at `at`. */
function awayUntil(m: Mounted, at: number) {
  m.page.hide();
  m.clock.value = at;
  m.page.show();
}

describe('the time the times count from', () => {
  it('is now rounded up to the minute, so no time offered is already inside the notice', async () => {
    mounted = mountForTest({ options: fixed, now: NOW + 30_500 });
    await ready(mounted);
    expect(mounted.slots.calls.map((call) => call.query.now)).toContain(NOW + 60_000);
    expect(mounted.slots.calls.every((call) => call.query.now === NOW + 60_000)).toBe(true);
  });
});

describe('coming back to a tab left open', () => {
  it('after a while away, asks for the rules again and computes the times from now', async () => {
    mounted = mountForTest({ options: fixed });
    await ready(mounted);
    expect(mounted.api.fetchRulesCalls).toBe(1);
    // Tuesday, December 3, 10:10 in New York: the morning's first three times have passed.
    const back = Date.parse('2024-12-03T15:10:00Z');
    awayUntil(mounted, back);
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('9 times available on Tuesday, December 3'),
    );
    expect(mounted.api.fetchRulesCalls).toBe(2);
    expect(mounted.slots.calls.at(-1)?.query.now).toBe(back);
    const view = within(mounted.container);
    expect(view.queryByRole('radio', { name: /^9:30\sAM$/ })).toBeNull();
    expect(view.getByRole('radio', { name: /^10:30\sAM$/ })).toBeTruthy();
  });

  it('after a short absence, changes nothing', async () => {
    mounted = mountForTest({ options: fixed });
    await ready(mounted);
    const calls = mounted.slots.calls.length;
    awayUntil(mounted, NOW + STALE_AFTER_MS - 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(mounted.api.fetchRulesCalls).toBe(1);
    expect(mounted.slots.calls.length).toBe(calls);
  });

  it('on another day, opens the calendar on the first bookable day from the new today', async () => {
    mounted = mountForTest({ options: fixed });
    await ready(mounted);
    // Wednesday, December 4, 8:00 in New York.
    awayUntil(mounted, Date.parse('2024-12-04T13:00:00Z'));
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Wednesday, December 4'),
    );
    const view = within(mounted.container);
    expect(view.getByRole('gridcell', { selected: true }).getAttribute('data-date')).toBe('2024-12-04');
    expect(view.getByRole('gridcell', { name: 'Tuesday, December 3, no availability' })).toBeTruthy();
  });

  it('keeps a patient who is filling in details where they are', async () => {
    mounted = mountForTest({ options: fixed });
    const { view } = await toDetails(mounted);
    await userEvent.setup().type(view.getByLabelText('Full name'), 'Maria Gomez');
    awayUntil(mounted, NOW + 60 * 60_000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(mounted.api.fetchRulesCalls).toBe(1);
    expect(view.getByRole('heading', { name: 'Your details' })).toBeTruthy();
    expect((view.getByLabelText('Full name') as HTMLInputElement).value).toBe('Maria Gomez');
  });

  it('still moves "today" for a patient filling in details, which the calendar shows on going back', async () => {
    mounted = mountForTest({ options: fixed });
    const { user, view } = await toDetails(mounted);
    // Wednesday, December 4, 8:00 in New York.
    awayUntil(mounted, Date.parse('2024-12-04T13:00:00Z'));
    await user.click(view.getByRole('button', { name: 'Back' }));
    await view.findByRole('heading', { name: 'Choose a day' });
    const todayCell = mounted.container.querySelector('.cs-day--today')?.closest('[data-date]');
    expect(todayCell?.getAttribute('data-date')).toBe('2024-12-04');
    expect(mounted.api.fetchRulesCalls).toBe(1);
  });
});
