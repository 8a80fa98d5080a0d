import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateSlots, validateRules } from '../src/engine/index.ts';
import type { RulesDocument } from '../src/engine/types.ts';
import { type BusyRow, buildBusyWindow, monthRange, monthsAround } from './busy-window.ts';

const sample = JSON.parse(readFileSync('public/sample-clinic.json', 'utf8')) as RulesDocument;
const NOW = Date.parse('2026-11-20T12:00:00Z');
const DEC = { start: Date.parse('2026-11-29T12:00:00Z'), end: Date.parse('2027-01-02T12:00:00Z') };

/** Every third slot of every type in December, booked; the group class three times over. */
function bookings(): BusyRow[] {
  const rows: BusyRow[] = [];
  for (const type of sample.appointmentTypes) {
    const result = generateSlots(sample, {
      appointmentTypeId: type.id,
      from: '2026-11-28',
      to: '2027-01-03',
      now: NOW,
    });
    if (!result.ok) throw new Error('sample refused');
    result.slots.forEach((slot, index) => {
      if (index % 3 !== 0) return;
      const times = type.capacity !== undefined && type.capacity > 1 ? 3 : 1;
      for (let i = 0; i < times; i++) {
        rows.push({
          providerId: slot.providerId,
          appointmentTypeId: type.id,
          start: slot.start,
          end: slot.end,
          seats: 1,
        });
      }
    });
  }
  return rows;
}

describe('monthRange', () => {
  it('reaches 36 hours past each end of the month in UTC', () => {
    expect(monthRange('2026-12')).toEqual(DEC);
    expect(monthRange('2027-02')).toEqual({
      start: Date.parse('2027-01-30T12:00:00Z'),
      end: Date.parse('2027-03-02T12:00:00Z'),
    });
  });

  it('refuses what is not a month', () => {
    for (const bad of ['2026-13', '2026-1', '26-12', '2026-12-01', '1999-12', ''])
      expect(monthRange(bad)).toBeNull();
  });

  it('names the months a re-check around an instant needs', () => {
    expect(monthsAround(Date.parse('2026-12-15T12:00:00Z'))).toEqual(['2026-12']);
    expect(monthsAround(Date.parse('2026-12-31T20:00:00Z'))).toEqual(['2026-12', '2027-01']);
  });
});

describe('buildBusyWindow', () => {
  it('gives the same slots as the same bookings in the busy list', () => {
    const rows = bookings();
    const asList: RulesDocument = {
      ...sample,
      busy: rows.map((row) => ({
        providerId: row.providerId,
        appointmentTypeId: row.appointmentTypeId!,
        start: new Date(row.start).toISOString(),
        end: new Date(row.end).toISOString(),
        seats: row.seats,
      })),
    };
    const windows = ['2026-11', '2026-12', '2027-01'].map((month) => buildBusyWindow(sample, month, rows));
    const asWindows = { ...sample, version: 2, requires: ['busy-windows'], busyWindows: windows };
    expect(validateRules(asWindows)).toMatchObject({ ok: true, warnings: [] });
    for (const type of sample.appointmentTypes) {
      const query = { appointmentTypeId: type.id, from: '2026-12-01', to: '2026-12-31', now: NOW };
      const expected = generateSlots(asList, query);
      const actual = generateSlots(asWindows, query);
      expect(actual.ok && actual.slots.length, type.id).toBeGreaterThan(0);
      expect(actual.ok && actual.slots, type.id).toEqual(expected.ok && expected.slots);
    }
  });

  it('merges busy time, sums group seats, counts capped types by local date, and names no booking', () => {
    const at = (iso: string) => Date.parse(iso);
    const rows: BusyRow[] = [
      {
        providerId: 'lee',
        appointmentTypeId: 'follow-up',
        start: at('2026-12-01T15:00:00Z'),
        end: at('2026-12-01T15:20:00Z'),
        seats: 1,
      },
      {
        providerId: 'lee',
        appointmentTypeId: 'new-patient',
        start: at('2026-12-01T14:20:00Z'),
        end: at('2026-12-01T15:00:00Z'),
        seats: 1,
      },
      // A type the rules lack: plain busy time. A provider they lack: left out.
      {
        providerId: 'lee',
        appointmentTypeId: 'retired',
        start: at('2026-12-02T14:00:00Z'),
        end: at('2026-12-02T14:00:30Z'),
        seats: 1,
      },
      { providerId: 'gone', start: at('2026-12-01T15:00:00Z'), end: at('2026-12-01T16:00:00Z'), seats: 1 },
      {
        providerId: 'brooks',
        appointmentTypeId: 'diabetes-group',
        start: at('2026-12-03T15:00:00Z'),
        end: at('2026-12-03T16:30:00Z'),
        seats: 1,
      },
      {
        providerId: 'brooks',
        appointmentTypeId: 'diabetes-group',
        start: at('2026-12-03T15:00:00Z'),
        end: at('2026-12-03T16:30:00Z'),
        seats: 2,
      },
      // Outside the range: skipped.
      { providerId: 'lee', start: at('2027-01-05T15:00:00Z'), end: at('2027-01-05T16:00:00Z'), seats: 1 },
    ];
    const minutes = (iso: string) => (at(iso) - DEC.start) / 60_000;
    expect(buildBusyWindow(sample, '2026-12', rows)).toEqual({
      month: '2026-12',
      ...DEC,
      busy: {
        lee: [
          [minutes('2026-12-01T14:20:00Z'), 60],
          [minutes('2026-12-02T14:00:00Z'), 1],
        ],
      },
      seats: { brooks: [[minutes('2026-12-03T15:00:00Z'), 90, 'diabetes-group', 3]] },
      perDay: { lee: { 'new-patient': { '2026-12-01': 1 } } },
    });
  });

  it('clips busy time at the range and leaves out daily counts of dates it does not wholly hold', () => {
    // 2026-11-29 in New York starts at 05:00Z, before the window's 12:00Z start.
    const rows: BusyRow[] = [
      {
        providerId: 'lee',
        appointmentTypeId: 'new-patient',
        start: Date.parse('2026-11-29T11:00:00Z'),
        end: Date.parse('2026-11-29T13:00:00Z'),
        seats: 1,
      },
    ];
    const window = buildBusyWindow(sample, '2026-12', rows);
    expect(window.busy).toEqual({ lee: [[0, 60]] });
    expect(window.perDay).toEqual({});
  });

  it('refuses a month that is not one', () => {
    expect(() => buildBusyWindow(sample, '2026-13', [])).toThrow(RangeError);
  });
});
