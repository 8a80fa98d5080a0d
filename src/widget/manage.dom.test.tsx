import { waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, fakeApi } from '../../test/widget/fakes.ts';
import { bookedCheckup, clinicRules } from '../../test/widget/fixtures.ts';
import { liveText, type Mounted, mountForTest, plain } from '../../test/widget/render.ts';
import { hashWithoutToken, tokenFromHash } from './actions/open-manage.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const DEC3_1000 = Date.parse('2024-12-03T15:00:00Z');
const booking = bookedCheckup();

function withBooking() {
  const api = fakeApi(clinicRules());
  api.getAnswer = { ok: true, value: { booking } };
  return api;
}

describe('the manage link', () => {
  it('reads the token from the fragment only', () => {
    expect(tokenFromHash('#booking=tok-9')).toBe('tok-9');
    expect(tokenFromHash('#section&booking=a.b_c~d')).toBe('a.b_c~d');
    expect(tokenFromHash('#bookings=tok')).toBeNull();
    expect(tokenFromHash('#booking=')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
  });

  it('drops only the token from a fragment that holds more', () => {
    expect(hashWithoutToken('#booking=tok-9')).toBe('');
    expect(hashWithoutToken('#ref=email&booking=tok-9')).toBe('#ref=email');
    expect(hashWithoutToken('#booking=tok-9&ref=email&tab=2')).toBe('#ref=email&tab=2');
    expect(hashWithoutToken('#section')).toBe('#section');
    expect(hashWithoutToken('#booking=tok-9&action=reschedule&ref=email')).toBe('#ref=email');
  });

  it('leaves no stray separator behind when the token sat next to an empty part', () => {
    expect(hashWithoutToken('#booking=tok-9&')).toBe('');
    expect(hashWithoutToken('#ref=email&&booking=tok-9')).toBe('#ref=email');
  });

  it("returns from the rescheduling review to the new-time calendar on the browser's Back", async () => {
    mounted = mountForTest({ api: withBooking(), hash: '#booking=tok-9' });
    const user = userEvent.setup();
    const view = within(mounted.container);
    await user.click(await view.findByRole('button', { name: 'Reschedule' }));
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'),
    );
    await user.click(view.getByRole('radio', { name: /^10:00\sAM$/ }));
    await user.click(view.getByRole('button', { name: 'Continue' }));
    await view.findByRole('heading', { name: 'Review and confirm' });
    await waitFor(() => expect(history.state?.clinicScheduler).toEqual(expect.stringMatching(/^cs\d+$/)));
    history.back();
    await view.findByRole('heading', { name: 'Choose a new time' });
    expect((view.getByRole('radio', { name: /^10:00\sAM$/ }) as HTMLInputElement).checked).toBe(true);
    expect(history.state?.clinicScheduler).toBeUndefined();
  });

  it('shows the booking, then reschedules it to a new time with the same type and provider', async () => {
    const api = withBooking();
    api.rescheduleAnswer = {
      ok: true,
      value: {
        booking: { ...booking, start: DEC3_1000, end: DEC3_1000 + 30 * 60_000 },
        manageToken: 'tok-9',
      },
    };
    mounted = mountForTest({ api, hash: '#booking=tok-9' });
    const user = userEvent.setup();
    const view = within(mounted.container);
    await view.findByRole('heading', { name: 'Your appointment' });
    expect(plain(view.getByText(/December 3, 2024/).textContent)).toBe(
      'Tuesday, December 3, 2024 at 9:00 AM (Eastern Standard Time)',
    );
    expect(view.getByText('Dr. Ada Lee')).toBeTruthy();
    await user.click(view.getByRole('button', { name: 'Reschedule' }));
    await view.findByRole('heading', { name: 'Choose a new time' });
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'),
    );
    await user.click(view.getByRole('radio', { name: /^10:00\sAM$/ }));
    await user.click(view.getByRole('button', { name: 'Continue' }));
    await view.findByRole('heading', { name: 'Review and confirm' });
    expect(view.queryByText('Patient')).toBeNull();
    await user.dblClick(view.getByRole('button', { name: 'Confirm new time' }));
    await view.findByRole('heading', { name: 'Your appointment has been moved' });
    expect(api.rescheduleCalls).toHaveLength(1);
    expect(api.rescheduleCalls[0]).toMatchObject({
      token: 'tok-9',
      change: { start: DEC3_1000, providerId: 'ada' },
    });
    expect(plain(view.getByText(/December 3, 2024/).textContent)).toBe(
      'Tuesday, December 3, 2024 at 10:00 AM (Eastern Standard Time)',
    );
    expect(mounted.events.find((e) => e.name === 'cs-rescheduled')?.detail).toEqual({
      bookingId: 'bk-9',
      appointmentTypeId: 'checkup',
      providerId: 'ada',
      start: DEC3_1000,
      end: DEC3_1000 + 30 * 60_000,
      locationId: 'main',
    });
  });

  it('cancels after a confirmation step, and "keep" changes nothing', async () => {
    const api = withBooking();
    api.cancelAnswer = { ok: true, value: { booking: { ...booking, status: 'cancelled' } } };
    mounted = mountForTest({ api, hash: '#booking=tok-9' });
    const user = userEvent.setup();
    const view = within(mounted.container);
    await user.click(await view.findByRole('button', { name: 'Cancel appointment' }));
    await view.findByRole('heading', { name: 'Cancel this appointment?' });
    await user.click(view.getByRole('button', { name: 'Keep my appointment' }));
    await view.findByRole('heading', { name: 'Your appointment' });
    expect(api.cancelCalls).toHaveLength(0);
    await user.click(view.getByRole('button', { name: 'Cancel appointment' }));
    await user.click(await view.findByRole('button', { name: 'Yes, cancel it' }));
    await view.findByRole('heading', { name: 'Your appointment is cancelled' });
    expect(api.cancelCalls).toEqual([{ token: 'tok-9', key: expect.any(String) }]);
    expect(view.queryByRole('button', { name: 'Reschedule' })).toBeNull();
    expect(mounted.events.find((e) => e.name === 'cs-cancelled')?.detail).toEqual({ bookingId: 'bk-9' });
  });

  it.each(['EXPIRED', 'NOT_FOUND'] as const)(
    '%s token: a clear message, then the normal flow',
    async (code) => {
      const api = fakeApi(clinicRules());
      api.getAnswer = apiError(code);
      mounted = mountForTest({ api, hash: '#utm=reminder&booking=old-token' });
      const view = within(mounted.container);
      const heading = await view.findByRole('heading', { name: 'What kind of visit?' });
      expect(view.getByRole('alert').textContent).toBe(
        'This booking link has expired or is no longer valid. You can book a new appointment below.',
      );
      expect(mounted.hash.value).toBe('#utm=reminder');
      // The patient followed a link to this widget: the start of the booking takes focus.
      await waitFor(() => expect(mounted!.container.ownerDocument.activeElement).toBe(heading));
    },
  );

  it('a manage link followed from an email brings the booking to the patient: its heading takes focus', async () => {
    mounted = mountForTest({ api: withBooking(), hash: '#booking=tok-9' });
    const view = within(mounted.container);
    const heading = await view.findByRole('heading', { name: 'Your appointment' });
    await waitFor(() => expect(mounted!.container.ownerDocument.activeElement).toBe(heading));
  });

  it('a manage link followed on the page opens that booking', async () => {
    mounted = mountForTest({ api: withBooking() });
    const view = within(mounted.container);
    await view.findByRole('heading', { name: 'What kind of visit?' });
    mounted.hash.follow('#booking=tok-9');
    const heading = await view.findByRole('heading', { name: 'Your appointment' });
    await waitFor(() => expect(mounted!.container.ownerDocument.activeElement).toBe(heading));
    expect(mounted.api.getCalls).toEqual(['tok-9']);
    const gone = mounted;
    mounted = undefined;
    gone.unmount();
    gone.hash.follow('#booking=tok-10');
    expect(gone.api.getCalls).toEqual(['tok-9']);
  });

  it('after cancelling, offers to book the same visit again, with the same provider', async () => {
    const api = withBooking();
    api.cancelAnswer = { ok: true, value: { booking: { ...booking, status: 'cancelled' } } };
    mounted = mountForTest({ api, hash: '#ref=email&booking=tok-9' });
    const user = userEvent.setup();
    const view = within(mounted.container);
    await user.click(await view.findByRole('button', { name: 'Cancel appointment' }));
    await user.click(await view.findByRole('button', { name: 'Yes, cancel it' }));
    await view.findByRole('heading', { name: 'Your appointment is cancelled' });
    await user.click(view.getByRole('button', { name: 'Book a new time' }));
    const heading = await view.findByRole('heading', { name: 'Choose a day' });
    await waitFor(() => expect(mounted!.container.ownerDocument.activeElement).toBe(heading));
    expect(plain(view.getByText(/^Check-up · /).textContent)).toBe('Check-up · Dr. Ada Lee');
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'),
    );
    expect(mounted.hash.value).toBe('#ref=email');
  });

  it('a booking already cancelled offers a new time in Spanish too', async () => {
    const api = fakeApi(clinicRules());
    api.getAnswer = { ok: true, value: { booking: { ...booking, status: 'cancelled' } } };
    mounted = mountForTest({ api, hash: '#booking=tok-9', options: { locale: 'es' } });
    const view = within(mounted.container);
    expect(await view.findByText('Esta cita está cancelada.')).toBeTruthy();
    expect(view.getByRole('button', { name: 'Pedir una nueva hora' })).toBeTruthy();
  });

  it("the email's Cancel link opens the question at once", async () => {
    mounted = mountForTest({ api: withBooking(), hash: '#booking=tok-9&action=cancel' });
    const view = within(mounted.container);
    const heading = await view.findByRole('heading', { name: 'Cancel this appointment?' });
    await waitFor(() => expect(mounted!.container.ownerDocument.activeElement).toBe(heading));
    expect(view.getByRole('button', { name: 'Yes, cancel it' })).toBeTruthy();
    expect(mounted.api.cancelCalls).toHaveLength(0);
  });

  it("the email's Reschedule link opens the calendar, with the current appointment shown, and the review shows both times", async () => {
    mounted = mountForTest({ api: withBooking(), hash: '#booking=tok-9&action=reschedule' });
    const user = userEvent.setup();
    const view = within(mounted.container);
    await view.findByRole('heading', { name: 'Choose a new time' });
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'),
    );
    expect(plain(view.getByText(/^Your current appointment:/).textContent)).toBe(
      'Your current appointment: Tuesday, December 3, 2024 at 9:00 AM',
    );
    expect(mounted.container.querySelector('[data-date="2024-12-03"]')?.getAttribute('aria-label')).toBe(
      'Tuesday, December 3, 12 times available, your current appointment',
    );
    expect(mounted.container.querySelector('[data-date="2024-12-03"] .cs-day--current')).not.toBeNull();
    await user.click(view.getByRole('radio', { name: /^10:00\sAM$/ }));
    await user.click(view.getByRole('button', { name: 'Continue' }));
    await view.findByRole('heading', { name: 'Review and confirm' });
    const row = (label: string) =>
      plain(view.getByText(label, { selector: 'dt' }).nextElementSibling?.textContent);
    expect(row('Current time')).toBe('Tuesday, December 3, 2024 at 9:00 AM (Eastern Standard Time)');
    expect(row('New time')).toBe('Tuesday, December 3, 2024 at 10:00 AM (Eastern Standard Time)');
  });

  it('shows the current appointment in Spanish too', async () => {
    mounted = mountForTest({
      api: withBooking(),
      hash: '#booking=tok-9&action=reschedule',
      options: { locale: 'es' },
    });
    const view = within(mounted.container);
    await view.findByRole('heading', { name: 'Elija una nueva hora' });
    expect(plain(view.getByText(/^Su cita actual:/).textContent)).toBe(
      'Su cita actual: martes, 3 de diciembre de 2024, 9:00',
    );
    await waitFor(() =>
      expect(mounted!.container.querySelector('[data-date="2024-12-03"]')?.getAttribute('aria-label')).toBe(
        'martes, 3 de diciembre, 12 horarios disponibles, su cita actual',
      ),
    );
  });

  it('a booking already cancelled says so and offers no changes', async () => {
    const api = fakeApi(clinicRules());
    api.getAnswer = { ok: true, value: { booking: { ...booking, status: 'cancelled' } } };
    mounted = mountForTest({ api, hash: '#booking=tok-9' });
    const view = within(mounted.container);
    expect(await view.findByText('This appointment has been cancelled.')).toBeTruthy();
    expect(view.queryByRole('button', { name: 'Reschedule' })).toBeNull();
    expect(view.queryByRole('button', { name: 'Cancel appointment' })).toBeNull();
  });
});
