import { describe, expect, it } from 'vitest';
import type { BusyWindowData, StaffBooking } from '../api/types.ts';
import { withoutBooking } from './free-times.ts';

/** Midnight of 1 December 2026 in New York. */
const START = Date.parse('2026-12-01T05:00:00Z');
/** What `withoutBooking` reads of the rules: Dr. Lee in Chicago, at a location in New York; a class of 4. */
const RULES = {
  timezone: 'America/New_York',
  locations: [{ id: 'main', timezone: 'America/New_York' }],
  providers: [{ id: 'lee', locationId: 'main', timezone: 'America/Chicago' }],
  appointmentTypes: [{ id: 'follow-up' }, { id: 'group', capacity: 4 }],
};
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
    expect(withoutBooking(busy, booking(540, 570), RULES).busy).toEqual({
      lee: [
        [570, 30],
        [660, 30],
      ],
    });
    // In the middle of a longer run, it splits it.
    expect(withoutBooking(window([[480, 180]]), booking(540, 570), RULES).busy).toEqual({
      lee: [
        [480, 60],
        [570, 90],
      ],
    });
    expect(withoutBooking(window([[660, 30]]), booking(540, 570), RULES).busy).toEqual({ lee: [[660, 30]] });
  });

  it('gives back its seats of a class, and drops the class when they were its only ones', () => {
    const seats = window(
      [],
      [
        [600, 60, 'group', 3],
        [720, 60, 'group', 2],
      ],
    );
    expect(withoutBooking(seats, booking(600, 660, 2, 'group'), RULES).seats).toEqual({
      lee: [
        [600, 60, 'group', 1],
        [720, 60, 'group', 2],
      ],
    });
    expect(withoutBooking(seats, booking(720, 780, 2, 'group'), RULES).seats).toEqual({
      lee: [[600, 60, 'group', 3]],
    });
  });

  it('counts one fewer of its type on its day, the day in the provider’s zone', () => {
    // 23:30 in New York on 1 December is 22:30 in Chicago, the 1st; midnight of the 2nd in New York
    // is still 23:00 on the 1st in Chicago.
    const capped = {
      ...window([[1410, 60]]),
      perDay: { lee: { 'follow-up': { '2026-12-01': 3, '2026-12-02': 1 } } },
    };
    expect(withoutBooking(capped, booking(1410, 1440), RULES).perDay).toEqual({
      lee: { 'follow-up': { '2026-12-01': 2, '2026-12-02': 1 } },
    });
    expect(withoutBooking(capped, booking(1440, 1470), RULES).perDay).toEqual({
      lee: { 'follow-up': { '2026-12-01': 2, '2026-12-02': 1 } },
    });
    // A day the window does not count (not wholly inside it) stays uncounted.
    expect(withoutBooking(capped, booking(3000, 3030), RULES).perDay).toEqual(capped.perDay);
  });
});
