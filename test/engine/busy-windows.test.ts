import { describe, expect, it } from 'vitest';
import { checkSlot, generateSlots, validateRules } from '../../src/engine/index.ts';
import type { BusyWindow, RulesDocument } from '../../src/engine/types.ts';
import { clinic, provider, slotsFor, startsOf, visitType } from './clinic.ts';

// December 2026's window: [Date.UTC(2026-12-01) − 36 h, Date.UTC(2027-01-01) + 36 h).
const DEC_START = Date.parse('2026-11-29T12:00:00Z');
const DEC_END = Date.parse('2027-01-02T12:00:00Z');
// Tuesday 2026-12-01, 09:00 in New York (EST) is 14:00Z: 3,000 minutes after the window starts.
const TUE_9AM = 3000;
const NOW = '2026-11-20T12:00:00Z';
const TUESDAY = { from: '2026-12-01', to: '2026-12-01', now: NOW };

function december(extra: Partial<BusyWindow> = {}): BusyWindow {
  return { month: '2026-12', start: DEC_START, end: DEC_END, busy: {}, seats: {}, perDay: {}, ...extra };
}

function windowed(windows: BusyWindow[], extra: Partial<RulesDocument> = {}): RulesDocument {
  return { ...clinic(extra), version: 2, requires: ['busy-windows'], busyWindows: windows };
}

const codes = (diagnostics: { code: string; path: string }[]) => diagnostics.map((d) => [d.code, d.path]);

describe('busy windows', () => {
  it('offers no slot without a window, and says why (BUSY_NOT_COVERED)', () => {
    const result = slotsFor(windowed([]), TUESDAY);
    expect(result.slots).toEqual([]);
    expect(result.truncated).toBe(false);
    expect(codes(result.diagnostics)).toEqual([['BUSY_NOT_COVERED', '/busyWindows']]);
    expect(result.diagnostics[0]?.message).toBe(
      '16 candidate times were left out because no busy window covers them (with buffers, or the whole day for a daily cap); add the busy window of those dates to see them.',
    );
  });

  it('reads busy time from the window like the busy list of version 1', () => {
    const busy = { lee: [[TUE_9AM + 60, 30] as [number, number]] };
    const fromWindow = slotsFor(windowed([december({ busy })]), TUESDAY);
    const fromList = slotsFor(
      clinic({ busy: [{ providerId: 'lee', start: '2026-12-01T15:00:00Z', end: '2026-12-01T15:30:00Z' }] }),
      TUESDAY,
    );
    expect(fromWindow.slots).toEqual(fromList.slots);
    expect(startsOf(fromWindow.slots)).not.toContain('2026-12-01T15:00:00.000Z');
    expect(fromWindow.slots).toHaveLength(15);
    expect(fromWindow.diagnostics).toEqual([]);
  });

  it('a version-1 document ignores busyWindows (UNKNOWN_FIELD): all its time is known', () => {
    const document = { ...clinic(), busyWindows: [december({ busy: { lee: [[TUE_9AM, 480]] } })] };
    expect(validateRules(document).warnings.map((w) => w.code)).toEqual(['UNKNOWN_FIELD']);
    expect(slotsFor(document, TUESDAY).slots).toHaveLength(16);
  });

  it('leaves out a slot whose buffered time reaches past the window', () => {
    // A window ending at 14:40Z covers the 14:00Z slot, but not with 15 minutes of buffer after.
    const short = december({ end: Date.parse('2026-12-01T14:40:00Z') });
    expect(startsOf(slotsFor(windowed([short]), TUESDAY).slots)).toEqual(['2026-12-01T14:00:00.000Z']);
    const buffered = windowed([short], { appointmentTypes: [visitType({ bufferAfterMinutes: 15 })] });
    const result = slotsFor(buffered, TUESDAY);
    expect(result.slots).toEqual([]);
    expect(codes(result.diagnostics)).toEqual([['BUSY_NOT_COVERED', '/busyWindows']]);
  });

  it('joins windows that touch: two halves cover like one', () => {
    const middle = Date.parse('2026-12-01T16:00:00Z');
    const halves = [december({ end: middle }), december({ start: middle })];
    expect(slotsFor(windowed(halves), TUESDAY).slots).toHaveLength(16);
  });

  it('counts bookings per day from perDay, and needs the whole local day covered for a daily cap', () => {
    const capped = { appointmentTypes: [visitType({ maxPerDay: 2 })] };
    const full = december({ perDay: { lee: { visit: { '2026-12-01': 2 } } } });
    expect(slotsFor(windowed([full], capped), TUESDAY).slots).toEqual([]);
    const one = december({ perDay: { lee: { visit: { '2026-12-01': 1 } } } });
    expect(slotsFor(windowed([one], capped), TUESDAY).slots).toHaveLength(16);
    // The window starts at 06:00 local time: the day's early bookings are not known.
    const partial = december({ start: Date.parse('2026-12-01T11:00:00Z') });
    const result = slotsFor(windowed([partial], capped), TUESDAY);
    expect(result.slots).toEqual([]);
    expect(codes(result.diagnostics)).toEqual([['BUSY_NOT_COVERED', '/busyWindows']]);
  });

  it('takes seats of group types, once even where two windows overlap', () => {
    const group = {
      appointmentTypes: [visitType({ id: 'class', capacity: 3, durationMinutes: 60, maxPerDay: 3 })],
    };
    const seats = { lee: [[TUE_9AM, 60, 'class', 2] as [number, number, string, number]] };
    const perDay = { lee: { class: { '2026-12-01': 2 } } };
    const overlapping = [december({ seats, perDay }), december({ seats, perDay })];
    const query = { ...TUESDAY, appointmentTypeId: 'class' };
    for (const windows of [[december({ seats, perDay })], overlapping]) {
      const slots = slotsFor(windowed(windows, group), query).slots;
      expect(slots[0]).toMatchObject({ start: Date.parse('2026-12-01T14:00:00Z'), seatsLeft: 1 });
      expect(slots).toHaveLength(8);
    }
    // Three bookings counted: the day is full.
    const three = december({ seats, perDay: { lee: { class: { '2026-12-01': 3 } } } });
    expect(slotsFor(windowed([three], group), query).slots).toEqual([]);
  });

  it('merges busy entries that are out of order or overlap', () => {
    const tidy = december({ busy: { lee: [[TUE_9AM, 60]] } });
    const messy = december({
      busy: {
        lee: [
          [TUE_9AM + 30, 30],
          [TUE_9AM, 45],
          [TUE_9AM + 10, 5],
        ],
      },
    });
    expect(validateRules(windowed([messy])).warnings).toEqual([]);
    expect(slotsFor(windowed([messy]), TUESDAY).slots).toEqual(slotsFor(windowed([tidy]), TUESDAY).slots);
  });

  it('keeps entries reaching outside the window as busy time, with a warning', () => {
    const late = Date.parse('2026-12-01T15:00:00Z');
    const outside = december({ end: late, busy: { lee: [[TUE_9AM + 30, 120]] } });
    const document = windowed([outside, december({ start: late })]);
    const validation = validateRules(document);
    expect(validation.ok).toBe(true);
    expect(validation.warnings).toEqual([
      {
        code: 'BUSY_OUTSIDE_WINDOW',
        path: '/busyWindows/0',
        message:
          "Busy window 2026-12: 1 entry reaches outside the window's range; they count as busy time, but no slot outside the range is offered for want of the rest.",
      },
    ]);
    expect(startsOf(slotsFor(document, TUESDAY).slots).slice(0, 2)).toEqual([
      '2026-12-01T14:00:00.000Z',
      '2026-12-01T16:30:00.000Z',
    ]);
  });

  it('ignores busy time of an unknown provider, and counts seats of an unknown type as plain busy', () => {
    const document = windowed([
      december({
        busy: { gone: [[TUE_9AM, 480]] },
        seats: { lee: [[TUE_9AM, 60, 'retired-class', 1]] },
        perDay: { gone: { visit: { '2026-12-01': 9 } }, lee: { yoga: { '2026-12-01': 9 } } },
      }),
    ]);
    const validation = validateRules(document);
    expect(validation.ok).toBe(true);
    expect(codes(validation.warnings)).toEqual([
      ['UNKNOWN_BUSY_REFERENCE', '/busyWindows/0/busy/gone'],
      ['UNKNOWN_BUSY_REFERENCE', '/busyWindows/0/seats/lee/0'],
      ['UNKNOWN_BUSY_REFERENCE', '/busyWindows/0/perDay/gone'],
      ['UNKNOWN_BUSY_REFERENCE', '/busyWindows/0/perDay/lee/yoga'],
    ]);
    expect(startsOf(slotsFor(document, TUESDAY).slots)[0]).toBe('2026-12-01T15:00:00.000Z');
  });

  it('refuses a malformed window with a located error', () => {
    const cases: Array<[BusyWindow, string, string]> = [
      [december({ busy: { lee: [[TUE_9AM, 0]] } }), 'INVALID_NUMBER', '/busyWindows/0/busy/lee/0'],
      [december({ busy: { lee: [[1.5, 30]] } }), 'INVALID_NUMBER', '/busyWindows/0/busy/lee/0'],
      [december({ busy: { lee: [[TUE_9AM]] } as never }), 'INVALID_FIELD', '/busyWindows/0/busy/lee/0'],
      [december({ busy: { lee: 'all day' } as never }), 'INVALID_FIELD', '/busyWindows/0/busy/lee'],
      [
        december({ seats: { lee: [[TUE_9AM, 60, 'visit', 0]] } }),
        'INVALID_NUMBER',
        '/busyWindows/0/seats/lee/0',
      ],
      [december({ end: DEC_START }), 'EMPTY_INTERVAL', '/busyWindows/0'],
      [december({ start: DEC_START + 1 }), 'INVALID_FIELD', '/busyWindows/0/start'],
      [december({ end: DEC_START + 63 * 86_400_000 }), 'TOO_LARGE', '/busyWindows/0'],
      [december({ month: '2026-13' }), 'INVALID_FIELD', '/busyWindows/0/month'],
      [
        december({ perDay: { lee: { visit: { '2026-02-30': 1 } } } }),
        'INVALID_FIELD',
        '/busyWindows/0/perDay/lee/visit/2026-02-30',
      ],
    ];
    for (const [window, code, path] of cases) {
      const result = validateRules(windowed([window]));
      expect(result.ok ? [] : codes(result.errors), path).toEqual([[code, path]]);
    }
    const result = validateRules(windowed([december({ busy: { lee: [[TUE_9AM, 0]] } })]));
    expect(result.ok ? '' : result.errors[0]?.message).toBe(
      'Busy window 2026-12: busy/lee/0 must be [offset, length], in whole minutes within a year.',
    );
  });

  it('refuses a required feature it does not know (UNSUPPORTED_FEATURE), alone', () => {
    const document = { ...windowed([]), requires: ['busy-windows', 'waitlists'], providers: 'nobody' };
    const result = validateRules(document);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors).toEqual([
      {
        code: 'UNSUPPORTED_FEATURE',
        path: '/requires/1',
        message:
          'This document requires the feature "waitlists", which this engine does not know (it knows "busy-windows", "intake-questions", "type-hours", "span-locations"); its slots cannot be computed.',
      },
    ]);
  });

  it('a version-2 document that requires nothing knows all its busy time', () => {
    const document = { ...clinic(), version: 2 as const };
    expect(validateRules(document)).toMatchObject({ ok: true, warnings: [] });
    expect(slotsFor(document, TUESDAY).slots).toHaveLength(16);
  });

  it('checkSlot refuses an uncovered time with NOT_COVERED', () => {
    const check = { appointmentTypeId: 'visit', providerId: 'lee', start: '2026-12-01T14:00:00Z', now: NOW };
    expect(checkSlot(windowed([december()]), check)).toEqual({ ok: true });
    expect(checkSlot(windowed([]), check)).toEqual({
      ok: false,
      code: 'NOT_COVERED',
      message:
        '2026-12-01 09:00 (America/New_York) cannot be checked: the busy windows given do not cover it.',
    });
    const capped = windowed([december({ start: Date.parse('2026-12-01T11:00:00Z') })], {
      appointmentTypes: [visitType({ maxPerDay: 1 })],
    });
    expect(checkSlot(capped, check)).toMatchObject({ ok: false, code: 'NOT_COVERED' });
  });

  it('a window for every provider still leaves other providers and days alone', () => {
    const two = windowed([december({ busy: { lee: [[TUE_9AM, 480]] } })], {
      providers: [provider('lee'), provider('ada')],
      appointmentTypes: [visitType({ providerIds: ['lee', 'ada'] })],
    });
    const result = generateSlots(two, { appointmentTypeId: 'visit', ...TUESDAY });
    expect(result.ok && new Set(result.slots.map((slot) => slot.providerId))).toEqual(new Set(['ada']));
  });
});
