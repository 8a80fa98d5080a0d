import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { NO_CHANGES, NOW, smallClinic } from '../../test/admin/admin-fakes.ts';
import type { BookingsPage, StaffBooking } from '../api/types.ts';
import { bookingRange, createBookings } from './bookings.ts';
import { BookingsPanel } from './components/BookingsPanel.tsx';
import type { FreeTimes } from './free-times.ts';

afterEach(cleanup);

const ZONE = 'America/New_York';

/** A booking `hours` after NOW, with `name` for its patient. */
function booking(id: string, hours: number, name: string): StaffBooking {
  const start = NOW + hours * 3_600_000;
  return {
    id,
    appointmentTypeId: 'follow-up',
    providerId: 'lee',
    start,
    end: start + 1_800_000,
    status: 'confirmed',
    mode: 'in-person',
    seats: 1,
    patient: {
      name,
      dateOfBirth: '1984-03-09',
      email: 'patient@example.com',
      phone: '+1 555 010 2030',
      patientStatus: 'existing',
      consent: true,
    },
  };
}

describe("the staff's bookings list, from a day staff choose", () => {
  it('lists the 31 days of the clinic’s calendar from that day, across a daylight-saving change', async () => {
    const asked: Array<[number, number]> = [];
    const bookings = createBookings({
      api: {
        ...NO_CHANGES.api,
        listBookings: async (from, to) => {
          asked.push([from, to]);
          return { ok: true, value: { bookings: [booking('bk_a', 24, 'Ana Diaz')], truncated: false } };
        },
      },
      freeTimes: NO_CHANGES.freeTimes,
      now: () => NOW,
      onSignedOut: () => undefined,
    });
    await bookings.load(ZONE);
    render(<BookingsPanel bookings={bookings} rules={smallClinic()} zone={ZONE} />);
    fireEvent.input(screen.getByLabelText('From (empty: today)'), { target: { value: '2027-03-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show these days' }));
    await waitFor(() =>
      expect(screen.getByTestId('bookings').querySelector('caption')!.textContent).toBe(
        `1 booking in the 31 days from Mon 1 Mar 2027, times in ${ZONE}`,
      ),
    );
    // Midnight of 1 March in New York (EST) to midnight of 1 April (EDT): an hour short of 31 × 24.
    expect(asked.at(-1)).toEqual([Date.parse('2027-03-01T05:00:00Z'), Date.parse('2027-04-01T04:00:00Z')]);
    // Refreshing keeps the chosen days; an emptied field goes back to today.
    fireEvent.click(screen.getByRole('button', { name: 'Refresh the bookings' }));
    await waitFor(() => expect(asked).toHaveLength(3));
    expect(asked[2]).toEqual(asked[1]);
    fireEvent.input(screen.getByLabelText('From (empty: today)'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show these days' }));
    await waitFor(() => expect(asked).toHaveLength(4));
    expect(asked[3]).toEqual(asked[0]);
    expect(screen.getByTestId('bookings').querySelector('caption')!.textContent).toBe(
      `1 booking in the next 31 days, times in ${ZONE}`,
    );
  });
});

describe('the range of the bookings list', () => {
  it('runs from midnight to midnight in the clinic’s zone, 31 of its days, wherever its clocks change', () => {
    expect(bookingRange(NOW, 'Europe/Berlin', '2027-03-20')).toEqual({
      from: Date.parse('2027-03-19T23:00:00Z'),
      to: Date.parse('2027-04-19T22:00:00Z'),
    });
    expect(bookingRange(NOW, 'Australia/Sydney', '2027-03-20')).toEqual({
      from: Date.parse('2027-03-19T13:00:00Z'),
      to: Date.parse('2027-04-19T14:00:00Z'),
    });
    // Not a date: today's range.
    expect(bookingRange(NOW, ZONE, '2027-02-30')).toEqual(bookingRange(NOW, ZONE));
  });
});

describe("the staff's bookings list, a page at a time", () => {
  it('says when more bookings follow, and lists them after the last one without listing any twice', async () => {
    const [a, b, c, d] = [
      booking('bk_a', 24, 'Ana Diaz'),
      booking('bk_b', 26, 'Ben Ode'),
      booking('bk_c', 26, 'Cy Park'),
      booking('bk_d', 30, 'Dee Lund'),
    ];
    const asked: Array<[number, number]> = [];
    // The server's pages: two bookings, then from b's start on (b again, as its start is repeated).
    const pages: Record<number, BookingsPage> = {
      [bookingRange(NOW, ZONE).from]: { bookings: [a!, b!], truncated: true },
      [b!.start]: { bookings: [b!, c!, d!], truncated: false },
    };
    const bookings = createBookings({
      api: {
        ...NO_CHANGES.api,
        listBookings: async (from, to) => {
          asked.push([from, to]);
          return { ok: true, value: pages[from]! };
        },
      },
      freeTimes: NO_CHANGES.freeTimes,
      now: () => NOW,
      onSignedOut: () => undefined,
    });
    await bookings.load(ZONE);
    render(<BookingsPanel bookings={bookings} rules={smallClinic()} zone={ZONE} />);
    const names = () =>
      [...screen.getByTestId('bookings').querySelectorAll<HTMLTableRowElement>('tbody tr')].map(
        (row) => row.cells[3]?.textContent,
      );
    expect(names()).toEqual(['Ana Diaz', 'Ben Ode']);
    expect(screen.getByTestId('bookings').querySelector('caption')!.textContent).toBe(
      `The first 2 bookings of the next 31 days, times in ${ZONE}`,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Show the later bookings' }));
    await waitFor(() => expect(names()).toEqual(['Ana Diaz', 'Ben Ode', 'Cy Park', 'Dee Lund']));
    expect(screen.queryByRole('button', { name: 'Show the later bookings' })).toBeNull();
    expect(screen.getByTestId('bookings').querySelector('caption')!.textContent).toBe(
      `4 bookings in the next 31 days, times in ${ZONE}`,
    );
    // The second page continues the same range.
    const { to } = bookingRange(NOW, ZONE);
    expect(asked).toEqual([
      [bookingRange(NOW, ZONE).from, to],
      [b!.start, to],
    ]);
  });
});

describe('moving a booking for its patient', () => {
  it('asks for the free times of the day and provider chosen, offers the next day with some, says when there are none or they cannot be had, and keeps the focus', async () => {
    const asked: Array<[string, string]> = [];
    const answers: FreeTimes[] = [
      { ok: true, slots: [], nextDay: '2026-11-27' },
      { ok: true, slots: [], nextDay: null },
      { ok: false, message: 'The free times could not be loaded: The clinic could not be reached.' },
    ];
    const bookings = createBookings({
      api: {
        ...NO_CHANGES.api,
        listBookings: async () => ({
          ok: true,
          value: { bookings: [booking('bk_a', 24, 'Ana Diaz')], truncated: false },
        }),
      },
      freeTimes: async (_booking, providerId, day) => {
        asked.push([providerId, day]);
        return answers.shift()!;
      },
      now: () => NOW,
      onSignedOut: () => undefined,
    });
    await bookings.load(ZONE);
    render(<BookingsPanel bookings={bookings} rules={smallClinic()} zone={ZONE} />);
    const who = 'Ana Diaz, Wed 25 Nov 2026, 07:00 EST';
    fireEvent.click(screen.getByRole('button', { name: `Move… ${who}` }));
    // The form takes the focus from the button it replaces.
    expect(document.activeElement).toBe(screen.getByLabelText(`Day to move to: ${who}`));
    fireEvent.click(await screen.findByRole('button', { name: 'Next free day: Fri 27 Nov 2026' }));
    await screen.findByText('No free times that day, nor in the 14 days after it.');
    fireEvent.input(screen.getByLabelText(`Day to move to: ${who}`), { target: { value: '2026-11-26' } });
    await screen.findByText('The free times could not be loaded: The clinic could not be reached.');
    expect(asked).toEqual([
      ['lee', '2026-11-25'],
      ['lee', '2026-11-27'],
      ['lee', '2026-11-26'],
    ]);
    expect((screen.getByRole('button', { name: `Move: ${who}` }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: `Keep the time: ${who}` }));
    expect(screen.queryByText('Move to')).toBeNull();
    // Closed, it gives the focus back to its button; so does the cancellation's question.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: `Move… ${who}` }));
    fireEvent.click(screen.getByRole('button', { name: `Cancel… ${who}` }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: `Keep it: ${who}` }));
    fireEvent.click(screen.getByRole('button', { name: `Keep it: ${who}` }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: `Cancel… ${who}` }));
  });
});

describe('finding a patient in the list', () => {
  it('keeps the bookings whose patient has the words typed, whatever the accents, or the digits of their phone', async () => {
    const listed = [
      {
        ...booking('bk_a', 24, 'María García'),
        patient: { ...booking('', 0, '').patient, name: 'María García', phone: '(555) 010-9999' },
      },
      {
        ...booking('bk_b', 25, 'Ben Ode'),
        patient: {
          ...booking('', 0, '').patient,
          name: 'Ben Ode',
          email: 'ben.ode@example.org',
          phone: '+1 555 777 1234',
        },
      },
      booking('bk_c', 26, 'Cy Garcia'),
    ];
    const bookings = createBookings({
      api: {
        ...NO_CHANGES.api,
        listBookings: async () => ({ ok: true, value: { bookings: listed, truncated: false } }),
      },
      freeTimes: NO_CHANGES.freeTimes,
      now: () => NOW,
      onSignedOut: () => undefined,
    });
    await bookings.load(ZONE);
    render(<BookingsPanel bookings={bookings} rules={smallClinic()} zone={ZONE} />);
    const find = (text: string) =>
      fireEvent.input(screen.getByLabelText('Find a patient (name, email or phone)'), {
        target: { value: text },
      });
    const names = () =>
      [...screen.getByTestId('bookings').querySelectorAll<HTMLTableRowElement>('tbody tr')].map(
        (row) => row.cells[3]?.textContent,
      );
    find('garcia');
    expect(names()).toEqual(['María García', 'Cy Garcia']);
    expect(screen.getByTestId('bookings').querySelector('caption')!.textContent).toBe(
      `2 of the 3 bookings listed match "garcia", times in ${ZONE}`,
    );
    find('MARIA garc');
    expect(names()).toEqual(['María García']);
    find('ode@example');
    expect(names()).toEqual(['Ben Ode']);
    find('555-777');
    expect(names()).toEqual(['Ben Ode']);
    find('5550109999');
    expect(names()).toEqual(['María García']);
    find('Zoe');
    expect(screen.getByText('No patient of the 3 bookings listed matches "Zoe".')).toBeTruthy();
    find('  ');
    expect(names()).toEqual(['María García', 'Ben Ode', 'Cy Garcia']);
  });
});

describe('a booking moved for its patient', () => {
  it('takes its place in the list by its new time, and the notice says how the patient hears', async () => {
    const first = booking('bk_a', 24, 'Ana Diaz');
    const second = booking('bk_b', 25, 'Ben Ode');
    const bookings = createBookings({
      api: {
        ...NO_CHANGES.api,
        listBookings: async () => ({ ok: true, value: { bookings: [first, second], truncated: false } }),
        moveForPatient: async (_id, to) => ({
          ok: true,
          value: { booking: { ...first, ...to, end: to.start + 1_800_000 }, emailSent: false },
        }),
      },
      freeTimes: NO_CHANGES.freeTimes,
      now: () => NOW,
      onSignedOut: () => undefined,
    });
    await bookings.load(ZONE);
    expect(await bookings.move(first, { start: NOW + 26 * 3_600_000, providerId: 'kim' }, ZONE)).toBe(true);
    expect(bookings.bookings.value.map((b) => [b.id, b.providerId, b.start])).toEqual([
      ['bk_b', 'lee', NOW + 25 * 3_600_000],
      ['bk_a', 'kim', NOW + 26 * 3_600_000],
    ]);
    expect(bookings.notice.value).toEqual({
      kind: 'done',
      text: 'Moved to Wed 25 Nov 2026, 09:00 EST. This server sends no email: tell the patient.',
    });
  });
});
