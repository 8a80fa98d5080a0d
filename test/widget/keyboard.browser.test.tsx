import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { fakeApi } from './fakes.ts';
import { clinicRules } from './fixtures.ts';
import {
  active,
  describeActive,
  eventually,
  mountWithFakes,
  pressButton,
  removeWidgetsAfterEach,
  tabTo,
  typeFields,
} from './shadow.ts';

/**
 * The whole booking with the keyboard only, in real Chromium: real key presses through the
 * browser (Tab, arrows, Space, Enter), into the shadow root, from the first step to "booked".
 */
removeWidgetsAfterEach();

describe('keyboard only', () => {
  it('books from the first step to the confirmation without a mouse', async () => {
    const api = fakeApi(clinicRules());
    const m = mountWithFakes({}, { apiClient: api, patientTimezone: 'America/New_York' });
    await eventually(() => expect(m.root.querySelector('h2')?.textContent).toBe('What kind of visit?'));

    // Step 1: the type group (none chosen: Tab lands on the first), Space chooses "Check-up".
    await tabTo(m, (el) => el.getAttribute('name')?.endsWith('-type') ?? false, 'the visit types');
    await userEvent.keyboard(' ');
    await pressButton(m, 'Continue');
    await eventually(() => expect(describeActive(m)).toBe('h2:Choose a day'));

    // Step 2: the grid is one tab stop; arrows move, Enter chooses.
    const cell = await tabTo(m, (el) => el.getAttribute('role') === 'gridcell', 'the grid');
    expect(cell.getAttribute('data-date')).toBe('2024-12-03');
    await userEvent.keyboard('{ArrowRight}');
    await eventually(() => expect(active(m)?.getAttribute('data-date')).toBe('2024-12-04'));
    await userEvent.keyboard('{Enter}');
    await eventually(() =>
      expect(m.root.querySelector('[data-live="polite"]')?.textContent).toBe(
        '12 times available on Wednesday, December 4',
      ),
    );

    // Step 3: Tab enters the times; the arrow keys choose within the group.
    await tabTo(m, (el) => el.getAttribute('name')?.endsWith('-slot') ?? false, 'the times');
    await userEvent.keyboard(' ');
    await userEvent.keyboard('{ArrowRight}');
    await eventually(() => expect((active(m) as HTMLInputElement).checked).toBe(true));
    expect(describeActive(m)).toMatch(/^input:9:30\sAM with Dr. Ada Lee$/);
    await pressButton(m, 'Continue');
    await eventually(() => expect(describeActive(m)).toBe('h2:Your details'));

    // Step 4: type into each field; Space for the radio and the checkbox; Enter submits.
    await typeFields(m, {
      name: 'Maria Gomez',
      dateOfBirth: '1985-04-23',
      email: 'maria@example.com',
      phone: '+1 555 123 4567',
    });
    await tabTo(m, (el) => el.getAttribute('value') === 'new', 'new patient');
    await userEvent.keyboard(' ');
    await tabTo(m, (el) => el.getAttribute('type') === 'checkbox', 'consent');
    await userEvent.keyboard(' ');
    await pressButton(m, 'Continue');
    await eventually(() => expect(describeActive(m)).toBe('h2:Review and confirm'));

    // Step 5: confirm.
    await pressButton(m, 'Confirm booking');
    await eventually(() => expect(describeActive(m)).toBe("h2:You're booked"));
    expect(api.bookingCalls).toHaveLength(1);
    expect(api.bookingCalls[0]?.request).toMatchObject({
      appointmentTypeId: 'checkup',
      start: Date.parse('2024-12-04T14:30:00Z'),
      patient: { name: 'Maria Gomez', patientStatus: 'new', consent: true },
    });
  });

  it('a submit with problems puts focus on the first one', async () => {
    const m = mountWithFakes(
      { appointmentTypeId: 'checkup', providerId: 'ada' },
      { patientTimezone: 'America/New_York' },
    );
    await tabTo(m, (el) => el.getAttribute('name')?.endsWith('-slot') ?? false, 'the times');
    await userEvent.keyboard(' ');
    await pressButton(m, 'Continue');
    await typeFields(m, { name: 'Maria Gomez' });
    await pressButton(m, 'Continue');
    await eventually(() => expect(active(m)?.getAttribute('name')).toBe('dateOfBirth'));
    expect(active(m)?.getAttribute('aria-invalid')).toBe('true');
  });
});
