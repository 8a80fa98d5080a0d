import { waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { apiError, fakeApi } from '../../test/widget/fakes.ts';
import { bookedCheckup, clinicRules } from '../../test/widget/fixtures.ts';
import { fillDetails, type Mounted, mountForTest, plain, toDetails } from '../../test/widget/render.ts';
import type { ChangePolicy } from '../engine/types.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

/** The check-up on December 3, 9:00 AM; "now" is December 2, 5:00 PM in New York (16 hours before). */
function withPolicy(changePolicy: ChangePolicy) {
  const rules = clinicRules();
  rules.appointmentTypes[0]!.changePolicy = changePolicy;
  const api = fakeApi(rules);
  api.getAnswer = { ok: true, value: { booking: bookedCheckup() } };
  return api;
}

function policyText(container: HTMLElement): string {
  return plain(container.querySelector('.cs-policy dd')?.textContent ?? '');
}

describe("the manage view and the type's change policy", () => {
  it('past the cut-off: no change buttons, why not, and the clinic phone number to call', async () => {
    const api = withPolicy({ cutoffMinutes: 1440, text: 'Late cancellations may be charged.' });
    mounted = mountForTest({ api, hash: '#booking=tok-9&action=cancel' });
    const view = within(mounted.container);
    await view.findByRole('heading', { name: 'Your appointment' });
    expect(view.queryByRole('button', { name: 'Reschedule' })).toBeNull();
    expect(view.queryByRole('button', { name: 'Cancel appointment' })).toBeNull();
    expect(view.queryByRole('button', { name: 'Yes, cancel it' })).toBeNull();
    expect(policyText(mounted.container)).toBe(
      'This appointment can no longer be changed online: online changes close 1 day before the visit.' +
        'Call +1 555 0100 to reschedule or cancel.Late cancellations may be charged.',
    );
    expect(view.getByRole('link', { name: '+1 555 0100' }).getAttribute('href')).toBe('tel:+15550100');
  });

  it('before the cut-off: says until when, and offers only the change the clinic takes online', async () => {
    const api = withPolicy({ cutoffMinutes: 600, rescheduleOnline: false });
    mounted = mountForTest({ api, hash: '#booking=tok-9&action=reschedule' });
    const view = within(mounted.container);
    await view.findByRole('heading', { name: 'Your appointment' });
    expect(view.getByRole('button', { name: 'Cancel appointment' })).toBeTruthy();
    expect(view.queryByRole('button', { name: 'Reschedule' })).toBeNull();
    expect(policyText(mounted.container)).toBe(
      'You can cancel online until Monday, December 2, 2024 at 11:00 PM (Eastern Standard Time). ' +
        'To reschedule, call the clinic.Call +1 555 0100 to reschedule or cancel.',
    );
    // The patient's clock passes the cut-off while the page is open: the next render follows.
    mounted.clock.value = Date.parse('2024-12-03T04:00:01Z');
    const user = userEvent.setup();
    await user.click(view.getByRole('button', { name: 'Cancel appointment' }));
    await view.findByRole('heading', { name: 'Your appointment' });
    expect(view.queryByRole('button', { name: 'Yes, cancel it' })).toBeNull();
    expect(policyText(mounted.container)).toMatch(
      /^This appointment can no longer be changed online: online changes close 10 hours before/,
    );
  });

  it("says why the clinic's server refused a cancel, with its phone number", async () => {
    const api = withPolicy({ cutoffMinutes: 60 });
    api.cancelAnswer = apiError('CHANGE_CUTOFF_PASSED', { status: 409 });
    mounted = mountForTest({ api, hash: '#booking=tok-9' });
    const user = userEvent.setup();
    const view = within(mounted.container);
    await user.click(await view.findByRole('button', { name: 'Cancel appointment' }));
    await user.click(await view.findByRole('button', { name: 'Yes, cancel it' }));
    await waitFor(() =>
      expect(plain(view.getByRole('alert').textContent ?? '')).toBe(
        'It is now too late to change this appointment online.Call +1 555 0100 to book.',
      ),
    );
  });

  it('speaks Spanish, with plural units', async () => {
    const api = withPolicy({ cutoffMinutes: 2880, cancelOnline: false, rescheduleOnline: false });
    mounted = mountForTest({ api, hash: '#booking=tok-9', options: { locale: 'es' } });
    const view = within(mounted.container);
    await view.findByRole('heading', { name: 'Su cita' });
    expect(view.queryByRole('button', { name: 'Cancelar la cita' })).toBeNull();
    expect(policyText(mounted.container)).toBe(
      'Esta cita no se puede cambiar ni cancelar en línea. Para cambiarla, llame a la clínica.' +
        'Llame al +1 555 0100 para cambiar la hora o cancelar.',
    );
  });

  it('on the review: a time already past the cut-off is booked knowing it cannot be changed online', async () => {
    const rules = clinicRules();
    rules.appointmentTypes[0]!.changePolicy = { cutoffMinutes: 1440 };
    mounted = mountForTest({
      options: { appointmentTypeId: 'checkup', providerId: 'ada' },
      api: fakeApi(rules),
    });
    const { user, view } = await toDetails(mounted);
    await fillDetails(user, mounted.container);
    await user.click(view.getByRole('button', { name: 'Continue' }));
    await view.findByRole('heading', { name: 'Review and confirm' });
    expect(policyText(mounted.container)).toBe(
      'Once booked, this appointment cannot be changed online: online changes close 1 day before the visit.',
    );
  });
});
