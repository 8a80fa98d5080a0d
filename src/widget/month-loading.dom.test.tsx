import { waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { decemberOffRules } from '../../test/widget/fixtures.ts';
import { liveText, type Mounted, mountForTest } from '../../test/widget/render.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const fixed = { appointmentTypeId: 'checkup', providerId: 'ada' };

/** The first day each slot job asked for (two days before its month). */
function jobsFrom(m: Mounted): string[] {
  return m.slots.calls.map((call) => call.query.from);
}

describe('the month the widget needs', () => {
  it('computes only the linked month when the calendar opens on a later one', async () => {
    mounted = mountForTest({ options: { ...fixed, date: '2025-01-15' } });
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Wednesday, January 15'),
    );
    expect(jobsFrom(mounted)).toEqual(['2024-12-30']);
  });

  it('computes each month a search looks at once, and a month shown again not at all', async () => {
    mounted = mountForTest({ options: fixed, rules: decemberOffRules() });
    const view = within(mounted.container);
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Wednesday, January 1'),
    );
    expect(jobsFrom(mounted)).toEqual(['2024-11-29', '2024-12-30']);
    const user = userEvent.setup();
    await user.click(view.getByRole('button', { name: 'Previous month' }));
    expect(await view.findByText('No times available in December 2024.')).toBeTruthy();
    expect(jobsFrom(mounted)).toEqual(['2024-11-29', '2024-12-30']);
  });

  it('computes a failed month again when the patient comes back to it', async () => {
    mounted = mountForTest({ options: fixed });
    const view = within(mounted.container);
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Tuesday, December 3'),
    );
    const user = userEvent.setup();
    mounted.slots.failWith = { code: 'TIMEOUT' };
    await user.click(view.getByRole('button', { name: 'Next month' }));
    await waitFor(() => expect(view.getByRole('alert').textContent).toContain('took too long'));
    expect(view.queryAllByRole('radio')).toHaveLength(0);
    mounted.slots.failWith = null;
    await user.click(view.getByRole('button', { name: 'Previous month' }));
    await user.click(view.getByRole('button', { name: 'Next month' }));
    await waitFor(() =>
      expect(view.getByRole('gridcell', { name: 'Thursday, January 2, 12 times available' })).toBeTruthy(),
    );
    expect(jobsFrom(mounted)).toEqual(['2024-11-29', '2024-12-30', '2024-12-30']);
  });
});
