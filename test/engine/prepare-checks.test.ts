import { describe, expect, it } from 'vitest';
import { checkSlot, prepareChecks } from '../../src/engine/index.ts';
import { clinic, provider, visitType } from './clinic.ts';

// Monday 2026-11-23 in New York (EST): 09:00 local is 14:00Z.
const rules = clinic({
  providers: [provider('lee', { weekly: { mon: [{ start: '09:00', end: '12:00' }] } }), provider('ada')],
  appointmentTypes: [
    visitType({ bufferAfterMinutes: 10 }),
    visitType({ id: 'class', name: 'Group class', capacity: 2, durationMinutes: 60 }),
    visitType({ id: 'daily', name: 'Daily visit', maxPerDay: 1 }),
  ],
  busy: [{ providerId: 'lee', start: '2026-11-23T16:00:00Z', end: '2026-11-23T16:30:00Z' }],
});
const now = '2026-11-20T12:00:00Z';
const at = (iso: string) => Date.parse(iso);

function prepared() {
  const result = prepareChecks(rules);
  if (!result.ok) throw new Error('the fixture must validate');
  return result.checker;
}

describe('prepareChecks', () => {
  it('adds the given bookings to the document’s own busy time, with buffers', () => {
    const checker = prepared();
    const check = { appointmentTypeId: 'visit', providerId: 'lee', start: '2026-11-23T14:00:00Z', now };
    expect(checker.check(check, [])).toEqual({ ok: true });
    const booked = [{ start: at('2026-11-23T13:30:00Z'), end: at('2026-11-23T14:00:00Z') }];
    expect(checker.check(check, booked)).toEqual({ ok: true });
    const overlapping = [{ start: at('2026-11-23T14:20:00Z'), end: at('2026-11-23T14:50:00Z') }];
    expect(checker.check(check, overlapping)).toMatchObject({ ok: false, code: 'BUSY' });
    // The document's own entry still counts.
    expect(checker.check({ ...check, start: '2026-11-23T16:00:00Z' }, [])).toMatchObject({
      ok: false,
      code: 'BUSY',
    });
  });

  it('counts group seats and daily caps from the given bookings', () => {
    const checker = prepared();
    const group = { appointmentTypeId: 'class', providerId: 'lee', start: '2026-11-23T14:00:00Z', now };
    const seat = {
      start: at('2026-11-23T14:00:00Z'),
      end: at('2026-11-23T15:00:00Z'),
      appointmentTypeId: 'class',
    };
    expect(checker.check(group, [seat])).toEqual({ ok: true });
    expect(checker.check(group, [seat, seat])).toMatchObject({ ok: false, code: 'FULL' });
    const daily = { appointmentTypeId: 'daily', providerId: 'lee', start: '2026-11-23T14:00:00Z', now };
    const earlier = {
      start: at('2026-11-23T17:00:00Z'),
      end: at('2026-11-23T17:30:00Z'),
      appointmentTypeId: 'daily',
    };
    expect(checker.check(daily, [earlier])).toMatchObject({ ok: false, code: 'DAY_FULL' });
  });

  it('agrees with checkSlot on the same document with the bookings as busy entries', () => {
    const checker = prepared();
    const booked = [
      { start: at('2026-11-23T15:00:00Z'), end: at('2026-11-23T15:30:00Z'), appointmentTypeId: 'visit' },
    ];
    const withBusy = {
      ...rules,
      busy: [
        ...(rules.busy ?? []),
        {
          providerId: 'lee',
          start: '2026-11-23T15:00:00Z',
          end: '2026-11-23T15:30:00Z',
          appointmentTypeId: 'visit',
        },
      ],
    };
    for (let minute = 0; minute < 180; minute += 15) {
      const start = at('2026-11-23T14:00:00Z') + minute * 60_000;
      const check = { appointmentTypeId: 'visit', providerId: 'lee', start, now };
      expect(checker.check(check, booked)).toEqual(checkSlot(withBusy, check));
    }
  });

  it('refuses a document that does not validate, with validation’s errors', () => {
    const result = prepareChecks({ version: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
  });

  it('refuses unknown providers and malformed checks with the same codes as checkSlot', () => {
    const checker = prepared();
    expect(
      checker.check({ appointmentTypeId: 'visit', providerId: 'nobody', start: 0, now }, []),
    ).toMatchObject({
      code: 'UNKNOWN_PROVIDER',
    });
    expect(checker.check(null as never, [])).toMatchObject({ code: 'INVALID_CHECK' });
  });
});
