import { waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { liveText, type Mounted, mountForTest } from '../../test/widget/render.ts';

/**
 * A link from a reminder email that chooses the visit, the provider and the day
 * (`#type=…&provider=…&date=…`, src/widget/link.ts), on a page that may set its own choice.
 */
let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const activeIn = (m: Mounted) => m.container.ownerDocument.activeElement;

describe("a reminder email's link", () => {
  it('opens the calendar on its day for its visit and provider, and brings the widget to the patient', async () => {
    mounted = mountForTest({ hash: '#ref=email&type=checkup&provider=ada&date=2024-12-10' });
    const view = within(mounted.container);
    const heading = await view.findByRole('heading', { name: 'Choose a day' });
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 10'),
    );
    expect(view.getByRole('gridcell', { selected: true }).getAttribute('data-date')).toBe('2024-12-10');
    expect(view.getByText('Check-up · Dr. Ada Lee')).toBeTruthy();
    // The heading takes focus, which scrolls the widget into view on a long clinic page.
    await waitFor(() => expect(activeIn(mounted!)).toBe(heading));
  });

  it("wins over the page's own preselection", async () => {
    mounted = mountForTest({
      options: { appointmentTypeId: 'first-visit', providerId: 'ada' },
      hash: '#type=checkup',
    });
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'),
    );
    expect(within(mounted.container).getByText('Check-up · Dr. Ada Lee')).toBeTruthy();
  });

  it("gives way to the page's choice made after load", async () => {
    mounted = mountForTest({ options: { providerId: 'ada' }, hash: '#type=checkup' });
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'),
    );
    mounted.handle.update({ appointmentTypeId: 'first-visit' });
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('6 times available on Tuesday, December 3'),
    );
  });

  it('with a visit the clinic does not have and no real day, lets the patient choose, as without a link', async () => {
    mounted = mountForTest({ hash: '#type=no-such-visit&date=2024-13-45' });
    const view = within(mounted.container);
    const heading = await view.findByRole('heading', { name: 'What kind of visit?' });
    await waitFor(() => expect(activeIn(mounted!)).toBe(heading));
    expect(view.queryByRole('alert')?.textContent ?? '').toBe('');
  });

  it('takes no focus without a link: the host page keeps it on load', async () => {
    mounted = mountForTest({ options: { appointmentTypeId: 'checkup', providerId: 'ada' } });
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'),
    );
    expect(activeIn(mounted)).toBe(mounted.container.ownerDocument.body);
  });
});
