import { waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, emptyWindow, fakeApi, fakeSlotClient } from '../../test/widget/fakes.ts';
import { clinicRules, DEC3_0900 } from '../../test/widget/fixtures.ts';
import { liveText, type Mounted, mountForTest, toDetails } from '../../test/widget/render.ts';
import type { ApiErrorCode, BusyFetch } from '../api/types.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const fixed = { appointmentTypeId: 'checkup', providerId: 'ada' };

/** The fixture clinic as a server with busy windows serves it: version 2, without bookings. */
function windowedRules() {
  return { ...clinicRules(), version: 2 as const, requires: ['busy-windows'] };
}

/** December 2024's window with Dr. Lee busy from `start` for `minutes`. */
function decemberBusy(start: number, minutes: number, etag = '"busy"'): BusyFetch {
  const empty = emptyWindow('2024-12');
  const offset = (start - empty.window.start) / 60_000;
  return { ...empty, etag, window: { ...empty.window, busy: { ada: [[offset, minutes]] } } };
}

describe('busy time by window', () => {
  it("leaves the window's busy time out, and fetches the next month's while this one shows", async () => {
    const api = fakeApi(windowedRules());
    api.busyAnswers.set('2024-12', { ok: true, value: decemberBusy(DEC3_0900, 30) });
    mounted = mountForTest({ options: fixed, api });
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('11 times available on Tuesday, December 3'),
    );
    const view = within(mounted.container);
    expect(view.queryByRole('radio', { name: /^9:00\sAM$/ })).toBeNull();
    await waitFor(() => expect(api.busyCalls).toEqual(['2024-12', '2025-01']));
  });

  it('asks for the first window beside the rules, not after them', async () => {
    const api = fakeApi(windowedRules());
    let answer: (() => void) | undefined;
    const rules = api.fetchRules.bind(api);
    api.fetchRules = () => new Promise((done) => (answer = () => void rules().then(done)));
    mounted = mountForTest({ options: fixed, api });
    await waitFor(() => expect(answer).toBeDefined());
    expect(api.busyCalls).toEqual(['2024-12']);
    answer?.();
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'),
    );
    expect(api.busyCalls.filter((month) => month === '2024-12')).toHaveLength(1);
  });

  it('ignores the window for rules that carry their bookings (version 1)', async () => {
    const api = fakeApi(clinicRules());
    api.busyAnswers.set('2024-12', apiError('NOT_FOUND', { status: 404 }));
    mounted = mountForTest({ options: fixed, api });
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'),
    );
    expect(within(mounted.container).getByRole('alert').textContent).toBe('');
  });

  const failures: ApiErrorCode[] = ['TIMEOUT', 'SERVER', 'NETWORK', 'BAD_WINDOW', 'TOO_LARGE', 'NOT_JSON'];
  it.each(failures)('a window that fails (%s) shows no times, a sentence and a retry', async (code) => {
    const api = fakeApi(windowedRules());
    api.busyAnswers.set('2024-12', apiError(code));
    mounted = mountForTest({ options: fixed, api });
    const view = within(mounted.container);
    const alert = await view.findByRole('alert');
    await waitFor(() =>
      expect(alert.textContent).toContain(
        "We couldn't load which times are already booked, so no times are shown for these dates.",
      ),
    );
    expect(view.queryAllByRole('radio')).toHaveLength(0);
    expect(mounted.slots.calls).toHaveLength(0);
    expect(mounted.events.find((e) => e.name === 'cs-error')?.detail).toEqual({
      code: 'BUSY_UNAVAILABLE',
      message: `The booked times could not be loaded (${code}), so no times are shown.`,
    });
    api.busyAnswers.delete('2024-12');
    await userEvent.setup().click(view.getByRole('button', { name: 'Try again' }));
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'),
    );
    expect(alert.textContent).toBe('');
  });

  it('checks the chosen time against fresh busy time: one taken meanwhile sends the patient back', async () => {
    const api = fakeApi(windowedRules());
    mounted = mountForTest({ options: fixed, api });
    api.busyAnswers.set('2024-12', { ok: true, value: emptyWindow('2024-12') });
    const taken = decemberBusy(DEC3_0900, 30, '"taken"');
    const { view } = await toDetailsAfter(mounted, () =>
      api.busyAnswers.set('2024-12', { ok: true, value: taken }),
    );
    await view.findByRole('heading', { name: 'Choose a day' });
    await waitFor(() =>
      expect(view.getByRole('alert').textContent).toBe(
        'Sorry, that time was just taken. Please choose another time; your details are kept.',
      ),
    );
    await waitFor(() => expect(view.getAllByRole('radio')).toHaveLength(11));
    expect(view.queryByRole('radio', { name: /^9:00\sAM$/ })).toBeNull();
  });

  it('lets the patient on when the chosen time is still free', async () => {
    const api = fakeApi(windowedRules());
    mounted = mountForTest({ options: fixed, api });
    const { view } = await toDetails(mounted);
    await waitFor(() => expect(api.busyCalls.filter((month) => month === '2024-12')).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(view.getByRole('heading', { name: 'Your details' })).toBeTruthy();
    expect(view.getByRole('alert').textContent).toBe('');
  });

  it("previews a draft with the saved busy time (the window from the clinic's API)", async () => {
    const api = fakeApi(null);
    api.busyAnswers.set('2024-12', { ok: true, value: decemberBusy(DEC3_0900, 60) });
    mounted = mountForTest({
      options: { mode: 'preview', apiBase: undefined, rules: windowedRules(), ...fixed },
      api,
      slots: fakeSlotClient(),
    });
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('10 times available on Tuesday, December 3'),
    );
    expect(api.fetchRulesCalls).toBe(0);
  });
});

/** To the details step, changing the busy time (`change`) between the calendar and the click. */
async function toDetailsAfter(m: Mounted, change: () => void) {
  const user = userEvent.setup();
  const view = within(m.container);
  await waitFor(() => expect(liveText(m.container)).toBe('12 times available on Tuesday, December 3'));
  change();
  await user.click(view.getByRole('radio', { name: /^9:00\sAM$/ }));
  await user.click(view.getByRole('button', { name: 'Continue' }));
  return { user, view };
}
