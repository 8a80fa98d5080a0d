import { waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { clinicRules } from '../../test/widget/fixtures.ts';
import { liveText, type Mounted, mountForTest, plain } from '../../test/widget/render.ts';
import type { RulesDocument } from '../engine/types.ts';
import type { WidgetEventMap } from './events.ts';

let widgets: Mounted[] = [];
afterEach(() => {
  for (const widget of widgets) widget.unmount();
  widgets = [];
});

/** A second clinic, in Los Angeles: Dr. Kim sees patients on weekdays from 8:00 to 10:00. */
function harbourRules(): RulesDocument {
  const weekday = [{ start: '08:00', end: '10:00' }];
  return {
    version: 1,
    timezone: 'America/Los_Angeles',
    clinic: { name: 'Harbour Health', phone: '+1 555 0199' },
    locations: [{ id: 'pier', name: 'Harbour Pier', address: '1 Pier Road, Harbour' }],
    providers: [
      {
        id: 'kim',
        name: 'Dr. Joon Kim',
        locationId: 'pier',
        weekly: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday },
      },
    ],
    appointmentTypes: [
      { id: 'consult', name: 'Consultation', providerIds: ['kim'], durationMinutes: 30, maxAdvanceDays: 90 },
    ],
  };
}

function times(widget: Mounted): string[] {
  return within(widget.container)
    .getAllByRole('radio')
    .map((radio) => plain(radio.closest('label')?.textContent));
}

function slotsLoaded(widget: Mounted): WidgetEventMap['cs-slots-loaded'][] {
  return widget.events
    .filter((event) => event.name === 'cs-slots-loaded')
    .map((event) => event.detail as WidgetEventMap['cs-slots-loaded']);
}

describe('two widgets on one page', () => {
  it('each shows its own clinic, and one disposed leaves the other working', async () => {
    const riverside = mountForTest({ options: { appointmentTypeId: 'checkup', providerId: 'ada' } });
    const harbour = mountForTest({
      rules: harbourRules(),
      options: { appointmentTypeId: 'consult' },
      zone: 'America/Los_Angeles',
    });
    widgets = [riverside, harbour];

    await waitFor(() =>
      expect(liveText(riverside.container)).toBe('12 times available on Tuesday, December 3'),
    );
    await waitFor(() => expect(liveText(harbour.container)).toBe('4 times available on Tuesday, December 3'));
    expect(times(riverside)).toEqual([
      '9:00 AM',
      '9:30 AM',
      '10:00 AM',
      '10:30 AM',
      '11:00 AM',
      '11:30 AM',
      '1:00 PM',
      '1:30 PM',
      '2:00 PM',
      '2:30 PM',
      '3:00 PM',
      '3:30 PM',
    ]);
    expect(times(harbour)).toEqual(['8:00 AM', '8:30 AM', '9:00 AM', '9:30 AM']);
    expect(slotsLoaded(riverside).map((detail) => [detail.appointmentTypeId, detail.month])).toEqual([
      ['checkup', '2024-12'],
    ]);
    expect(slotsLoaded(harbour).map((detail) => [detail.appointmentTypeId, detail.month])).toEqual([
      ['consult', '2024-12'],
    ]);

    riverside.unmount();
    widgets = [harbour];
    const riversideJobs = riverside.slots.calls.length;
    const user = userEvent.setup();
    const view = within(harbour.container);
    await user.click(view.getByRole('button', { name: 'Next month' }));
    await waitFor(() => expect(view.getByRole('grid', { name: 'January 2025' })).toBeTruthy());
    await user.click(view.getByRole('gridcell', { name: /^Monday, January 6/ }));
    await waitFor(() => expect(liveText(harbour.container)).toBe('4 times available on Monday, January 6'));
    expect(times(harbour)).toEqual(['8:00 AM', '8:30 AM', '9:00 AM', '9:30 AM']);
    expect(slotsLoaded(harbour).map((detail) => detail.month)).toEqual(['2024-12', '2025-01']);
    // A disposed widget's effects are gone: a change to its state loads nothing.
    riverside.handle.update({ appointmentTypeId: 'first-visit' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(riverside.slots.calls).toHaveLength(riversideJobs);
    expect(riverside.container.innerHTML).toBe('');
  });

  it("keeps each widget's choices apart: choosing a time in one leaves the other unchosen", async () => {
    const first = mountForTest({ options: { appointmentTypeId: 'checkup', providerId: 'ada' } });
    const second = mountForTest({ options: { appointmentTypeId: 'first-visit' }, rules: clinicRules() });
    widgets = [first, second];
    await waitFor(() => expect(liveText(first.container)).toBe('12 times available on Tuesday, December 3'));
    await waitFor(() => expect(liveText(second.container)).toBe('6 times available on Tuesday, December 3'));
    expect(times(second)).toEqual(['9:00 AM', '10:00 AM', '11:00 AM', '1:00 PM', '2:00 PM', '3:00 PM']);
    const user = userEvent.setup();
    await user.click(within(first.container).getByRole('radio', { name: /^10:30\sAM$/ }));
    const checked = (widget: Mounted) =>
      within(widget.container)
        .getAllByRole<HTMLInputElement>('radio')
        .filter((radio) => radio.checked)
        .map((radio) => plain(radio.closest('label')?.textContent));
    expect(checked(first)).toEqual(['10:30 AM']);
    expect(checked(second)).toEqual([]);
  });
});
