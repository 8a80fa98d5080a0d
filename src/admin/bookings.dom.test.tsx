import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { NOW, smallClinic } from '../../test/admin/admin-fakes.ts';
import type { BookingsPage, StaffBooking } from '../api/types.ts';
import { bookingRange, createBookings } from './bookings.ts';
import { BookingsPanel } from './components/BookingsPanel.tsx';

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
        listBookings: async (from, to) => {
          asked.push([from, to]);
          return { ok: true, value: pages[from]! };
        },
      },
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
