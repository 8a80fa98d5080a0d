import { waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { confirmationFor, fakeApi } from '../../test/widget/fakes.ts';
import { clinicRules } from '../../test/widget/fixtures.ts';
import { fillDetails, liveText, type Mounted, mountForTest, plain } from '../../test/widget/render.ts';
import type { RulesDocument } from '../engine/types.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

/** The fixture clinic, with Dr. Ada Lee at the North clinic on weekday afternoons (span locations). */
function twoPlaces(): RulesDocument {
  const rules = clinicRules();
  rules.version = 2;
  rules.requires = ['span-locations'];
  rules.locations!.push({ id: 'north', name: 'North Clinic', address: '9 North Road' });
  const day = [
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '16:00', locationId: 'north' },
  ];
  rules.providers[0]!.weekly = { mon: day, tue: day, wed: day, thu: day, fri: day };
  return rules;
}

const radioNames = (root: HTMLElement) =>
  within(root)
    .getAllByRole('radio')
    .filter((radio) => radio.getAttribute('name')?.endsWith('-slot'))
    .map((radio) => plain(radio.closest('label')?.textContent));

describe('the location filter', () => {
  it('appears when the visit takes place at several locations, and each time says where', async () => {
    mounted = mountForTest({
      rules: twoPlaces(),
      options: { appointmentTypeId: 'checkup', providerId: 'ada' },
    });
    const view = within(mounted.container);
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'),
    );
    const filter = view.getByRole('combobox', { name: 'Location' }) as HTMLSelectElement;
    expect([...filter.options].map((option) => option.text)).toEqual([
      'All locations',
      'Riverside Main Street · 120 Main Street, Riverside',
      'North Clinic · 9 North Road',
    ]);
    const names = radioNames(mounted.container);
    expect(names[0]).toBe('9:00 AM at Riverside Main Street');
    expect(names[6]).toBe('1:00 PM at North Clinic');
  });

  it('shows only the times at the chosen location, and the review says where', async () => {
    mounted = mountForTest({
      rules: twoPlaces(),
      options: { appointmentTypeId: 'checkup', providerId: 'ada' },
    });
    const user = userEvent.setup();
    const view = within(mounted.container);
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'),
    );
    await user.selectOptions(view.getByRole('combobox', { name: 'Location' }), 'north');
    expect(radioNames(mounted.container)).toEqual([
      '1:00 PM',
      '1:30 PM',
      '2:00 PM',
      '2:30 PM',
      '3:00 PM',
      '3:30 PM',
    ]);
    await user.click(view.getByRole('radio', { name: /^1:00\sPM$/ }));
    await user.click(view.getByRole('button', { name: 'Continue' }));
    await view.findByRole('heading', { name: 'Your details' });
    await fillDetails(user, mounted.container);
    await user.click(view.getByRole('button', { name: 'Continue' }));
    await view.findByRole('heading', { name: 'Review and confirm' });
    const summary = view.getAllByRole('definition').map((item) => plain(item.textContent));
    expect(summary).toContain('North Clinic, 9 North Road');
  });

  it('shows the booked location on the confirmation and in the .ics file', async () => {
    const api = fakeApi(twoPlaces());
    api.bookingAnswers.push(() => {
      const answer = confirmationFor(api.bookingCalls[0]!.request);
      return { ok: true, value: { ...answer, booking: { ...answer.booking, locationId: 'north' } } };
    });
    mounted = mountForTest({ api, options: { appointmentTypeId: 'checkup', providerId: 'ada' } });
    const user = userEvent.setup();
    const view = within(mounted.container);
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'),
    );
    await user.selectOptions(view.getByRole('combobox', { name: 'Location' }), 'north');
    await user.click(view.getByRole('radio', { name: /^1:00\sPM$/ }));
    await user.click(view.getByRole('button', { name: 'Continue' }));
    await view.findByRole('heading', { name: 'Your details' });
    await fillDetails(user, mounted.container);
    await user.click(view.getByRole('button', { name: 'Continue' }));
    await user.click(await view.findByRole('button', { name: 'Confirm booking' }));
    await view.findByRole('heading', { name: "You're booked" });
    const summary = view.getAllByRole('definition').map((item) => plain(item.textContent));
    expect(summary).toContain('North Clinic, 9 North Road');
    const ics = decodeURIComponent(
      view.getByRole('link', { name: 'Download calendar file (.ics)' }).getAttribute('href') ?? '',
    );
    expect(ics).toContain('LOCATION:North Clinic\\, 9 North Road');
  });

  it('unchooses a time at another location when the filter changes', async () => {
    mounted = mountForTest({
      rules: twoPlaces(),
      options: { appointmentTypeId: 'checkup', providerId: 'ada' },
    });
    const user = userEvent.setup();
    const view = within(mounted.container);
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'),
    );
    await user.click(view.getByRole('radio', { name: /^9:00\sAM at Riverside Main Street$/ }));
    await user.selectOptions(view.getByRole('combobox', { name: 'Location' }), 'north');
    expect((view.getByRole('button', { name: 'Continue' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('looks for the next day with times at the chosen location', async () => {
    const rules = clinicRules();
    rules.version = 2;
    rules.requires = ['span-locations'];
    rules.locations!.push({ id: 'north', name: 'North Clinic', address: '9 North Road' });
    // Dr. Ada Lee is at the North clinic only on Tuesday, January 7, 2025, in the afternoon.
    rules.providers[0]!.overrides = [
      { date: '2025-01-07', hours: [{ start: '13:00', end: '16:00', locationId: 'north' }] },
    ];
    mounted = mountForTest({ rules, options: { appointmentTypeId: 'checkup', providerId: 'ada' } });
    const user = userEvent.setup();
    const view = within(mounted.container);
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'),
    );
    await user.selectOptions(view.getByRole('combobox', { name: 'Location' }), 'north');
    expect(view.getByText('No times available in December 2024.')).toBeTruthy();
    await user.click(view.getByRole('button', { name: 'Go to next available' }));
    await waitFor(() => expect(liveText(mounted!.container)).toBe('6 times available on Tuesday, January 7'));
  });

  it('speaks Spanish', async () => {
    mounted = mountForTest({
      rules: twoPlaces(),
      options: { appointmentTypeId: 'checkup', providerId: 'ada', locale: 'es' },
    });
    const view = within(mounted.container);
    const filter = (await view.findByRole('combobox', { name: 'Ubicación' })) as HTMLSelectElement;
    expect(filter.options[0]?.text).toBe('Todas las ubicaciones');
    await waitFor(() => expect(radioNames(mounted!.container)[6]).toBe('13:00 en North Clinic'));
  });

  it('is not shown when the visit has one location', async () => {
    mounted = mountForTest({ options: { appointmentTypeId: 'checkup', providerId: 'ada' } });
    const view = within(mounted.container);
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'),
    );
    expect(view.queryByRole('combobox', { name: 'Location' })).toBeNull();
    expect(radioNames(mounted.container)[0]).toBe('9:00 AM');
  });
});
