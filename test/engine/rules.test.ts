import { describe, expect, it } from 'vitest';
import { generateSlots } from '../../src/engine/index.ts';
import { clinic, provider, slotsFor, startsOf, startsWithProvider, visitType } from './clinic.ts';

// 2026-11-23 is a Monday; New York is on EST (UTC−5), so 09:00 local is 14:00Z.
const MONDAY = '2026-11-23';
const TUESDAY = '2026-11-24';

const oneSpan = (start: string, end: string) => ({ mon: [{ start, end }], tue: [{ start, end }] });

describe('the grid', () => {
  it('starts at the span start and steps by the duration by default', () => {
    const result = slotsFor(clinic(), { from: MONDAY, to: MONDAY });
    expect(result.slots).toHaveLength(16);
    expect(result.slots[0]).toEqual({
      start: Date.parse('2026-11-23T14:00:00Z'),
      end: Date.parse('2026-11-23T14:30:00Z'),
      providerId: 'lee',
      seatsLeft: 1,
    });
    expect(startsOf(result.slots).at(-1)).toBe('2026-11-23T21:30:00.000Z');
    expect(result).toMatchObject({ truncated: false, diagnostics: [] });
  });

  it('steps by stepMinutes and keeps a slot only when it ends by the span end', () => {
    const rules = clinic({ appointmentTypes: [visitType({ durationMinutes: 40, stepMinutes: 20 })] });
    const starts = startsOf(slotsFor(rules, { from: MONDAY, to: MONDAY }).slots);
    expect(starts).toHaveLength(23);
    expect(starts.at(-1)).toBe('2026-11-23T21:20:00.000Z');
  });

  it('merges touching and overlapping spans before laying the grid', () => {
    const rules = clinic({
      providers: [
        provider('lee', {
          weekly: {
            mon: [
              { start: '09:45', end: '10:30' },
              { start: '09:00', end: '09:45' },
            ],
          },
        }),
      ],
    });
    expect(startsOf(slotsFor(rules, { from: MONDAY, to: MONDAY }).slots)).toEqual([
      '2026-11-23T14:00:00.000Z',
      '2026-11-23T14:30:00.000Z',
      '2026-11-23T15:00:00.000Z',
    ]);
  });

  it('reads 24:00 as the next midnight', () => {
    const rules = clinic({ providers: [provider('lee', { weekly: oneSpan('23:00', '24:00') })] });
    expect(startsOf(slotsFor(rules, { from: MONDAY, to: MONDAY }).slots)).toEqual([
      '2026-11-24T04:00:00.000Z',
      '2026-11-24T04:30:00.000Z',
    ]);
  });
});

describe('busy time and buffers', () => {
  const busy = [{ providerId: 'lee', start: '2026-11-23T15:00:00Z', end: '2026-11-23T15:30:00Z' }];
  const hours = { weekly: oneSpan('09:00', '12:00') };

  it('drops slots overlapping busy time; touching is not overlapping', () => {
    const rules = clinic({ providers: [provider('lee', hours)], busy });
    expect(startsOf(slotsFor(rules, { from: MONDAY, to: MONDAY }).slots)).toEqual([
      '2026-11-23T14:00:00.000Z',
      '2026-11-23T14:30:00.000Z',
      '2026-11-23T15:30:00.000Z',
      '2026-11-23T16:00:00.000Z',
      '2026-11-23T16:30:00.000Z',
    ]);
  });

  it('widens each slot by its buffers when checking busy time', () => {
    const rules = clinic({
      providers: [provider('lee', hours)],
      appointmentTypes: [visitType({ bufferBeforeMinutes: 15, bufferAfterMinutes: 15 })],
      busy,
    });
    expect(startsOf(slotsFor(rules, { from: MONDAY, to: MONDAY }).slots)).toEqual([
      '2026-11-23T14:00:00.000Z',
      '2026-11-23T16:00:00.000Z',
      '2026-11-23T16:30:00.000Z',
    ]);
  });

  it('ignores another provider’s busy time', () => {
    const rules = clinic({
      providers: [provider('lee', hours), provider('ada', hours)],
      busy: [{ providerId: 'ada', start: '2026-11-23T14:00:00Z', end: '2026-11-23T17:00:00Z' }],
    });
    expect(slotsFor(rules, { from: MONDAY, to: MONDAY }).slots).toHaveLength(6);
  });

  it('does not let buffers push a slot out of its hours (they count only against busy time)', () => {
    const rules = clinic({
      providers: [provider('lee', hours)],
      appointmentTypes: [visitType({ bufferBeforeMinutes: 60, bufferAfterMinutes: 60 })],
    });
    expect(slotsFor(rules, { from: MONDAY, to: MONDAY }).slots).toHaveLength(6);
  });
});

describe('group types and seats', () => {
  const group = visitType({ id: 'class', name: 'Diabetes class', capacity: 3, durationMinutes: 60 });
  const rules = clinic({
    providers: [provider('lee', { weekly: oneSpan('09:00', '14:00') })],
    appointmentTypes: [group, visitType()],
    busy: [
      {
        providerId: 'lee',
        start: '2026-11-23T14:00:00Z',
        end: '2026-11-23T15:00:00Z',
        appointmentTypeId: 'class',
        seats: 2,
      },
      {
        providerId: 'lee',
        start: '2026-11-23T15:00:00Z',
        end: '2026-11-23T16:00:00Z',
        appointmentTypeId: 'class',
      },
      {
        providerId: 'lee',
        start: '2026-11-23T15:00:00Z',
        end: '2026-11-23T16:00:00Z',
        appointmentTypeId: 'class',
        seats: 2,
      },
      {
        providerId: 'lee',
        start: '2026-11-23T16:00:00Z',
        end: '2026-11-23T16:30:00Z',
        appointmentTypeId: 'visit',
      },
      {
        providerId: 'lee',
        start: '2026-11-23T17:30:00Z',
        end: '2026-11-23T18:00:00Z',
        appointmentTypeId: 'class',
      },
    ],
  });

  it('takes seats for bookings of the same type at the same instant, blocks for the rest', () => {
    const slots = slotsFor(rules, { appointmentTypeId: 'class', from: MONDAY, to: MONDAY }).slots;
    // 09:00 has 1 seat left; 10:00 is full; 11:00 meets a visit; 12:00 meets a class booking
    // that does not start with it; 13:00 only touches that booking.
    expect(slots.map((slot) => [new Date(slot.start).toISOString(), slot.seatsLeft])).toEqual([
      ['2026-11-23T14:00:00.000Z', 1],
      ['2026-11-23T18:00:00.000Z', 3],
    ]);
  });

  it('offers every seat of an untouched group slot', () => {
    const slots = slotsFor(rules, { appointmentTypeId: 'class', from: TUESDAY, to: TUESDAY }).slots;
    expect(slots.map((slot) => slot.seatsLeft)).toEqual([3, 3, 3, 3, 3]);
  });

  it('lets a same-type booking block a capacity-1 type', () => {
    const slots = slotsFor(rules, { from: MONDAY, to: MONDAY }).slots;
    expect(startsOf(slots)).toEqual([
      '2026-11-23T16:30:00.000Z',
      '2026-11-23T17:00:00.000Z',
      '2026-11-23T18:00:00.000Z',
      '2026-11-23T18:30:00.000Z',
    ]);
  });
});

describe('maxPerDay', () => {
  const booked = (start: string, typeId = 'visit') => ({
    providerId: 'lee',
    start,
    end: new Date(Date.parse(start) + 30 * 60_000).toISOString(),
    appointmentTypeId: typeId,
  });

  it('closes the day for the type once the provider has that many bookings of it that local day', () => {
    const rules = clinic({
      appointmentTypes: [visitType({ maxPerDay: 2 })],
      busy: [
        booked('2026-11-23T14:00:00Z'),
        booked('2026-11-24T04:30:00Z'),
        booked('2026-11-24T14:00:00Z', 'other'),
      ],
    });
    // 2026-11-24T04:30Z is 23:30 on Monday in New York: it counts for Monday.
    const result = slotsFor(
      { ...rules, appointmentTypes: [...rules.appointmentTypes, visitType({ id: 'other' })] },
      {
        from: MONDAY,
        to: TUESDAY,
      },
    );
    expect(new Set(startsOf(result.slots).map((start) => start.slice(0, 10)))).toEqual(
      new Set(['2026-11-24']),
    );
    expect(result.slots).toHaveLength(15);
  });
});

describe('notice and booking window', () => {
  it('drops slots starting before now + minNoticeMinutes', () => {
    const rules = clinic({ appointmentTypes: [visitType({ minNoticeMinutes: 60 })] });
    const slots = slotsFor(rules, { from: MONDAY, to: MONDAY, now: '2026-11-23T14:10:00Z' }).slots;
    expect(startsOf(slots)[0]).toBe('2026-11-23T15:30:00.000Z');
    // Exactly at now + notice is allowed.
    const exact = slotsFor(rules, { from: MONDAY, to: MONDAY, now: '2026-11-23T14:30:00Z' }).slots;
    expect(startsOf(exact)[0]).toBe('2026-11-23T15:30:00.000Z');
    const justBefore = slotsFor(rules, {
      from: MONDAY,
      to: MONDAY,
      now: Date.parse('2026-11-23T14:30:00Z') - 1,
    });
    expect(startsOf(justBefore.slots)[0]).toBe('2026-11-23T15:30:00.000Z');
  });

  it('drops days after the local date of now + maxAdvanceDays', () => {
    const rules = clinic({ appointmentTypes: [visitType({ maxAdvanceDays: 2 })] });
    // 03:00Z on Tuesday is still Monday 22:00 in New York: the window runs to Wednesday.
    const slots = slotsFor(rules, { from: MONDAY, to: '2026-11-27', now: '2026-11-24T03:00:00Z' }).slots;
    expect([...new Set(startsOf(slots).map((start) => start.slice(0, 10)))]).toEqual([TUESDAY, '2026-11-25']);
  });

  it('offers nothing in the past', () => {
    expect(slotsFor(clinic(), { from: MONDAY, to: MONDAY, now: '2026-11-24T00:00:00Z' }).slots).toEqual([]);
  });
});

describe('overrides, closures and time off', () => {
  it('lets an override replace, close or open a day', () => {
    const rules = clinic({
      providers: [
        provider('lee', {
          overrides: [
            { date: TUESDAY, hours: [{ start: '10:00', end: '11:00' }] },
            { date: '2026-11-25', hours: [] },
            { date: '2026-11-28', hours: [{ start: '08:00', end: '08:30' }] },
          ],
        }),
      ],
    });
    const starts = startsOf(slotsFor(rules, { from: TUESDAY, to: '2026-11-29' }).slots);
    expect(starts.filter((start) => start.startsWith('2026-11-2'))).toEqual([
      '2026-11-24T15:00:00.000Z',
      '2026-11-24T15:30:00.000Z',
      ...startsOf(slotsFor(clinic(), { from: '2026-11-26', to: '2026-11-27' }).slots),
      '2026-11-28T13:00:00.000Z',
    ]);
  });

  it('closes a closure date for every provider, overrides included', () => {
    const rules = clinic({
      providers: [
        provider('lee', { overrides: [{ date: '2026-11-26', hours: [{ start: '10:00', end: '11:00' }] }] }),
        provider('ada'),
      ],
      appointmentTypes: [visitType({ providerIds: ['lee', 'ada'] })],
      closures: [{ date: '2026-11-26', name: 'Thanksgiving' }],
    });
    expect(slotsFor(rules, { from: '2026-11-26', to: '2026-11-26' }).slots).toEqual([]);
    expect(slotsFor(rules, { from: '2026-11-27', to: '2026-11-27' }).slots).toHaveLength(32);
  });

  it('drops slots overlapping time off; touching is not overlapping', () => {
    const rules = clinic({
      providers: [
        provider('lee', {
          weekly: oneSpan('09:00', '12:00'),
          timeOff: [
            { start: '2026-11-24T10:00:00-05:00', end: '2026-11-24T11:00:00-05:00' },
            { start: '2026-11-24T10:30:00-05:00', end: '2026-11-24T11:15:00-05:00' },
          ],
        }),
      ],
    });
    expect(startsOf(slotsFor(rules, { from: TUESDAY, to: TUESDAY }).slots)).toEqual([
      '2026-11-24T14:00:00.000Z',
      '2026-11-24T14:30:00.000Z',
      '2026-11-24T16:30:00.000Z',
    ]);
  });
});

describe('providers, zones and ordering', () => {
  it('sorts by start, then provider id by code units, across zones', () => {
    const hours = { weekly: oneSpan('09:00', '10:00') };
    const rules = clinic({
      locations: [{ id: 'chi', name: 'Chicago', timezone: 'America/Chicago' }],
      providers: [
        provider('lee', hours),
        provider('ada', hours),
        provider('Zed', hours),
        provider('bo', { ...hours, locationId: 'chi' }),
      ],
      appointmentTypes: [visitType({ providerIds: ['lee', 'ada', 'Zed', 'bo'] })],
    });
    expect(startsWithProvider(slotsFor(rules, { from: MONDAY, to: MONDAY }).slots)).toEqual([
      '2026-11-23T14:00:00.000Z Zed',
      '2026-11-23T14:00:00.000Z ada',
      '2026-11-23T14:00:00.000Z lee',
      '2026-11-23T14:30:00.000Z Zed',
      '2026-11-23T14:30:00.000Z ada',
      '2026-11-23T14:30:00.000Z lee',
      '2026-11-23T15:00:00.000Z bo',
      '2026-11-23T15:30:00.000Z bo',
    ]);
  });

  it('reads from/to in each provider’s own zone; provider zone beats location beats clinic', () => {
    const hours = { weekly: oneSpan('09:00', '09:30') };
    const rules = clinic({
      locations: [{ id: 'ktm', name: 'Kathmandu', timezone: 'Asia/Kathmandu' }],
      providers: [
        provider('lee', hours),
        provider('ram', { ...hours, locationId: 'ktm' }),
        provider('kai', { ...hours, locationId: 'ktm', timezone: 'Pacific/Chatham' }),
      ],
      appointmentTypes: [visitType({ providerIds: ['lee', 'ram', 'kai'] })],
    });
    expect(startsWithProvider(slotsFor(rules, { from: TUESDAY, to: TUESDAY }).slots)).toEqual([
      '2026-11-23T19:15:00.000Z kai',
      '2026-11-24T03:15:00.000Z ram',
      '2026-11-24T14:00:00.000Z lee',
    ]);
  });

  it('queries one provider when providerId is given', () => {
    const rules = clinic({
      providers: [provider('lee'), provider('ada')],
      appointmentTypes: [visitType({ providerIds: ['lee', 'ada'] })],
    });
    const slots = slotsFor(rules, { providerId: 'ada', from: MONDAY, to: MONDAY }).slots;
    expect(new Set(slots.map((slot) => slot.providerId))).toEqual(new Set(['ada']));
    expect(slots).toHaveLength(16);
  });
});

describe('bounds and their diagnostics', () => {
  it('cuts a provider-day at limits.maxSlotsPerDay and says which', () => {
    const rules = clinic({ limits: { maxSlotsPerDay: 5 } });
    const result = slotsFor(rules, { from: MONDAY, to: TUESDAY });
    expect(startsOf(result.slots)).toEqual([
      '2026-11-23T14:00:00.000Z',
      '2026-11-23T14:30:00.000Z',
      '2026-11-23T15:00:00.000Z',
      '2026-11-23T15:30:00.000Z',
      '2026-11-23T16:00:00.000Z',
      '2026-11-24T14:00:00.000Z',
      '2026-11-24T14:30:00.000Z',
      '2026-11-24T15:00:00.000Z',
      '2026-11-24T15:30:00.000Z',
      '2026-11-24T16:00:00.000Z',
    ]);
    expect(result.truncated).toBe(true);
    expect(result.diagnostics).toEqual([
      {
        code: 'DAY_TRUNCATED',
        path: '/providers/0',
        message:
          "Dr. Lee's slots on 2026-11-23 were cut at 5 (limits.maxSlotsPerDay); later slots that day are not offered.",
      },
      {
        code: 'DAY_TRUNCATED',
        path: '/providers/0',
        message:
          "Dr. Lee's slots on 2026-11-24 were cut at 5 (limits.maxSlotsPerDay); later slots that day are not offered.",
      },
    ]);
  });

  it('does not report a cut when a day has exactly the limit', () => {
    const rules = clinic({ limits: { maxSlotsPerDay: 16 } });
    expect(slotsFor(rules, { from: MONDAY, to: MONDAY })).toMatchObject({
      truncated: false,
      diagnostics: [],
    });
  });

  it('keeps the earliest maxSlots across providers and says where it stopped', () => {
    const rules = clinic({
      providers: [provider('lee'), provider('ada', { timezone: 'America/Chicago' })],
      appointmentTypes: [visitType({ providerIds: ['lee', 'ada'] })],
    });
    const result = slotsFor(rules, { from: MONDAY, to: '2026-12-31', maxSlots: 20 });
    expect(result.slots).toHaveLength(20);
    expect(startsWithProvider(result.slots).slice(-3)).toEqual([
      '2026-11-23T18:30:00.000Z lee',
      '2026-11-23T19:00:00.000Z ada',
      '2026-11-23T19:00:00.000Z lee',
    ]);
    expect(result.truncated).toBe(true);
    expect(result.diagnostics).toEqual([
      {
        code: 'QUERY_TRUNCATED',
        path: '/maxSlots',
        message:
          'Only the first 20 slots were returned: the list stops at 2026-11-23T19:00:00.000Z (Dr. Lee, 2026-11-23 14:00 local time). Narrow the dates or raise maxSlots to see later slots.',
      },
    ]);
  });

  it('does not report a cut when the query has exactly maxSlots', () => {
    const result = slotsFor(clinic(), { from: MONDAY, to: MONDAY, maxSlots: 16 });
    expect(result).toMatchObject({ truncated: false, diagnostics: [] });
    expect(result.slots).toHaveLength(16);
  });

  it('computes a full year of a minute-grid clinic within its bounds', () => {
    const rules = clinic({
      providers: [provider('lee', { weekly: { mon: [{ start: '00:00', end: '24:00' }] } })],
      appointmentTypes: [visitType({ durationMinutes: 1 })],
    });
    const result = slotsFor(rules, { from: '2026-01-01', to: '2026-12-31', maxSlots: 200_000 });
    expect(result.slots).toHaveLength(52 * 288);
    expect(result.diagnostics.at(-1)).toEqual({
      code: 'DAY_TRUNCATED',
      path: '/limits/maxSlotsPerDay',
      message: '2 more provider-days were also cut at 288 slots (limits.maxSlotsPerDay).',
    });
  });
});

describe('refusals', () => {
  it('returns validation errors for a bad document and never throws', () => {
    expect(
      generateSlots(null, { appointmentTypeId: 'visit', from: MONDAY, to: MONDAY, now: 0 }),
    ).toMatchObject({
      ok: false,
      errors: [{ code: 'INVALID_DOCUMENT', path: '' }],
    });
    const bad = clinic({ appointmentTypes: [visitType({ stepMinutes: 0 })] });
    const result = generateSlots(bad, { appointmentTypeId: 'visit', from: MONDAY, to: MONDAY, now: 0 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((error) => [error.code, error.path])).toEqual([
      ['INVALID_NUMBER', '/appointmentTypes/0/stepMinutes'],
    ]);
  });
});

describe('documents are read, never changed, and compiled once per object', () => {
  function deepFreeze<T>(value: T): T {
    if (typeof value === 'object' && value !== null) {
      for (const field of Object.values(value)) deepFreeze(field);
      Object.freeze(value);
    }
    return value;
  }

  it('works on a deeply frozen document', () => {
    const rules = deepFreeze(
      clinic({
        providers: [
          provider('lee', { overrides: [{ date: MONDAY, hours: [{ start: '10:00', end: '11:00' }] }] }),
        ],
        busy: [{ providerId: 'lee', start: '2026-11-23T15:00:00Z', end: '2026-11-23T15:30:00Z' }],
      }),
    );
    expect(startsOf(slotsFor(rules, { from: MONDAY, to: MONDAY }).slots)).toEqual([
      '2026-11-23T15:30:00.000Z',
    ]);
  });

  it('reuses the compiled form for the same object and compiles a new object afresh', () => {
    const rules = clinic();
    expect(slotsFor(rules, { from: MONDAY, to: MONDAY }).slots).toHaveLength(16);
    // Changing a queried object in place is not noticed (documents are treated as immutable)...
    rules.appointmentTypes[0]!.durationMinutes = 60;
    expect(slotsFor(rules, { from: MONDAY, to: MONDAY }).slots).toHaveLength(16);
    // ...while a new object is validated and compiled again.
    expect(slotsFor(structuredClone(rules), { from: MONDAY, to: MONDAY }).slots).toHaveLength(8);
  });
});
