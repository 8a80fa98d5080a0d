import { describe, expect, it } from 'vitest';
import { checkSlot } from '../../src/engine/index.ts';
import type { SlotCheck } from '../../src/engine/types.ts';
import { clinic, provider, visitType } from './clinic.ts';

// Monday 2026-11-23 in New York (EST): 09:00 local is 14:00Z.
const rules = clinic({
  providers: [
    provider('lee', {
      weekly: { mon: [{ start: '09:00', end: '12:00' }], tue: [{ start: '09:00', end: '12:00' }] },
      timeOff: [{ start: '2026-11-24T10:00:00-05:00', end: '2026-11-24T11:00:00-05:00' }],
    }),
    provider('ada'),
  ],
  appointmentTypes: [
    visitType({ minNoticeMinutes: 60, maxAdvanceDays: 30, bufferAfterMinutes: 10 }),
    visitType({ id: 'class', name: 'Group class', capacity: 2, durationMinutes: 60, maxPerDay: 2 }),
  ],
  closures: [{ date: '2026-11-26', name: 'Thanksgiving' }],
  busy: [
    { providerId: 'lee', start: '2026-11-23T16:00:00Z', end: '2026-11-23T16:30:00Z' },
    {
      providerId: 'lee',
      start: '2026-11-30T14:00:00Z',
      end: '2026-11-30T15:00:00Z',
      appointmentTypeId: 'class',
      seats: 2,
    },
    {
      providerId: 'lee',
      start: '2026-12-07T14:00:00Z',
      end: '2026-12-07T15:00:00Z',
      appointmentTypeId: 'class',
    },
    {
      providerId: 'lee',
      start: '2026-12-07T16:00:00Z',
      end: '2026-12-07T17:00:00Z',
      appointmentTypeId: 'class',
    },
  ],
});

const base: SlotCheck = {
  appointmentTypeId: 'visit',
  providerId: 'lee',
  start: '2026-11-23T14:00:00Z',
  now: '2026-11-20T12:00:00Z',
};

const check = (change: Partial<SlotCheck> | Record<string, unknown>) =>
  checkSlot(rules, { ...base, ...change } as SlotCheck);
const codeOf = (change: Partial<SlotCheck> | Record<string, unknown>) => {
  const result = check(change);
  return result.ok ? 'ok' : result.code;
};

describe('checkSlot', () => {
  it('accepts an offered slot, given as ISO or epoch ms', () => {
    expect(check({})).toEqual({ ok: true });
    expect(
      check({ start: Date.parse('2026-11-23T14:30:00Z'), now: Date.parse('2026-11-20T12:00:00Z') }),
    ).toEqual({
      ok: true,
    });
  });

  it('refuses an instant off the grid with NOT_ON_SCHEDULE', () => {
    expect(check({ start: '2026-11-23T14:10:00Z' })).toEqual({
      ok: false,
      code: 'NOT_ON_SCHEDULE',
      message: '2026-11-23 09:10 (America/New_York) is not a start time of "Visit" with Dr. Lee.',
    });
    expect(codeOf({ start: '2026-11-23T16:40:00Z' })).toBe('NOT_ON_SCHEDULE');
  });

  it('explains closed days', () => {
    expect(check({ start: '2026-11-26T14:00:00Z' })).toEqual({
      ok: false,
      code: 'NOT_ON_SCHEDULE',
      message: 'The clinic is closed on 2026-11-26 (Thanksgiving).',
    });
    expect(check({ start: '2026-11-25T14:00:00Z' })).toEqual({
      ok: false,
      code: 'NOT_ON_SCHEDULE',
      message: 'Dr. Lee does not work on 2026-11-25.',
    });
  });

  it('refuses starts inside the notice period and beyond the window', () => {
    expect(check({ now: '2026-11-23T13:30:00Z' })).toEqual({
      ok: false,
      code: 'TOO_SOON',
      message:
        '2026-11-23 09:00 (America/New_York) is too soon: "Visit" must be booked at least 60 minutes ahead.',
    });
    expect(codeOf({ now: '2026-11-23T13:00:00Z' })).toBe('ok');
    expect(check({ start: '2026-12-21T14:00:00Z' })).toEqual({
      ok: false,
      code: 'TOO_FAR',
      message:
        '2026-12-21 09:00 (America/New_York) is too far ahead: "Visit" can be booked up to 30 days ahead (until 2026-12-20).',
    });
  });

  it('refuses time off, busy time (with buffers), full group slots and full days', () => {
    expect(check({ start: '2026-11-24T15:30:00Z' })).toEqual({
      ok: false,
      code: 'TIME_OFF',
      message: 'Dr. Lee is away at 2026-11-24 10:30 (America/New_York).',
    });
    expect(check({ start: '2026-11-23T15:30:00Z' })).toEqual({
      ok: false,
      code: 'BUSY',
      message: 'Dr. Lee is not free at 2026-11-23 10:30 (America/New_York): it overlaps another booking.',
    });
    expect(codeOf({ start: '2026-11-23T16:30:00Z' })).toBe('ok');
    expect(check({ appointmentTypeId: 'class', start: '2026-11-30T14:00:00Z' })).toEqual({
      ok: false,
      code: 'FULL',
      message: 'Every seat of "Group class" at 2026-11-30 09:00 (America/New_York) is taken.',
    });
    expect(check({ appointmentTypeId: 'class', start: '2026-12-07T15:00:00Z' })).toEqual({
      ok: false,
      code: 'DAY_FULL',
      message: 'Dr. Lee already has the most "Group class" bookings allowed on 2026-12-07 (2).',
    });
  });

  it('refuses a start past the day’s slot limit', () => {
    const limited = clinic({ limits: { maxSlotsPerDay: 4 } });
    expect(checkSlot(limited, { ...base, start: '2026-11-23T15:30:00Z' })).toEqual({ ok: true });
    expect(checkSlot(limited, { ...base, start: '2026-11-23T17:00:00Z' })).toEqual({
      ok: false,
      code: 'DAY_LIMIT',
      message:
        '2026-11-23 12:00 (America/New_York) is past the 4 slots offered on 2026-11-23 (limits.maxSlotsPerDay).',
    });
  });

  it('refuses unknown names, bad instants and bad rules', () => {
    expect(check({ appointmentTypeId: 'x' })).toEqual({
      ok: false,
      code: 'UNKNOWN_APPOINTMENT_TYPE',
      message: 'There is no appointment type with the id "x" in these rules.',
    });
    expect(codeOf({ providerId: 7 })).toBe('INVALID_CHECK');
    expect(codeOf({ appointmentTypeId: undefined })).toBe('INVALID_CHECK');
    expect(codeOf({ providerId: 'ada' })).toBe('PROVIDER_NOT_OFFERING');
    expect(codeOf({ now: 'yesterday' })).toBe('INVALID_NOW');
    expect(codeOf({ start: '2026-11-23T09:00' })).toBe('INVALID_START');
    expect(checkSlot(rules, null as unknown as SlotCheck)).toMatchObject({
      ok: false,
      code: 'INVALID_CHECK',
    });
    expect(checkSlot({ version: 3 }, base)).toMatchObject({ ok: false, code: 'INVALID_RULES' });
  });
});
