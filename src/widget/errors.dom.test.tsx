import { waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, fakeApi, fakeSlotClient } from '../../test/widget/fakes.ts';
import { clinicRules } from '../../test/widget/fixtures.ts';
import { liveText, type Mounted, mountForTest, toReview } from '../../test/widget/render.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const fixed = { appointmentTypeId: 'checkup', providerId: 'ada' };

describe('loading the rules', () => {
  it('says clearly when the rules cannot be loaded, and the retry loads them', async () => {
    const api = fakeApi(clinicRules());
    api.rulesAnswer = apiError('NETWORK');
    mounted = mountForTest({ options: fixed, api });
    const user = userEvent.setup();
    const view = within(mounted.container);
    const alert = await view.findByRole('alert');
    await waitFor(() => expect(alert.textContent).toContain("We couldn't load the clinic's availability."));
    expect(alert.textContent).toContain('Please contact the clinic to book.');
    expect(view.queryByText('Loading…')).toBeNull();
    expect(mounted.events.find((e) => e.name === 'cs-error')?.detail).toEqual({
      code: 'NETWORK',
      message: "The clinic's availability could not be loaded.",
    });
    api.rulesAnswer = null;
    await user.click(view.getByRole('button', { name: 'Try again' }));
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'),
    );
    expect(alert.textContent).toBe('');
  });

  it('loads them by itself once the network is back', async () => {
    const api = fakeApi(clinicRules());
    api.rulesAnswer = apiError('NETWORK');
    mounted = mountForTest({ options: fixed, api });
    const view = within(mounted.container);
    const alert = await view.findByRole('alert');
    await waitFor(() => expect(alert.textContent).toContain("We couldn't load the clinic's availability."));
    api.rulesAnswer = null;
    mounted.network.reconnect();
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'),
    );
    expect(api.fetchRulesCalls).toBe(2);
    expect(alert.textContent).toBe('');
  });

  it('asks for nothing again on reconnecting when nothing failed', async () => {
    const api = fakeApi(clinicRules());
    mounted = mountForTest({ options: fixed, api });
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'),
    );
    const computed = mounted.slots.calls.length;
    mounted.network.reconnect();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(api.fetchRulesCalls).toBe(1);
    expect(mounted.slots.calls.length).toBe(computed);
  });

  it('shows times from the last good copy when the fresh fetch fails', async () => {
    const api = fakeApi(clinicRules());
    api.cached = clinicRules();
    api.rulesAnswer = apiError('TIMEOUT');
    mounted = mountForTest({ options: fixed, api });
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'),
    );
    expect(within(mounted.container).getByRole('alert').textContent).toBe('');
  });
});

describe('rules that change under the calendar', () => {
  it('fresh rules arriving while the first search runs still end on the times', async () => {
    const api = fakeApi(clinicRules());
    api.cached = clinicRules();
    const slots = fakeSlotClient();
    slots.hold = true;
    mounted = mountForTest({ options: fixed, api, slots });
    await waitFor(() => expect(api.fetchRulesCalls).toBe(1));
    await waitFor(() => expect(slots.calls.length).toBeGreaterThan(1));
    slots.hold = false;
    slots.release();
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'),
    );
    expect(within(mounted.container).getAllByRole('radio')).toHaveLength(12);
  });

  it('a 304 for the copy already shown computes nothing again', async () => {
    const api = fakeApi(clinicRules());
    api.cached = clinicRules();
    api.rulesAnswer = { ok: true, value: { rules: clinicRules(), etag: '"1"', fromCache: true } };
    mounted = mountForTest({ options: fixed, api });
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'),
    );
    expect(mounted.slots.calls).toHaveLength(1);
  });
});

describe('the slot worker fails', () => {
  it.each([
    ['TIMEOUT', 'Finding available times took too long.'],
    ['RULES_UNCOMPUTABLE', 'Finding available times took too long.'],
    ['WORKER_CRASHED', "We can't show available times right now."],
  ])('%s: a clear message and the phone number, never an endless spinner', async (code, message) => {
    const slots = fakeSlotClient();
    slots.failWith = { code };
    mounted = mountForTest({ options: fixed, slots });
    const view = within(mounted.container);
    const alert = await view.findByRole('alert');
    await waitFor(() => expect(alert.textContent).toContain(message));
    expect(alert.textContent).toBe(`${message}Call +1 555 0100 to book.Try again`);
    await waitFor(() => expect(view.queryByText(/Looking for|Loading/)).toBeNull());
    expect(view.getByRole('grid').getAttribute('aria-busy')).toBe('false');
    expect(mounted.container.querySelector('[aria-busy="true"]')).toBeNull();
  });

  it('recovers on "Try again" once the worker answers', async () => {
    const slots = fakeSlotClient();
    slots.failWith = { code: 'TIMEOUT' };
    mounted = mountForTest({ options: fixed, slots });
    const user = userEvent.setup();
    const view = within(mounted.container);
    const retry = await view.findByRole('button', { name: 'Try again' });
    slots.failWith = null;
    await user.click(retry);
    await waitFor(() => expect(view.getAllByRole('radio')).toHaveLength(12));
  });
});

describe('booking errors', () => {
  it('409: says the time was just taken, refreshes the slots and keeps the form', async () => {
    const api = fakeApi(clinicRules());
    api.bookingAnswers.push(apiError('SLOT_TAKEN', { status: 409 }));
    mounted = mountForTest({ options: fixed, api });
    const { user, view } = await toReview(mounted);
    mounted.slots.hold = true;
    await user.click(view.getByRole('button', { name: 'Confirm booking' }));
    await view.findByRole('heading', { name: 'Choose a day' });
    expect(view.getByRole('alert').textContent).toBe(
      'Sorry, that time was just taken. Please choose another time; your details are kept.',
    );
    await waitFor(() => expect(api.fetchRulesCalls).toBe(2));
    // The old list (with the taken time) is not offered while the fresh one is computed.
    expect(view.queryAllByRole('radio')).toHaveLength(0);
    expect(view.getByText('Loading available times…')).toBeTruthy();
    mounted.slots.hold = false;
    mounted.slots.release();
    await waitFor(() => expect(view.getAllByRole('radio')).toHaveLength(12));
    expect(view.getAllByRole('radio').some((radio) => (radio as HTMLInputElement).checked)).toBe(false);
    await user.click(view.getByRole('radio', { name: /^10:00\sAM$/ }));
    await user.click(view.getByRole('button', { name: 'Continue' }));
    expect(((await view.findByLabelText('Full name')) as HTMLInputElement).value).toBe('Maria Gomez');
    expect((view.getByLabelText('Email') as HTMLInputElement).value).toBe('maria@example.com');
  });

  it.each([
    [
      'DAY_FULL',
      "That day's appointments for this visit were just all booked. Please choose another day; your details are kept.",
    ],
    [
      'DAY_LIMIT',
      "That day's appointments for this visit were just all booked. Please choose another day; your details are kept.",
    ],
    [
      'NOT_ON_SCHEDULE',
      'That time is no longer offered: the clinic has just changed its hours. Please choose another time; your details are kept.',
    ],
    [
      'TIME_OFF',
      'That time is no longer offered: the clinic has just changed its hours. Please choose another time; your details are kept.',
    ],
    [
      'TOO_SOON',
      'That time is now too close to book online. Please choose a later time; your details are kept.',
    ],
    ['BUSY', 'Sorry, that time was just taken. Please choose another time; your details are kept.'],
    ['SOMETHING_NEW', 'Sorry, that time was just taken. Please choose another time; your details are kept.'],
  ])('409 with reason %s: says what happened, from the reason', async (reason, text) => {
    const api = fakeApi(clinicRules());
    api.bookingAnswers.push(apiError('SLOT_TAKEN', { status: 409, reason }));
    mounted = mountForTest({ options: fixed, api });
    const { user, view } = await toReview(mounted);
    await user.click(view.getByRole('button', { name: 'Confirm booking' }));
    await view.findByRole('heading', { name: 'Choose a day' });
    expect(view.getByRole('alert').textContent).toBe(text);
    // Choosing another time puts the message away.
    await waitFor(() => expect(view.getAllByRole('radio').length).toBeGreaterThan(0));
    await user.click(view.getAllByRole('radio')[1]!);
    expect(view.getByRole('alert').textContent).toBe('');
  });

  it('422: puts the server field errors on their fields and focuses the first', async () => {
    const api = fakeApi(clinicRules());
    api.bookingAnswers.push(
      apiError('VALIDATION', { status: 422, fieldErrors: { 'patient.email': 'INVALID' } }),
    );
    mounted = mountForTest({ options: fixed, api });
    const { user, view } = await toReview(mounted);
    await user.click(view.getByRole('button', { name: 'Confirm booking' }));
    const email = await view.findByLabelText('Email');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(mounted!.container.ownerDocument.activeElement).toBe(email));
    const error = mounted.container.querySelector(`#${email.getAttribute('aria-describedby')}`);
    expect(error?.textContent).toBe('Enter an email address like name@example.com.');
    expect(view.getByRole('alert').textContent).toBe('Please check the highlighted details.');
    expect((view.getByLabelText('Full name') as HTMLInputElement).value).toBe('Maria Gomez');
    await user.type(email, 'x');
    expect(email.getAttribute('aria-invalid')).toBe('false');
  });

  it("422 NOT_FOR_TYPE (the clinic's rules changed meanwhile): says the visit is for existing patients", async () => {
    const api = fakeApi(clinicRules());
    api.bookingAnswers.push(
      apiError('VALIDATION', { status: 422, fieldErrors: { 'patient.patientStatus': 'NOT_FOR_TYPE' } }),
    );
    mounted = mountForTest({ options: fixed, api });
    const { user, view } = await toReview(mounted);
    await user.click(view.getByRole('button', { name: 'Confirm booking' }));
    const status = await view.findByRole('group', { name: 'Have you been to this clinic before?' });
    const error = mounted.container.querySelector(`#${status.getAttribute('aria-describedby')}`);
    expect(error?.textContent).toBe(
      'This visit is for existing patients only. New to the clinic? Choose a visit for new patients, or call the clinic.',
    );
    await user.click(view.getByLabelText("Yes, I'm an existing patient"));
    expect(status.getAttribute('aria-describedby')).toBeNull();
  });

  it('network loss: keeps everything and the retry sends the same idempotency key', async () => {
    const api = fakeApi(clinicRules());
    api.bookingAnswers.push(apiError('NETWORK'));
    mounted = mountForTest({ options: fixed, api });
    const { user, view } = await toReview(mounted);
    await user.click(view.getByRole('button', { name: 'Confirm booking' }));
    expect(
      await view.findByText("We couldn't reach the clinic. Your details are kept: please try again."),
    ).toBeTruthy();
    await user.click(view.getByRole('button', { name: 'Try again' }));
    await view.findByRole('heading', { name: "You're booked" });
    expect(api.bookingCalls).toHaveLength(2);
    expect(api.bookingCalls[1]?.key).toBe(api.bookingCalls[0]?.key);
    expect(api.bookingCalls[0]?.key).toMatch(/\S{16,}/);
  });

  it('a server timeout says so and offers the retry', async () => {
    const api = fakeApi(clinicRules());
    api.bookingAnswers.push(apiError('TIMEOUT'));
    mounted = mountForTest({ options: fixed, api });
    const { user, view } = await toReview(mounted);
    await user.click(view.getByRole('button', { name: 'Confirm booking' }));
    expect(
      await view.findByText('The clinic took too long to answer. Your details are kept: please try again.'),
    ).toBeTruthy();
    expect(view.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('a changed time after a failure is a new attempt with a new key', async () => {
    const api = fakeApi(clinicRules());
    api.bookingAnswers.push(apiError('NETWORK'));
    mounted = mountForTest({ options: fixed, api });
    const { user, view } = await toReview(mounted);
    await user.click(view.getByRole('button', { name: 'Confirm booking' }));
    await view.findByRole('button', { name: 'Try again' });
    await user.click(view.getByRole('button', { name: 'Back' }));
    await user.click(await view.findByRole('button', { name: 'Back' }));
    await user.click(await view.findByRole('radio', { name: /^11:00\sAM$/ }));
    await user.click(view.getByRole('button', { name: 'Continue' }));
    await user.click(await view.findByRole('button', { name: 'Continue' }));
    await user.click(await view.findByRole('button', { name: /Confirm booking|Try again/ }));
    await view.findByRole('heading', { name: "You're booked" });
    expect(api.bookingCalls[1]?.key).not.toBe(api.bookingCalls[0]?.key);
  });
});
