import { waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { confirmationFor, fakeApi } from '../../test/widget/fakes.ts';
import { clinicRules } from '../../test/widget/fixtures.ts';
import {
  fillDetails,
  liveText,
  type Mounted,
  mountForTest,
  plain,
  toDetails,
  toReview,
} from '../../test/widget/render.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

/** Tuesday, December 3, 2024, 09:00 in New York. */
const DEC3_0900 = Date.parse('2024-12-03T14:00:00Z');

describe('step 1: what and who', () => {
  it('filters visits by new or existing patient and groups them in person and video', async () => {
    mounted = mountForTest();
    const user = userEvent.setup();
    const view = within(mounted.container);
    await view.findByRole('heading', { name: 'What kind of visit?' });
    expect(view.getAllByRole('radio', { name: /min/ }).map((r) => r.closest('label')?.textContent)).toEqual([
      'Check-up30 min · In person',
      'First visit60 min · In person',
      'Video follow-up20 min · Video visit',
    ]);
    expect(view.getByRole('group', { name: 'Video visit' })).toBeTruthy();
    await user.click(view.getByRole('radio', { name: 'Existing patients' }));
    expect(view.queryByRole('radio', { name: /First visit/ })).toBeNull();
    expect(view.getByRole('radio', { name: /Video follow-up/ })).toBeTruthy();
  });

  it('offers "any available" and each provider of the chosen type, then opens the calendar', async () => {
    mounted = mountForTest();
    const user = userEvent.setup();
    const view = within(mounted.container);
    const continueButton = await view.findByRole('button', { name: 'Continue' });
    expect((continueButton as HTMLButtonElement).disabled).toBe(true);
    await user.click(view.getByRole('radio', { name: /Check-up/ }));
    const providers = view.getByRole('group', { name: 'Who would you like to see?' });
    expect(
      within(providers)
        .getAllByRole('radio')
        .map((r) => r.closest('label')?.textContent),
    ).toEqual(['Any available provider', 'Dr. Ada Lee', 'Dr. Ben Ortiz']);
    await user.click(continueButton);
    const heading = await view.findByRole('heading', { name: 'Choose a day' });
    await waitFor(() => expect(mounted!.container.ownerDocument.activeElement).toBe(heading));
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('16 times available on Tuesday, December 3'),
    );
  });

  it('skips the first step when the host fixes type and provider', async () => {
    mounted = mountForTest({ options: { appointmentTypeId: 'checkup', providerId: 'ada' } });
    const view = within(mounted.container);
    await view.findByRole('heading', { name: 'Choose a day' });
    expect(view.queryByRole('button', { name: 'Back' })).toBeNull();
  });
});

describe('step 3: times', () => {
  it('groups the day into morning and afternoon as one labelled radio group', async () => {
    mounted = mountForTest({ options: { appointmentTypeId: 'checkup', providerId: 'ada' } });
    const view = within(mounted.container);
    const group = await view.findByRole('group', { name: 'Available times on Tuesday, December 3' });
    const morning = within(group).getByRole('group', { name: 'Morning' });
    const afternoon = within(group).getByRole('group', { name: 'Afternoon' });
    expect(
      within(morning)
        .getAllByRole('radio')
        .map((r) => plain(r.closest('label')?.textContent)),
    ).toEqual(['9:00 AM', '9:30 AM', '10:00 AM', '10:30 AM', '11:00 AM', '11:30 AM']);
    expect(within(afternoon).getAllByRole('radio')).toHaveLength(6);
    expect(within(group).queryByRole('group', { name: 'Evening' })).toBeNull();
  });

  it('with "any available", lists each time once and names the provider assigned', async () => {
    mounted = mountForTest({ options: { appointmentTypeId: 'checkup' } });
    const user = userEvent.setup();
    const view = within(mounted.container);
    await user.click(await view.findByRole('button', { name: 'Continue' }));
    // The day's first times are drawn in one task, the rest in the next (TimeList.tsx).
    const evening = await view.findByRole('group', { name: 'Evening' });
    const group = view.getByRole('group', { name: 'Afternoon' });
    const labels = within(group)
      .getAllByRole('radio')
      .map((r) => plain(r.closest('label')?.textContent));
    // Dr. Lee is free 13:00–16:00, Dr. Ortiz 14:00–18:00. Where both are free the one with more
    // free times that day gets it: Dr. Lee (12 against 8).
    expect(labels).toEqual([
      '1:00 PM with Dr. Ada Lee',
      '1:30 PM with Dr. Ada Lee',
      '2:00 PM with Dr. Ada Lee',
      '2:30 PM with Dr. Ada Lee',
      '3:00 PM with Dr. Ada Lee',
      '3:30 PM with Dr. Ada Lee',
      '4:00 PM with Dr. Ben Ortiz',
      '4:30 PM with Dr. Ben Ortiz',
    ]);
    expect(
      within(evening)
        .getAllByRole('radio')
        .map((r) => plain(r.closest('label')?.textContent)),
    ).toEqual(['5:00 PM with Dr. Ben Ortiz', '5:30 PM with Dr. Ben Ortiz']);
  });
});

describe('steps 4 and 5: details, review, confirmation', () => {
  it('shows the reason for the visit on the review, and says the details were emailed only when the server did', async () => {
    const api = fakeApi(clinicRules());
    api.bookingAnswers.push(async () => ({
      ok: true,
      value: { ...confirmationFor(api.bookingCalls[0]!.request), emailSent: true },
    }));
    mounted = mountForTest({ options: { appointmentTypeId: 'checkup', providerId: 'ada' }, api });
    const { user, view } = await toDetails(mounted);
    await fillDetails(user, mounted.container);
    await user.type(view.getByLabelText('Reason for visit (optional)'), ' Knee pain after running ');
    await user.click(view.getByRole('button', { name: 'Continue' }));
    await view.findByRole('heading', { name: 'Review and confirm' });
    expect(view.getByText('Reason for visit', { selector: 'dt' }).nextElementSibling?.textContent).toBe(
      'Knee pain after running',
    );
    await user.click(view.getByRole('button', { name: 'Confirm booking' }));
    await view.findByRole('heading', { name: "You're booked" });
    expect(view.getByText('We have sent the details to your email.')).toBeTruthy();
  });

  it('books once on a double click, then shows the confirmation with calendar and manage links', async () => {
    mounted = mountForTest({ options: { appointmentTypeId: 'checkup', providerId: 'ada' } });
    const { user, view } = await toDetails(mounted);
    await fillDetails(user, mounted.container);
    await user.click(view.getByRole('button', { name: 'Continue' }));
    await view.findByRole('heading', { name: 'Review and confirm' });
    const confirm = view.getByRole('button', { name: 'Confirm booking' });
    await user.dblClick(confirm);
    await view.findByRole('heading', { name: "You're booked" });
    // The fake server says nothing of an email: the confirmation does not claim one.
    expect(view.queryByText('We have sent the details to your email.')).toBeNull();
    expect(view.queryByText('Reason for visit', { selector: 'dt' })).toBeNull();
    expect(mounted.api.bookingCalls).toHaveLength(1);
    expect(mounted.api.bookingCalls[0]?.request).toEqual({
      appointmentTypeId: 'checkup',
      providerId: 'ada',
      start: DEC3_0900,
      patient: {
        name: 'Maria Gomez',
        dateOfBirth: '1985-04-23',
        email: 'maria@example.com',
        phone: '+1 555 123 4567',
        patientStatus: 'new',
        consent: true,
      },
    });
    const ics = view.getByRole('link', { name: 'Download calendar file (.ics)' });
    expect(ics.getAttribute('download')).toBe('appointment.ics');
    const file = decodeURIComponent(ics.getAttribute('href') ?? '').replace(/\r\n /g, '');
    const page = `${location.origin}${location.pathname}${location.search}`;
    expect(file).toContain('DTSTART:20241203T140000Z');
    expect(file).toContain('LOCATION:Riverside Main Street\\, 120 Main Street\\, Riverside');
    expect(file).toContain(
      `DESCRIPTION:Riverside Family Clinic\\n+1 555 0100\\nRiverside Main Street\\, 120 Main Street\\, Riverside\\nTo reschedule or cancel\\, keep this link: ${page}#booking=tok-123`,
    );
    expect(file).toContain(`URL:${page}#booking=tok-123`);
    expect(file).toContain(
      'BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Check-up · Dr. Ada Lee\r\nTRIGGER:-P1D\r\nEND:VALARM',
    );
    const google = view.getByRole('link', { name: 'Add to Google Calendar' }).getAttribute('href') ?? '';
    expect(google).toContain('dates=20241203T140000Z%2F20241203T143000Z');
    // The manage token never goes to Google.
    expect(google).not.toContain('tok-123');
    expect(view.getByRole('link', { name: 'Manage your appointment' }).getAttribute('href')).toBe(
      `${location.origin}${location.pathname}${location.search}#booking=tok-123`,
    );
    expect(plain(view.getByText(/Tuesday, December 3, 2024/).textContent)).toBe(
      'Tuesday, December 3, 2024 at 9:00 AM (Eastern Standard Time)',
    );
    expect(mounted.events.find((e) => e.name === 'cs-booked')?.detail).toEqual({
      bookingId: 'bk-1',
      appointmentTypeId: 'checkup',
      providerId: 'ada',
      start: DEC3_0900,
      end: DEC3_0900 + 30 * 60_000,
      locationId: 'main',
    });
    expect(JSON.stringify(mounted.events)).not.toMatch(/Maria|maria@|555 123|1985/);
  });

  it("links to this page's manage view even when the host page has a <base href> and <base target>", async () => {
    const base = document.createElement('base');
    base.href = 'https://elsewhere.example/blog/';
    base.target = '_blank';
    document.head.append(base);
    try {
      mounted = mountForTest({ options: { appointmentTypeId: 'checkup', providerId: 'ada' } });
      const { view } = await toReview(mounted);
      await userEvent.setup().click(view.getByRole('button', { name: 'Confirm booking' }));
      const link = (await view.findByRole('link', { name: 'Manage your appointment' })) as HTMLAnchorElement;
      expect(link.href).toBe(`${location.origin}${location.pathname}${location.search}#booking=tok-123`);
      expect(link.target).toBe('_self');
    } finally {
      base.remove();
    }
  });

  it('checks fields on blur, ties each message to its field and keeps what was typed when going back', async () => {
    mounted = mountForTest({ options: { appointmentTypeId: 'checkup', providerId: 'ada' } });
    const { user, view } = await toDetails(mounted);
    const email = view.getByLabelText('Email');
    await user.type(email, 'maria@');
    await user.tab();
    expect(email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = email.getAttribute('aria-describedby') ?? '';
    expect(mounted.container.querySelector(`#${describedBy}`)?.textContent).toBe(
      'Enter an email address like name@example.com.',
    );
    expect(view.getByLabelText('Full name').getAttribute('aria-invalid')).toBe('false');
    await user.click(view.getByRole('button', { name: 'Back' }));
    await user.click(await view.findByRole('button', { name: 'Continue' }));
    expect(
      (await view.findByLabelText('Email')).getAttribute('value') ??
        (view.getByLabelText('Email') as HTMLInputElement).value,
    ).toBe('maria@');
  });

  it('takes a date of birth typed as digits only (an iPhone number pad has no "-"), shown and sent as YYYY-MM-DD', async () => {
    mounted = mountForTest({ options: { appointmentTypeId: 'checkup', providerId: 'ada' } });
    const { user, view } = await toDetails(mounted);
    await fillDetails(user, mounted.container);
    const dob = view.getByLabelText('Date of birth') as HTMLInputElement;
    const hint = mounted.container.querySelector(`#${dob.getAttribute('aria-describedby')?.split(' ')[0]}`);
    expect(hint?.textContent).toBe('Year-month-day, for example 1985-04-23 (or only the digits: 19850423)');
    await user.clear(dob);
    await user.type(dob, '19850423');
    await user.tab();
    expect(dob.value).toBe('1985-04-23');
    expect(dob.getAttribute('aria-invalid')).toBe('false');
    await user.click(view.getByRole('button', { name: 'Continue' }));
    await user.click(await view.findByRole('button', { name: 'Confirm booking' }));
    await view.findByRole('heading', { name: "You're booked" });
    expect(mounted.api.bookingCalls[0]?.request.patient.dateOfBirth).toBe('1985-04-23');
  });

  it('refuses a new patient for a visit that is for existing patients only, before asking the clinic', async () => {
    mounted = mountForTest({ options: { appointmentTypeId: 'video-followup', providerId: 'ada' } });
    const user = userEvent.setup();
    const view = within(mounted.container);
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('18 times available on Tuesday, December 3'),
    );
    await user.click(view.getByRole('radio', { name: /^9:00\sAM$/ }));
    await user.click(view.getByRole('button', { name: 'Continue' }));
    await view.findByRole('heading', { name: 'Your details' });
    // The visit's patients are chosen for the patient to begin with.
    expect((view.getByLabelText("Yes, I'm an existing patient") as HTMLInputElement).checked).toBe(true);
    await fillDetails(user, mounted.container);
    await user.click(view.getByRole('button', { name: 'Continue' }));
    const status = view.getByRole('group', { name: 'Have you been to this clinic before?' });
    const error = mounted.container.querySelector(`#${status.getAttribute('aria-describedby')}`);
    expect(error?.textContent).toBe(
      'This visit is for existing patients only. New to the clinic? Choose a visit for new patients, or call the clinic.',
    );
    expect(view.queryByRole('heading', { name: 'Review and confirm' })).toBeNull();
    await user.click(view.getByLabelText("Yes, I'm an existing patient"));
    await user.click(view.getByRole('button', { name: 'Continue' }));
    await view.findByRole('heading', { name: 'Review and confirm' });
    expect(mounted.api.bookingCalls).toHaveLength(0);
  });

  it('on submit shows every problem and moves focus to the first', async () => {
    mounted = mountForTest({ options: { appointmentTypeId: 'checkup', providerId: 'ada' } });
    const { user, view } = await toDetails(mounted);
    await user.type(view.getByLabelText('Full name'), 'Maria Gomez');
    await user.click(view.getByRole('button', { name: 'Continue' }));
    const dob = view.getByLabelText('Date of birth');
    await waitFor(() => expect(mounted!.container.ownerDocument.activeElement).toBe(dob));
    expect([...mounted.container.querySelectorAll('.cs-error')].map((e) => e.textContent)).toEqual([
      'Enter your date of birth.',
      'Enter your email address.',
      'Enter your phone number.',
      'Tell us whether you are a new or existing patient.',
      'You need to agree before booking.',
    ]);
    expect(mounted.api.bookingCalls).toHaveLength(0);
  });
});
