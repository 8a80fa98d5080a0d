import { describe, expect, it } from 'vitest';
import { busyAdded, withBookingBusy } from './base.ts';
import { BOOKING_DAYS, bookingRange } from './bookings.ts';

const block = { providerId: 'lee', start: '2026-12-02T14:00:00Z', end: '2026-12-02T15:00:00Z' };
const booked = { ...block, start: '2026-12-03T14:00:00Z', end: '2026-12-03T14:30:00Z', seats: 1 };

describe('busyAdded', () => {
  it("finds the bookings the server laid over a stored version, matching each of the version's own entries once", () => {
    const stored = { busy: [block] };
    const served = { busy: [block, booked, block] };
    // The second `block` is not the version's: a booking with exactly the same times and fields.
    expect(busyAdded(stored, served)).toEqual([booked, block]);
  });

  it('is empty when the served rules carry no bookings, and reads documents without a busy list', () => {
    expect(busyAdded({ busy: [block] }, { busy: [block] })).toEqual([]);
    expect(busyAdded({}, { busy: [booked] })).toEqual([booked]);
    expect(busyAdded(null, 'not a document')).toEqual([]);
  });
});

describe('withBookingBusy', () => {
  it("adds the bookings after a version's own busy entries, leaving the version unchanged", () => {
    const version = { version: 1, busy: [block] };
    expect(withBookingBusy(version, [booked])).toEqual({ version: 1, busy: [block, booked] });
    expect(version.busy).toEqual([block]);
    expect(withBookingBusy({ version: 1 }, [booked])).toEqual({ version: 1, busy: [booked] });
    expect(withBookingBusy([1], [booked])).toEqual([1]);
  });
});

describe('bookingRange', () => {
  it(`runs ${BOOKING_DAYS} days from the start of today in the clinic's zone`, () => {
    // 03:00 UTC on 1 December is still 30 November in New York.
    const range = bookingRange(Date.parse('2026-12-01T03:00:00Z'), 'America/New_York');
    expect(new Date(range.from).toISOString()).toBe('2026-11-30T05:00:00.000Z');
    expect(new Date(range.to).toISOString()).toBe('2026-12-31T05:00:00.000Z');
  });

  it('counts calendar days across a DST change, not 24-hour blocks', () => {
    const range = bookingRange(Date.parse('2027-03-01T17:00:00Z'), 'America/New_York');
    expect(new Date(range.from).toISOString()).toBe('2027-03-01T05:00:00.000Z');
    // 1 April 2027 starts at 04:00 UTC, after the clocks went forward on 14 March.
    expect(new Date(range.to).toISOString()).toBe('2027-04-01T04:00:00.000Z');
  });
});
