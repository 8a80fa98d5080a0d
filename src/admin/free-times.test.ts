import { describe, expect, it } from 'vitest';
import type { BusyWindowData, StaffBooking } from '../api/types.ts';
import { withoutBooking } from './free-times.ts';

const START = Date.parse('2026-12-01T05:00:00Z');
const MINUTE = 60_000;

/** A window from START with `busy` and `seats` for Dr. Lee. */
function window(busy: unknown[], seats: unknown[] = []): BusyWindowData {
  return {
    month: '2026-12',
    start: START,
    end: START + 31 * 1440 * MINUTE,
    busy: { lee: busy },
    seats: { lee: seats },
    perDay: {},
  };
}

/** Dr. Lee's booking from `from` to `to` minutes after START, of `seats` seats. */
function booking(from: number, to: number, seats = 1, type = 'follow-up'): StaffBooking {
  return {
    id: 'bk_1',
    appointmentTypeId: type,
    providerId: 'lee',
    start: START + from * MINUTE,
    end: START + to * MINUTE,
    status: 'confirmed',
    mode: 'in-person',
    seats,
    patient: {
      name: 'Ana Diaz',
      dateOfBirth: '1984-03-09',
      email: 'ana@example.com',
      phone: '+1 555 010 2030',
      patientStatus: 'existing',
      consent: true,
    },
  };
}

describe('a busy window without the booking being moved', () => {
  it('frees its minutes from its provider’s busy time, leaving the bookings merged with it', () => {
    // 09:00–10:00 merged from this booking (09:00–09:30) and another (09:30–10:00), and 11:00–11:30.
    const busy = window([
      [540, 60],
      [660, 30],
    ]);
    expect(withoutBooking(busy, booking(540, 570), false).busy).toEqual({
      lee: [
        [570, 30],
        [660, 30],
      ],
    });
    // In the middle of a longer run, it splits it.
    expect(withoutBooking(window([[480, 180]]), booking(540, 570), false).busy).toEqual({
      lee: [
        [480, 60],
        [570, 90],
      ],
    });
    expect(withoutBooking(window([[660, 30]]), booking(540, 570), false).busy).toEqual({ lee: [[660, 30]] });
  });

  it('gives back its seats of a class, and drops the class when they were its only ones', () => {
    const seats = window(
      [],
      [
        [600, 60, 'group', 3],
        [720, 60, 'group', 2],
      ],
    );
    expect(withoutBooking(seats, booking(600, 660, 2, 'group'), true).seats).toEqual({
      lee: [
        [600, 60, 'group', 1],
        [720, 60, 'group', 2],
      ],
    });
    expect(withoutBooking(seats, booking(720, 780, 2, 'group'), true).seats).toEqual({
      lee: [[600, 60, 'group', 3]],
    });
  });
});
