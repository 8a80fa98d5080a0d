import { waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Mounted, mountForTest, toDetails, toReview } from '../../test/widget/render.ts';
import type { ApiResult, BookingConfirmation } from '../api/types.ts';

/**
 * The browser's Back button on the details and the review (src/widget/back-button.ts), with
 * happy-dom's own history: `history.back()` pops an entry and fires `popstate`, as a browser does.
 */
let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

/** What the host page's router keeps in the history entry the patient arrived on. */
const HOST_STATE = { router: 'home', scroll: 120 };
beforeEach(() => history.replaceState(HOST_STATE, ''));

const fixedChoice = { options: { appointmentTypeId: 'checkup', providerId: 'ada' } };
const widgetEntry = () => (history.state as Record<string, unknown> | null)?.clinicScheduler;

describe("the browser's Back button", () => {
  it('on the details returns to the calendar, the chosen time and the typed name kept, the page state untouched', async () => {
    mounted = mountForTest(fixedChoice);
    const length = history.length;
    const { user, view } = await toDetails(mounted);
    // The entry is added once the step has been drawn (an effect).
    await waitFor(() => expect(widgetEntry()).toEqual(expect.stringMatching(/^cs\d+$/)));
    expect(history.length).toBe(length + 1);
    expect(history.state).toEqual({ ...HOST_STATE, clinicScheduler: expect.stringMatching(/^cs\d+$/) });
    await user.type(view.getByLabelText('Full name'), 'Maria Gomez');

    history.back();
    await view.findByRole('heading', { name: 'Choose a day' });
    expect(history.state).toEqual(HOST_STATE);
    expect((view.getByRole('radio', { name: /^9:00\sAM$/ }) as HTMLInputElement).checked).toBe(true);

    await user.click(view.getByRole('button', { name: 'Continue' }));
    expect(((await view.findByLabelText('Full name')) as HTMLInputElement).value).toBe('Maria Gomez');
    await waitFor(() => expect(widgetEntry()).toEqual(expect.stringMatching(/^cs\d+$/)));
  });

  it('on the review returns to the details, then to the calendar, one entry all along', async () => {
    mounted = mountForTest(fixedChoice);
    const length = history.length;
    const { view } = await toReview(mounted);
    await waitFor(() => expect(widgetEntry()).toEqual(expect.stringMatching(/^cs\d+$/)));
    expect(history.length).toBe(length + 1);
    history.back();
    await view.findByRole('heading', { name: 'Your details' });
    expect(widgetEntry()).toEqual(expect.stringMatching(/^cs\d+$/));
    history.back();
    await view.findByRole('heading', { name: 'Choose a day' });
    expect(history.state).toEqual(HOST_STATE);
  });

  it('does nothing while the booking is being sent, like the review’s own Back button', async () => {
    mounted = mountForTest(fixedChoice);
    let answer: (result: ApiResult<BookingConfirmation>) => void = () => {};
    mounted.api.bookingAnswers.push(() => new Promise((resolve) => (answer = resolve)));
    const { user, view } = await toReview(mounted);
    await user.click(view.getByRole('button', { name: 'Confirm booking' }));
    history.back();
    await waitFor(() => expect(widgetEntry()).toEqual(expect.stringMatching(/^cs\d+$/)));
    expect(view.getByRole('heading', { name: 'Review and confirm' })).toBeTruthy();
    answer({ ok: false, error: { code: 'SERVER', message: 'SERVER', status: 500 } });
    await waitFor(() => expect(view.getByRole('button', { name: 'Try again' })).toBeTruthy());
  });
});

describe('with history="none"', () => {
  it('adds no entry on the details or the review, and a Back the page takes leaves the step as it is', async () => {
    mounted = mountForTest({ options: { ...fixedChoice.options, history: 'none' } });
    const length = history.length;
    const { view } = await toReview(mounted);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect([history.length, history.state]).toEqual([length, HOST_STATE]);
    // The host's router goes back through an entry of its own: the widget stays on its step.
    history.pushState({ router: 'modal' }, '');
    history.back();
    await waitFor(() => expect(history.state).toEqual(HOST_STATE));
    expect(view.getByRole('heading', { name: 'Review and confirm' })).toBeTruthy();
  });
});

describe('the widget leaves no entry behind', () => {
  it('when the patient goes back with its own Back button', async () => {
    mounted = mountForTest(fixedChoice);
    const { user, view } = await toDetails(mounted);
    await user.click(view.getByRole('button', { name: 'Back' }));
    await view.findByRole('heading', { name: 'Choose a day' });
    await waitFor(() => expect(history.state).toEqual(HOST_STATE));
  });

  it("nor takes back an entry the host's router pushed meanwhile, even one that copies the page's state", async () => {
    mounted = mountForTest(fixedChoice);
    const { user, view } = await toDetails(mounted);
    await waitFor(() => expect(widgetEntry()).toEqual(expect.stringMatching(/^cs\d+$/)));
    const length = history.length;
    // A router that keeps what the entry held (the widget's mark too) and adds its own route.
    const routed = { ...(history.state as object), router: 'pricing' };
    history.pushState(routed, '');
    await user.click(view.getByRole('button', { name: 'Back' }));
    await view.findByRole('heading', { name: 'Choose a day' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(history.length).toBe(length + 1);
    expect(history.state).toEqual(routed);
  });

  it('once the booking is made, so Back from the confirmation leaves the page', async () => {
    mounted = mountForTest(fixedChoice);
    const { user, view } = await toReview(mounted);
    await user.click(view.getByRole('button', { name: 'Confirm booking' }));
    await view.findByRole('heading', { name: "You're booked" });
    await waitFor(() => expect(history.state).toEqual(HOST_STATE));
  });
});
