import { waitFor, within } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeSlotClient } from '../../test/widget/fakes.ts';
import { closedRules, decemberOffRules } from '../../test/widget/fixtures.ts';
import { liveText, type Mounted, mountForTest } from '../../test/widget/render.ts';

let mounted: Mounted | undefined;
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
});

const fixed = { appointmentTypeId: 'checkup', providerId: 'ada' };

function focusedDate(m: Mounted): string | null {
  return (m.container.ownerDocument.activeElement as HTMLElement | null)?.getAttribute('data-date') ?? null;
}

async function ready(m: Mounted) {
  await waitFor(() => expect(liveText(m.container)).toBe('12 times available on Tuesday, December 3'));
  return within(m.container);
}

describe('the calendar grid', () => {
  it('has one tab stop, on the selected day, and names days with and without times', async () => {
    mounted = mountForTest({ options: fixed });
    const view = await ready(mounted);
    const grid = view.getByRole('grid', { name: 'December 2024' });
    const stops = grid.querySelectorAll('[tabindex="0"]');
    expect([...stops].map((cell) => cell.getAttribute('data-date'))).toEqual(['2024-12-03']);
    const selected = view.getByRole('gridcell', { selected: true });
    expect(selected.getAttribute('aria-label')).toBe('Tuesday, December 3, 12 times available');
    expect(view.getByRole('gridcell', { name: 'Saturday, December 7, no availability' }).tabIndex).toBe(-1);
    expect(grid.getAttribute('aria-busy')).toBe('false');
    expect(view.getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
      'Sun',
      'Mon',
      'Tue',
      'Wed',
      'Thu',
      'Fri',
      'Sat',
    ]);
  });

  it.each([
    ['{ArrowRight}', '2024-12-04'],
    ['{ArrowLeft}', '2024-12-02'],
    ['{ArrowDown}', '2024-12-10'],
    ['{ArrowUp}', '2024-12-01'],
    ['{Home}', '2024-12-01'],
    ['{End}', '2024-12-07'],
    ['{PageDown}', '2025-01-03'],
    ['{Shift>}{PageDown}{/Shift}', '2025-03-31'],
  ])('moves focus with %s to %s', async (keys, expected) => {
    mounted = mountForTest({ options: fixed });
    const view = await ready(mounted);
    const user = userEvent.setup();
    view.getByRole('gridcell', { selected: true }).focus();
    await user.keyboard(keys);
    await waitFor(() => expect(focusedDate(mounted!)).toBe(expected));
    expect(mounted.container.querySelectorAll('[role="grid"] [tabindex="0"]')).toHaveLength(1);
  });

  it('PageUp goes back a month, never before the current month', async () => {
    mounted = mountForTest({ options: fixed });
    const view = await ready(mounted);
    const user = userEvent.setup();
    view.getByRole('gridcell', { selected: true }).focus();
    await user.keyboard('{PageDown}');
    await waitFor(() => expect(focusedDate(mounted!)).toBe('2025-01-03'));
    expect(view.getByRole('grid', { name: 'January 2025' })).toBeTruthy();
    await user.keyboard('{PageUp}');
    await waitFor(() => expect(focusedDate(mounted!)).toBe('2024-12-03'));
    await user.keyboard('{PageUp}');
    await waitFor(() => expect(focusedDate(mounted!)).toBe('2024-12-01'));
  });

  it('Enter and Space choose the focused day and announce its times', async () => {
    mounted = mountForTest({ options: fixed });
    const view = await ready(mounted);
    const user = userEvent.setup();
    view.getByRole('gridcell', { selected: true }).focus();
    await user.keyboard('{ArrowRight}{Enter}');
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Wednesday, December 4'),
    );
    expect(view.getByRole('gridcell', { selected: true }).getAttribute('data-date')).toBe('2024-12-04');
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight} ');
    await waitFor(() => expect(liveText(mounted!.container)).toBe('No availability on Saturday, December 7'));
    expect(view.queryByRole('group', { name: /Available times/ })).toBeNull();
    expect(view.getByText('No times are available on Saturday, December 7.')).toBeTruthy();
    expect(view.getByRole('button', { name: 'Next available: Monday, December 9' })).toBeTruthy();
    expect(view.queryAllByRole('radio')).toHaveLength(0);
  });

  it('marks the grid busy while slots load, then the times', async () => {
    const slots = fakeSlotClient();
    slots.hold = true;
    mounted = mountForTest({ options: fixed, slots });
    const view = within(mounted.container);
    const grid = await view.findByRole('grid');
    expect(grid.getAttribute('aria-busy')).toBe('true');
    expect(view.getByText('Looking for the next available day…')).toBeTruthy();
    slots.release();
    await ready(mounted);
    expect(grid.getAttribute('aria-busy')).toBe('false');
    expect(view.queryByText('Looking for the next available day…')).toBeNull();
  });
});

describe('months without times', () => {
  it('opens on the first month with times and offers "next available" from an empty month', async () => {
    mounted = mountForTest({ options: fixed, rules: decemberOffRules() });
    const user = userEvent.setup();
    const view = within(mounted.container);
    await waitFor(() =>
      expect(liveText(mounted!.container)).toBe('12 times available on Wednesday, January 1'),
    );
    expect(view.getByRole('grid', { name: 'January 2025' })).toBeTruthy();
    await user.click(view.getByRole('button', { name: 'Previous month' }));
    expect(await view.findByText('No times available in December 2024.')).toBeTruthy();
    expect(view.getByRole('grid', { name: 'December 2024' })).toBeTruthy();
    await user.click(view.getByRole('button', { name: 'Go to next available' }));
    await waitFor(() => expect(view.getByRole('grid', { name: 'January 2025' })).toBeTruthy());
    expect(view.getByRole('gridcell', { selected: true }).getAttribute('data-date')).toBe('2025-01-01');
  });

  it('with nothing bookable in the window says so with the phone number, and shows no grid', async () => {
    mounted = mountForTest({ options: fixed, rules: closedRules() });
    const view = within(mounted.container);
    expect(await view.findByText('There are no times available to book online right now.')).toBeTruthy();
    const phone = view.getByRole('link', { name: '+1 555 0100' });
    expect(phone.getAttribute('href')).toBe('tel:+15550100');
    // A host page's <base target="_blank"> would otherwise open an empty tab before the dialer.
    expect(phone.getAttribute('target')).toBe('_self');
    expect(view.getByText(/to book\.$/).textContent).toBe('Call +1 555 0100 to book.');
    expect(view.queryByRole('grid')).toBeNull();
    expect(view.queryByText(/Looking for/)).toBeNull();
  });
});
