import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { confirmationFor, fakeApi } from './fakes.ts';
import { clinicRules } from './fixtures.ts';
import { byText, describeActive, eventually, mountWithFakes, removeWidgetsAfterEach } from './shadow.ts';

removeWidgetsAfterEach();

describe('focus after confirming', () => {
  it('moves to the confirmation heading after a click on "Confirm booking"', async () => {
    // The clinic takes a moment to answer: the button is disabled meanwhile.
    const api = fakeApi(clinicRules());
    api.bookingAnswers.push(async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { ok: true, value: confirmationFor(api.bookingCalls[0]!.request) };
    });
    const m = mountWithFakes({ appointmentTypeId: 'video-followup', providerId: 'ada' }, { apiClient: api });
    await eventually(() => expect(m.root.querySelector('input[name$="-slot"]')).not.toBeNull());
    await userEvent.click(m.root.querySelector('input[name$="-slot"]')!.closest('label')!);
    await userEvent.click(byText(m.root, 'button', 'Continue'));
    await eventually(() => expect(m.root.querySelector('[name="name"]')).not.toBeNull());
    for (const [name, value] of [
      ['name', 'Maria Gomez'],
      ['dateOfBirth', '1985-04-23'],
      ['email', 'maria@example.com'],
      ['phone', '+1 555 123 4567'],
    ]) {
      await userEvent.fill(m.root.querySelector<HTMLInputElement>(`[name="${name}"]`)!, value!);
    }
    await userEvent.click(m.root.querySelector('input[type=checkbox]')!);
    await userEvent.click(byText(m.root, 'button', 'Continue'));
    await eventually(() => expect(describeActive(m)).toBe('h2:Review and confirm'));
    await userEvent.click(byText(m.root, 'button', 'Confirm booking'));
    // While the clinic answers, focus stays on the button, which says what is happening (a
    // disabled button would drop it to the page's body).
    expect(describeActive(m)).toBe('button:Booking…');
    expect(byText(m.root, 'button', 'Booking…').getAttribute('aria-disabled')).toBe('true');
    await eventually(() => expect(describeActive(m)).toBe("h2:You're booked"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(describeActive(m)).toBe("h2:You're booked");
  });
});
