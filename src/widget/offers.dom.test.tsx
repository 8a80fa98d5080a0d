import { waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, confirmationFor, fakeApi } from '../../test/widget/fakes.ts';
import { bookedCheckup, clinicRules, DEC3_0900 } from '../../test/widget/fixtures.ts';
import {
  fillDetails,
  liveText,
  type Mounted,
  mountForTest,
  plain,
  toReview,
} from '../../test/widget/render.ts';
import type { ApiResult, BookingConfirmation, EarlierOffer } from '../api/types.ts';
import { offerTokenFromHash } from './actions/open-offer.ts';
import { hashWithoutOffer } from './fragment.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const HALF_HOUR = 30 * 60_000;
/** Wednesday, December 4, 2024, 3:00 PM in New York: the visit the offer would move. */
const DEC4_1500 = Date.parse('2024-12-04T20:00:00Z');
const current = { ...bookedCheckup(DEC4_1500), offerEarlier: 'same-provider' as const };

function offered(): EarlierOffer {
  return {
    offer: {
      appointmentTypeId: 'checkup',
      providerId: 'ada',
      start: DEC3_0900,
      end: DEC3_0900 + HALF_HOUR,
      mode: 'in-person',
      locationId: 'main',
    },
    booking: current,
  };
}

/** The booking at the offered time, as the server answers the move (without the opt-in). */
const { offerEarlier: _kept, ...movedBooking } = { ...current, start: DEC3_0900, end: DEC3_0900 + HALF_HOUR };

function moved(): ApiResult<BookingConfirmation> {
  return { ok: true, value: { booking: movedBooking, manageToken: 'tok-new' } };
}

function withOffer() {
  const api = fakeApi(clinicRules());
  api.offerAnswer = { ok: true, value: offered() };
  return api;
}

/** Holds `acceptOffer` until the test releases it with an answer. */
function holdAccept(api: ReturnType<typeof fakeApi>) {
  let release: (answer: ApiResult<BookingConfirmation>) => void = () => {};
  api.acceptOffer = async (token, key) => {
    api.acceptCalls.push({ token, key });
    return new Promise((resolve) => {
      release = resolve;
    });
  };
  return (answer: ApiResult<BookingConfirmation>) => release(answer);
}

describe('the offer link', () => {
  it('reads the offer token from the fragment only, and drops only it', () => {
    expect(offerTokenFromHash('#offer=Ab-9_x')).toBe('Ab-9_x');
    expect(offerTokenFromHash('#ref=email&offer=a.b~c')).toBe('a.b~c');
    expect(offerTokenFromHash('#offers=tok')).toBeNull();
    expect(offerTokenFromHash('#offer=')).toBeNull();
    expect(offerTokenFromHash('#offer=a%20b')).toBeNull();
    expect(hashWithoutOffer('#offer=tok')).toBe('');
    expect(hashWithoutOffer('#ref=email&offer=tok&tab=2')).toBe('#ref=email&tab=2');
    expect(hashWithoutOffer('#booking=tok')).toBe('#booking=tok');
  });

  it('shows the visit and the earlier time side by side, in the shown zone and the clinic’s', async () => {
    mounted = mountForTest({ api: withOffer(), hash: '#offer=off-1', zone: 'Asia/Tokyo' });
    const view = within(mounted.container);
    const heading = await view.findByRole('heading', { name: 'An earlier time for your appointment' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    const now = view.getByRole('region', { name: 'Your appointment now' });
    const next = view.getByRole('region', { name: 'Earlier time offered' });
    await waitFor(() => expect(within(next).getByText('Dr. Ada Lee')).toBeTruthy());
    expect(plain(within(now).getByText(/2024 at/).textContent)).toBe(
      'Thursday, December 5, 2024 at 5:00 AM (Japan Standard Time)3:00 PM (Eastern Standard Time) at the clinic',
    );
    expect(plain(within(next).getByText(/2024 at/).textContent)).toBe(
      'Tuesday, December 3, 2024 at 11:00 PM (Japan Standard Time)9:00 AM (Eastern Standard Time) at the clinic',
    );
    expect(view.getByText(/^An earlier time has opened up\./)).toBeTruthy();
    // The token stays while the offer can still be taken: a reload opens it again.
    expect(mounted.hash.value).toBe('#offer=off-1');
  });

  it('moves the booking with one request on a double click, then shows it at its new time', async () => {
    const api = withOffer();
    // What the fake's setOfferEarlier answers with.
    api.getAnswer = { ok: true, value: { booking: movedBooking } };
    const release = holdAccept(api);
    mounted = mountForTest({ api, hash: '#ref=email&offer=off-1' });
    const user = userEvent.setup();
    const view = within(mounted.container);
    await user.dblClick(await view.findByRole('button', { name: 'Move my appointment to this time' }));
    const busy = view.getByRole('button', { name: 'Moving your appointment…' });
    expect(busy.getAttribute('aria-disabled')).toBe('true');
    await user.click(busy);
    expect(api.acceptCalls).toEqual([{ token: 'off-1', key: expect.any(String) }]);
    release(moved());
    const heading = await view.findByRole('heading', { name: 'Your appointment has been moved' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(plain(view.getByText(/December 3, 2024/).textContent)).toBe(
      'Tuesday, December 3, 2024 at 9:00 AM (Eastern Standard Time)',
    );
    expect(mounted.hash.value).toBe('#ref=email');
    expect(mounted.events.find((e) => e.name === 'cs-rescheduled')?.detail).toEqual({
      bookingId: 'bk-9',
      appointmentTypeId: 'checkup',
      providerId: 'ada',
      start: DEC3_0900,
      end: DEC3_0900 + HALF_HOUR,
      locationId: 'main',
    });
    // The opt-in stays on, and changing it now takes the booking's new manage token.
    const box = view.getByRole('checkbox', { name: 'Offer me an earlier time if one opens up' });
    expect((box as HTMLInputElement).checked).toBe(true);
    await user.click(box);
    await waitFor(() => expect(liveText(mounted!.container)).toBe('You will not be offered earlier times.'));
    expect(api.offerEarlierCalls).toEqual([{ token: 'tok-new', offerEarlier: null }]);
  });

  it('a time another patient took first: says so, and shows the visit unchanged', async () => {
    const api = withOffer();
    api.acceptAnswer = apiError('OFFER_EXPIRED', { status: 410, reason: 'TAKEN' });
    mounted = mountForTest({ api, hash: '#offer=off-1' });
    const user = userEvent.setup();
    const view = within(mounted.container);
    await user.click(await view.findByRole('button', { name: 'Move my appointment to this time' }));
    const heading = await view.findByRole('heading', { name: 'This earlier time is no longer available' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(
      view.getByText('This earlier time has been taken by another patient; your appointment is unchanged.'),
    ).toBeTruthy();
    const kept = view.getByRole('region', { name: 'Your appointment (unchanged)' });
    expect(plain(within(kept).getByText(/2024 at/).textContent)).toBe(
      'Wednesday, December 4, 2024 at 3:00 PM (Eastern Standard Time)',
    );
    expect(view.queryByRole('button', { name: /Move my appointment/ })).toBeNull();
    expect(mounted.hash.value).toBe('');
    expect(mounted.events.find((e) => e.name === 'cs-error')?.detail).toEqual({
      code: 'OFFER_EXPIRED',
      message: 'The booking was not moved to the offered time.',
    });
  });

  it.each([
    ['PASSED', 'This earlier time is no longer ahead; your appointment is unchanged.'],
    ['USED', 'This offer has already been accepted.'],
    ['BOOKING_CHANGED', 'Your appointment was cancelled or has moved since this offer was sent.'],
    [
      'CHANGES_CLOSED',
      'Your appointment can no longer be changed online, so this earlier time cannot be taken; it is unchanged. Please call the clinic to move it.',
    ],
    [undefined, 'This offer is no longer available; your appointment is unchanged.'],
  ])('an offer gone before it is opened (%s) gets its sentence', async (reason, sentence) => {
    const api = fakeApi(clinicRules());
    api.offerAnswer = apiError('OFFER_EXPIRED', { status: 410, ...(reason ? { reason } : {}) });
    mounted = mountForTest({ api, hash: '#offer=off-1&ref=email' });
    const view = within(mounted.container);
    await view.findByRole('heading', { name: 'This earlier time is no longer available' });
    expect(view.getByText(sentence)).toBeTruthy();
    expect(mounted.hash.value).toBe('#ref=email');
  });

  it('no answer to the move: the visit is unchanged, and "Try again" sends the same request', async () => {
    const api = withOffer();
    api.acceptAnswer = apiError('NETWORK');
    mounted = mountForTest({ api, hash: '#offer=off-1' });
    const user = userEvent.setup();
    const view = within(mounted.container);
    await user.click(await view.findByRole('button', { name: 'Move my appointment to this time' }));
    await waitFor(() =>
      expect(view.getByRole('alert').textContent).toBe(
        "We couldn't reach the clinic. Your appointment is unchanged: please try again.",
      ),
    );
    expect(view.getByRole('region', { name: 'Your appointment now' })).toBeTruthy();
    expect(mounted.hash.value).toBe('#offer=off-1');
    api.acceptAnswer = moved();
    await user.click(view.getByRole('button', { name: 'Try again' }));
    await view.findByRole('heading', { name: 'Your appointment has been moved' });
    expect(api.acceptCalls).toHaveLength(2);
    expect(api.acceptCalls[1]?.key).toBe(api.acceptCalls[0]?.key);
    expect(view.getByRole('alert').textContent).toBe('');
  });

  it('an offer that could not be loaded: a banner with "Try again", which opens it', async () => {
    const api = withOffer();
    api.offerAnswer = apiError('TIMEOUT');
    mounted = mountForTest({ api, hash: '#offer=off-1' });
    const user = userEvent.setup();
    const view = within(mounted.container);
    await view.findByRole('heading', { name: 'An earlier time for your appointment' });
    await waitFor(() =>
      expect(view.getByRole('alert').textContent).toMatch(
        /^We couldn't load this offer\. Please try again, or call the clinic\./,
      ),
    );
    api.offerAnswer = { ok: true, value: offered() };
    await user.click(view.getByRole('button', { name: 'Try again' }));
    await view.findByRole('button', { name: 'Move my appointment to this time' });
    expect(view.getByRole('alert').textContent).toBe('');
  });

  it('an unknown offer token: a clear message, then the normal flow', async () => {
    mounted = mountForTest({ api: fakeApi(clinicRules()), hash: '#offer=nope' });
    const view = within(mounted.container);
    await view.findByRole('heading', { name: 'What kind of visit?' });
    expect(view.getByRole('alert').textContent).toBe(
      'This offer link is not valid. You can book an appointment below.',
    );
    expect(mounted.hash.value).toBe('');
  });
});

describe('the earlier-time opt-in', () => {
  it('on the confirmation: saved with the manage token, announced, and off again', async () => {
    const api = fakeApi(clinicRules());
    mounted = mountForTest({ api, options: { appointmentTypeId: 'checkup', providerId: 'ada' } });
    const { user, view } = await toReview(mounted);
    await user.click(view.getByRole('button', { name: 'Confirm booking' }));
    await view.findByRole('heading', { name: "You're booked" });
    // What the fake's setOfferEarlier answers with: the booking just made.
    api.getAnswer = { ok: true, value: { booking: confirmationFor(api.bookingCalls[0]!.request).booking } };
    const box = view.getByRole('checkbox', { name: 'Offer me an earlier time if one opens up' });
    expect((box as HTMLInputElement).checked).toBe(false);
    expect(box.getAttribute('aria-describedby')).toMatch(/-offer-earlier-hint$/);
    expect(
      view.getByText(/^If an earlier time with Dr\. Ada Lee frees up, we email you a link/),
    ).toBeTruthy();
    await user.click(box);
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('You will be offered an earlier time if one opens up.'),
    );
    expect((box as HTMLInputElement).checked).toBe(true);
    await user.click(box);
    await waitFor(() => expect(liveText(mounted!.container)).toBe('You will not be offered earlier times.'));
    expect((box as HTMLInputElement).checked).toBe(false);
    expect(api.offerEarlierCalls).toEqual([
      { token: 'tok-123', offerEarlier: 'same-provider' },
      { token: 'tok-123', offerEarlier: null },
    ]);
  });

  it('after booking "any available provider", asks for any provider’s times', async () => {
    const api = fakeApi(clinicRules());
    mounted = mountForTest({ api, options: { appointmentTypeId: 'checkup' } });
    const user = userEvent.setup();
    const view = within(mounted.container);
    await user.click(await view.findByRole('button', { name: 'Continue' }));
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('16 times available on Tuesday, December 3'),
    );
    await user.click(view.getByRole('radio', { name: /^9:00\sAM with Dr\. Ada Lee$/ }));
    await user.click(view.getByRole('button', { name: 'Continue' }));
    await view.findByRole('heading', { name: 'Your details' });
    await fillDetails(user, mounted.container);
    await user.click(view.getByRole('button', { name: 'Continue' }));
    await user.click(await view.findByRole('button', { name: 'Confirm booking' }));
    await view.findByRole('heading', { name: "You're booked" });
    api.getAnswer = { ok: true, value: { booking: confirmationFor(api.bookingCalls[0]!.request).booking } };
    expect(view.getByText(/^If an earlier time with any provider of this visit frees up/)).toBeTruthy();
    await user.click(view.getByRole('checkbox', { name: 'Offer me an earlier time if one opens up' }));
    await waitFor(() =>
      expect(api.offerEarlierCalls).toEqual([{ token: 'tok-123', offerEarlier: 'any-provider' }]),
    );
  });

  it('a choice not saved: the box goes back, and the reason is said beside it and announced', async () => {
    const api = fakeApi(clinicRules());
    api.getAnswer = { ok: true, value: { booking: { ...bookedCheckup(), offerEarlier: 'any-provider' } } };
    api.setOfferEarlier = async (token, offerEarlier) => {
      api.offerEarlierCalls.push({ token, offerEarlier });
      return apiError('NETWORK');
    };
    mounted = mountForTest({ api, hash: '#booking=tok-9' });
    const user = userEvent.setup();
    const view = within(mounted.container);
    await view.findByRole('heading', { name: 'Your appointment' });
    const box = view.getByRole('checkbox', { name: 'Offer me an earlier time if one opens up' });
    expect((box as HTMLInputElement).checked).toBe(true);
    await user.click(box);
    const said = "Your choice was not saved: we couldn't reach the clinic. Please try again.";
    await waitFor(() => expect(liveText(mounted!.container)).toBe(said));
    expect((box as HTMLInputElement).checked).toBe(true);
    const beside = mounted.container.querySelector('.cs-error');
    expect(beside?.textContent).toBe(said);
    expect(beside?.id).toBe(box.getAttribute('aria-describedby')?.split(' ')[0]);
    expect(api.offerEarlierCalls).toEqual([{ token: 'tok-9', offerEarlier: null }]);
    expect(mounted.events.find((e) => e.name === 'cs-error')?.detail).toEqual({
      code: 'NETWORK',
      message: 'The earlier-time choice was not saved.',
    });
  });

  it('in the manage view: off and on again keeps "any provider"', async () => {
    const api = fakeApi(clinicRules());
    api.getAnswer = { ok: true, value: { booking: { ...bookedCheckup(), offerEarlier: 'any-provider' } } };
    mounted = mountForTest({ api, hash: '#booking=tok-9' });
    const user = userEvent.setup();
    const view = within(mounted.container);
    await view.findByRole('heading', { name: 'Your appointment' });
    const box = view.getByRole('checkbox', { name: 'Offer me an earlier time if one opens up' });
    await user.click(box);
    await waitFor(() => expect((box as HTMLInputElement).checked).toBe(false));
    await user.click(box);
    await waitFor(() => expect((box as HTMLInputElement).checked).toBe(true));
    expect(api.offerEarlierCalls).toEqual([
      { token: 'tok-9', offerEarlier: null },
      { token: 'tok-9', offerEarlier: 'any-provider' },
    ]);
  });
});
