import { waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { liveText, type Mounted, mountForTest, plain } from '../../test/widget/render.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const fixed = { appointmentTypeId: 'checkup', providerId: 'ada' };

function timeLabels(m: Mounted): string[] {
  return within(m.container)
    .getAllByRole('radio')
    .map((radio) => plain(radio.closest('label')?.textContent));
}

describe('a patient in Tokyo booking a clinic in New York', () => {
  it('shows Tokyo days and both times, naming the zone', async () => {
    mounted = mountForTest({ options: fixed, zone: 'Asia/Tokyo' });
    const view = within(mounted.container);
    // New York's Tuesday 09:00 and 09:30 are 23:00 and 23:30 on Tuesday in Tokyo; 10:00 is already Wednesday.
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('2 times available on Tuesday, December 3'),
    );
    expect(view.getByText('Times are shown in your time zone, Japan Standard Time.')).toBeTruthy();
    expect(timeLabels(mounted)).toEqual([
      '11:00 PM your time · 9:00 AM at the clinic',
      '11:30 PM your time · 9:30 AM at the clinic',
    ]);
    expect(view.getByRole('gridcell', { name: 'Wednesday, December 4, 12 times available' })).toBeTruthy();
  });

  it('switches to the clinic zone and back, keeping the chosen time', async () => {
    mounted = mountForTest({ options: fixed, zone: 'Asia/Tokyo' });
    const user = userEvent.setup();
    const view = within(mounted.container);
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('2 times available on Tuesday, December 3'),
    );
    await user.click(view.getByRole('radio', { name: /^11:00\sPM your time/ }));
    await user.click(view.getByRole('button', { name: "Show the clinic's time zone" }));
    expect(
      await view.findByText("Times are shown in the clinic's time zone, Eastern Standard Time."),
    ).toBeTruthy();
    await waitFor(() => expect(timeLabels(mounted!)).toHaveLength(12));
    expect(timeLabels(mounted)[0]).toBe('9:00 AM at the clinic · 11:00 PM your time');
    const checked = view.getAllByRole('radio').find((radio) => (radio as HTMLInputElement).checked);
    expect(plain(checked?.closest('label')?.textContent)).toBe('9:00 AM at the clinic · 11:00 PM your time');
    await user.click(view.getByRole('button', { name: 'Show my time zone' }));
    await view.findByText('Times are shown in your time zone, Japan Standard Time.');
    await user.click(view.getByRole('button', { name: 'Continue' }));
    await view.findByRole('heading', { name: 'Your details' });
  });

  it('a patient in the clinic zone sees one time and no switch', async () => {
    mounted = mountForTest({ options: fixed, zone: 'America/New_York' });
    const view = within(mounted.container);
    await waitFor(() => expect(timeLabels(mounted!)).toHaveLength(12));
    expect(timeLabels(mounted)[0]).toBe('9:00 AM');
    expect(view.queryByRole('button', { name: "Show the clinic's time zone" })).toBeNull();
  });

  it('the displayTimezone option wins over the browser zone', async () => {
    mounted = mountForTest({ options: { ...fixed, displayTimezone: 'Europe/Madrid' }, zone: 'Asia/Tokyo' });
    const view = within(mounted.container);
    await waitFor(() => expect(timeLabels(mounted!)).toHaveLength(12));
    expect(timeLabels(mounted)[0]).toBe('3:00 PM your time · 9:00 AM at the clinic');
    expect(view.getByText('Times are shown in your time zone, Central European Standard Time.')).toBeTruthy();
  });
});
