import { describe, expect, it } from 'vitest';
import { checkSlot, generateSlots, validateRules } from '../../src/engine/index.ts';
import type { RulesDocument, Slot, SlotCheck } from '../../src/engine/types.ts';
import { clinic, everyDay, provider, slotsFor, startsOf, visitType } from './clinic.ts';

/** A version-2 clinic that requires both features of hours per type and per location. */
function v2(extra: Partial<RulesDocument> = {}): RulesDocument {
  return clinic({ version: 2, requires: ['type-hours', 'span-locations'], ...extra });
}

const LOCATIONS = [
  { id: 'main', name: 'Main St', address: '1 Main St' },
  { id: 'north', name: 'North Clinic', address: '9 North Rd' },
];

function errorsOf(document: unknown) {
  const result = validateRules(document);
  return result.ok ? [] : result.errors;
}

function warningsOf(document: unknown) {
  return validateRules(document).warnings;
}

const locatedStarts = (slots: readonly Slot[]) =>
  slots.map((slot) => `${new Date(slot.start).toISOString()} ${slot.locationId ?? '-'}`);

describe("an appointment type's own hours", () => {
  // Monday 2026-11-23 and Tuesday 2026-11-24 in New York (EST, −05:00).
  const rules = v2({
    providers: [
      provider('lee', {
        weekly: { mon: [{ start: '08:00', end: '17:00' }], tue: [{ start: '08:00', end: '17:00' }] },
      }),
    ],
    appointmentTypes: [
      visitType({
        durationMinutes: 60,
        hours: {
          tue: [
            { start: '09:00', end: '11:00' },
            { start: '16:00', end: '18:00' },
          ],
        },
      }),
    ],
  });

  it('offers the type only where its hours meet the provider’s, starting the grid at the meeting', () => {
    expect(startsOf(slotsFor(rules, { from: '2026-11-23', to: '2026-11-24' }).slots)).toEqual([
      '2026-11-24T14:00:00.000Z',
      '2026-11-24T15:00:00.000Z',
      '2026-11-24T21:00:00.000Z',
    ]);
  });

  it('cuts an override’s hours the same way', () => {
    const overridden = v2({
      ...rules,
      providers: [
        provider('lee', {
          weekly: {},
          overrides: [{ date: '2026-11-24', hours: [{ start: '10:00', end: '12:00' }] }],
        }),
      ],
    });
    expect(startsOf(slotsFor(overridden, { from: '2026-11-24', to: '2026-11-24' }).slots)).toEqual([
      '2026-11-24T15:00:00.000Z',
    ]);
  });

  it('is refused by checkSlot outside the type’s hours with NOT_ON_SCHEDULE, and accepted inside', () => {
    const base: SlotCheck = {
      appointmentTypeId: 'visit',
      providerId: 'lee',
      start: '2026-11-24T14:00:00Z',
      now: '2026-11-20T12:00:00Z',
    };
    expect(checkSlot(rules, base)).toEqual({ ok: true });
    expect(checkSlot(rules, { ...base, start: '2026-11-24T17:00:00Z' })).toEqual({
      ok: false,
      code: 'NOT_ON_SCHEDULE',
      message: '2026-11-24 12:00 (America/New_York) is not a start time of "Visit" with Dr. Lee.',
    });
    expect(checkSlot(rules, { ...base, start: '2026-11-23T14:00:00Z' })).toEqual({
      ok: false,
      code: 'NOT_ON_SCHEDULE',
      message: '"Visit" is not offered on 2026-11-23 (a Monday) during Dr. Lee\'s hours.',
    });
  });

  it('is ignored, with UNKNOWN_FIELD, in a version-1 document (which means what it always meant)', () => {
    const v1 = clinic({
      appointmentTypes: [visitType({ hours: { tue: [{ start: '09:00', end: '10:00' }] } })],
    });
    expect(warningsOf(v1)).toEqual([
      {
        code: 'UNKNOWN_FIELD',
        path: '/appointmentTypes/0/hours',
        message: 'Appointment type "Visit": the field "hours" is not part of rules format v1 and is ignored.',
      },
    ]);
    expect(slotsFor(v1, { from: '2026-11-24', to: '2026-11-24' }).slots).toHaveLength(16);
  });
});

describe('type hours on DST days keep the wall-clock rules', () => {
  /** One provider working all day every day in `zone`; the type is offered on Sundays `start`–`end`. */
  function sunday(zone: string, start: string, end: string, minutes: number) {
    return v2({
      timezone: zone,
      providers: [provider('lee', { weekly: everyDay({ start: '00:00', end: '24:00' }) })],
      appointmentTypes: [visitType({ durationMinutes: minutes, hours: { sun: [{ start, end }] } })],
    });
  }

  it('America/New_York spring forward: 01:00–04:00 holds two real hours', () => {
    const rules = sunday('America/New_York', '01:00', '04:00', 30);
    expect(startsOf(slotsFor(rules, { from: '2026-03-08', to: '2026-03-08' }).slots)).toEqual([
      '2026-03-08T06:00:00.000Z',
      '2026-03-08T06:30:00.000Z',
      '2026-03-08T07:00:00.000Z',
      '2026-03-08T07:30:00.000Z',
    ]);
  });

  it('Europe/Berlin fall back: 02:00–04:00 starts at the first 02:00 and holds three real hours', () => {
    const rules = sunday('Europe/Berlin', '02:00', '04:00', 60);
    expect(startsOf(slotsFor(rules, { from: '2026-10-25', to: '2026-10-25' }).slots)).toEqual([
      '2026-10-25T00:00:00.000Z',
      '2026-10-25T01:00:00.000Z',
      '2026-10-25T02:00:00.000Z',
    ]);
  });

  it('Australia/Lord_Howe half-hour change: 01:30–03:30 holds an hour and a half', () => {
    const rules = sunday('Australia/Lord_Howe', '01:30', '03:30', 30);
    expect(startsOf(slotsFor(rules, { from: '2026-10-04', to: '2026-10-04' }).slots)).toEqual([
      '2026-10-03T15:00:00.000Z',
      '2026-10-03T15:30:00.000Z',
      '2026-10-03T16:00:00.000Z',
    ]);
    const check = { appointmentTypeId: 'visit', providerId: 'lee', now: '2026-01-01T00:00:00Z' };
    expect(checkSlot(rules, { ...check, start: '2026-10-03T16:00:00Z' })).toEqual({ ok: true });
    expect(checkSlot(rules, { ...check, start: '2026-10-03T16:30:00Z' })).toMatchObject({
      ok: false,
      code: 'NOT_ON_SCHEDULE',
    });
  });
});

describe('span locations', () => {
  // Dr. Lee is at Main St by default and at North Clinic on Tuesday afternoons.
  const rules = v2({
    locations: LOCATIONS,
    providers: [
      provider('lee', {
        locationId: 'main',
        weekly: {
          mon: [{ start: '09:00', end: '10:00' }],
          tue: [
            { start: '09:00', end: '10:00' },
            { start: '10:00', end: '11:00', locationId: 'north' },
          ],
        },
      }),
    ],
    appointmentTypes: [visitType({ durationMinutes: 60 })],
  });

  it('gives each slot the location of its span, the provider’s own by default', () => {
    expect(locatedStarts(slotsFor(rules, { from: '2026-11-23', to: '2026-11-24' }).slots)).toEqual([
      '2026-11-23T14:00:00.000Z main',
      '2026-11-24T14:00:00.000Z main',
      '2026-11-24T15:00:00.000Z north',
    ]);
  });

  it('does not merge touching spans at two locations, so no slot straddles them', () => {
    const result = slotsFor(
      v2({ ...rules, appointmentTypes: [visitType({ durationMinutes: 90, stepMinutes: 30 })] }),
      {
        from: '2026-11-24',
        to: '2026-11-24',
      },
    );
    expect(result.slots).toEqual([]);
  });

  it('closes one location on a closure that names it, and says so in checkSlot', () => {
    const closed = v2({
      ...rules,
      closures: [{ date: '2026-11-24', name: 'Staff day', locationId: 'north' }],
    });
    expect(locatedStarts(slotsFor(closed, { from: '2026-11-24', to: '2026-11-24' }).slots)).toEqual([
      '2026-11-24T14:00:00.000Z main',
    ]);
    const onlyNorth = v2({
      ...closed,
      providers: [
        provider('lee', { weekly: { tue: [{ start: '10:00', end: '11:00', locationId: 'north' }] } }),
      ],
    });
    expect(
      checkSlot(onlyNorth, {
        appointmentTypeId: 'visit',
        providerId: 'lee',
        start: '2026-11-24T15:00:00Z',
        now: 0,
      }),
    ).toEqual({
      ok: false,
      code: 'NOT_ON_SCHEDULE',
      message: 'North Clinic is closed on 2026-11-24 (Staff day).',
    });
  });

  it('is returned by checkSlot for an accepted slot', () => {
    const check = { appointmentTypeId: 'visit', providerId: 'lee', now: '2026-11-20T12:00:00Z' };
    expect(checkSlot(rules, { ...check, start: '2026-11-24T15:00:00Z' })).toEqual({
      ok: true,
      locationId: 'north',
    });
    expect(checkSlot(rules, { ...check, start: '2026-11-24T14:00:00Z' })).toEqual({
      ok: true,
      locationId: 'main',
    });
  });

  it('leaves version-1 slots without a location', () => {
    const v1 = clinic({ locations: LOCATIONS, providers: [provider('lee', { locationId: 'main' })] });
    const [first] = slotsFor(v1, { from: '2026-11-23', to: '2026-11-23' }).slots;
    expect(first).toEqual({
      start: Date.parse('2026-11-23T14:00:00Z'),
      end: Date.parse('2026-11-23T14:30:00Z'),
      providerId: 'lee',
      seatsLeft: 1,
    });
  });
});

describe('validation of type hours and span locations', () => {
  it('needs the features in "requires" for the fields that change slots', () => {
    const document = clinic({
      version: 2,
      locations: LOCATIONS,
      providers: [
        provider('lee', { weekly: { mon: [{ start: '09:00', end: '12:00', locationId: 'main' }] } }),
      ],
      appointmentTypes: [visitType({ hours: { mon: [{ start: '09:00', end: '10:00' }] } })],
      closures: [{ date: '2026-12-24', locationId: 'north' }],
    });
    expect(errorsOf(document)).toEqual([
      {
        code: 'FEATURE_NOT_REQUIRED',
        path: '/providers/0/weekly/mon/0/locationId',
        message:
          'Dr. Lee\'s Monday hours: "locationId" changes which slots exist; add "span-locations" to the document\'s "requires".',
      },
      {
        code: 'FEATURE_NOT_REQUIRED',
        path: '/appointmentTypes/0/hours',
        message:
          'Appointment type "Visit": "hours" changes which slots exist; add "type-hours" to the document\'s "requires".',
      },
      {
        code: 'FEATURE_NOT_REQUIRED',
        path: '/closures/0/locationId',
        message:
          'Closure #1: "locationId" changes which slots exist; add "span-locations" to the document\'s "requires".',
      },
    ]);
  });

  it('refuses unknown locations, conflicting locations and duplicate location closures', () => {
    const document = v2({
      locations: LOCATIONS,
      providers: [
        provider('lee', {
          locationId: 'main',
          weekly: {
            mon: [{ start: '09:00', end: '12:00', locationId: 'south' }],
            tue: [
              { start: '09:00', end: '12:00' },
              { start: '11:00', end: '13:00', locationId: 'north' },
            ],
          },
        }),
      ],
      closures: [
        { date: '2026-12-24', locationId: 'north' },
        { date: '2026-12-24', locationId: 'north' },
        { date: '2026-12-24', locationId: 'nowhere' },
      ],
    });
    expect(errorsOf(document)).toEqual([
      {
        code: 'UNKNOWN_REFERENCE',
        path: '/providers/0/weekly/mon/0/locationId',
        message: 'Dr. Lee\'s Monday hours: the location "south" is not one of the document\'s locations.',
      },
      {
        code: 'LOCATION_CONFLICT',
        path: '/providers/0/weekly/tue/1',
        message:
          'Dr. Lee\'s Tuesday hours: the span 11:00–13:00 at "north" overlaps 09:00–12:00 at "main"; a provider is at one location at a time.',
      },
      {
        code: 'DUPLICATE_DATE',
        path: '/closures/1/date',
        message: '2026-12-24 is closed twice at location "north" (closures #1 and #2); keep one.',
      },
      {
        code: 'UNKNOWN_REFERENCE',
        path: '/closures/2/locationId',
        message: 'Closure #3: the location "nowhere" is not one of the document\'s locations.',
      },
    ]);
  });

  it('refuses a type span that ends at or before its start, a bad weekday and too many spans', () => {
    const tooMany = Array.from({ length: 49 }, (_, index) => ({
      start: `${String(Math.floor(index / 2)).padStart(2, '0')}:${index % 2 ? '30' : '00'}`,
      end: `${String(Math.floor(index / 2)).padStart(2, '0')}:${index % 2 ? '45' : '15'}`,
    }));
    const document = v2({
      appointmentTypes: [
        visitType({
          hours: {
            mon: [{ start: '12:00', end: '09:00' }],
            tue: [{ start: '10:00', end: '10:00' }],
            fri: tooMany,
            funday: [],
          } as never,
        }),
      ],
    });
    expect(errorsOf(document)).toEqual([
      {
        code: 'INVALID_FIELD',
        path: '/appointmentTypes/0/hours/funday',
        message:
          'Appointment type "Visit"\'s hours: "funday" is not a day; use mon, tue, wed, thu, fri, sat or sun.',
      },
      {
        code: 'EMPTY_INTERVAL',
        path: '/appointmentTypes/0/hours/mon/0',
        message: 'Appointment type "Visit"\'s Monday hours: the span 12:00–09:00 ends before it starts.',
      },
      {
        code: 'EMPTY_INTERVAL',
        path: '/appointmentTypes/0/hours/tue/0',
        message:
          'Appointment type "Visit"\'s Tuesday hours: the span 10:00–10:00 is empty: it ends when it starts.',
      },
      {
        code: 'TOO_LARGE',
        path: '/appointmentTypes/0/hours/fri',
        message: 'Appointment type "Visit"\'s hours: "fri" has 49 entries; at most 48 are allowed.',
      },
    ]);
  });

  it('warns when a type is offered on a weekday none of its providers works', () => {
    const document = v2({
      appointmentTypes: [
        visitType({
          hours: { tue: [{ start: '09:00', end: '10:00' }], sat: [{ start: '09:00', end: '12:00' }] },
        }),
      ],
    });
    expect(warningsOf(document)).toEqual([
      {
        code: 'TYPE_HOURS_UNWORKED',
        path: '/appointmentTypes/0/hours/sat',
        message:
          'Appointment type "Visit" is offered on Saturday (09:00–12:00), but none of its providers works then in their weekly hours, so it has no slots then.',
      },
    ]);
  });

  it("counts a day's slots for MANY_SLOTS_PER_DAY only within the type's own hours", () => {
    // 24 hours of a minute-stepped 20-minute visit are 1,421 starts; its hours keep 09:00–12:00
    // on Tuesdays (161 starts, under the default 288), and no Monday at all.
    const document = v2({
      providers: [
        provider('lee', {
          weekly: { mon: [{ start: '00:00', end: '24:00' }], tue: [{ start: '00:00', end: '24:00' }] },
        }),
      ],
      appointmentTypes: [
        visitType({
          durationMinutes: 20,
          stepMinutes: 1,
          hours: { tue: [{ start: '09:00', end: '12:00' }] },
        }),
      ],
    });
    expect(warningsOf(document)).toEqual([]);
    const engine = slotsFor(document, { from: '2026-11-23', to: '2026-11-24' });
    expect(engine.slots.length).toBe(161);
  });

  it("still warns for a day the type's hours leave too many slots in, naming that day", () => {
    // An override on Tuesday 2026-11-24 works all day; the type's Tuesday 06:00–18:00 holds
    // 720 − 20 + 1 = 701 starts of it. The weekly Tuesday keeps 41, and the weekly Monday is not
    // one of the type's days.
    const document = v2({
      providers: [
        provider('lee', {
          weekly: { mon: [{ start: '00:00', end: '24:00' }], tue: [{ start: '09:00', end: '10:00' }] },
          overrides: [{ date: '2026-11-24', hours: [{ start: '00:00', end: '24:00' }] }],
        }),
      ],
      appointmentTypes: [
        visitType({
          durationMinutes: 20,
          stepMinutes: 1,
          hours: { tue: [{ start: '06:00', end: '18:00' }] },
        }),
      ],
    });
    expect(warningsOf(document)).toEqual([
      {
        code: 'MANY_SLOTS_PER_DAY',
        path: '/appointmentTypes/0/stepMinutes',
        message:
          'Appointment type "Visit" steps every 1 minute, which gives 701 slots in Dr. Lee\'s hours on 2026-11-24, more than the limit of 288 a day: that day will be cut after 288 slots.',
      },
    ]);
  });

  it('refuses a version-2 document requiring an unknown feature alongside the known ones', () => {
    expect(errorsOf({ ...v2(), requires: ['type-hours', 'span-locations', 'teleport'] })).toEqual([
      {
        code: 'UNSUPPORTED_FEATURE',
        path: '/requires/2',
        message:
          'This document requires the feature "teleport", which this engine does not know (it knows "busy-windows", "intake-questions", "type-hours", "span-locations"); its slots cannot be computed.',
      },
    ]);
  });
});

describe('the worst case stays bounded', () => {
  it('a year of minute slots with 48 type spans and 48 located spans a day', () => {
    // Provider: 48 half-hour spans a day alternating between two locations; type: 48 spans of
    // 20 minutes inside them. Each day yields 48 × 20 one-minute slots, cut at maxSlotsPerDay.
    const providerSpans = Array.from({ length: 48 }, (_, index) => ({
      start: clock(index * 30),
      end: clock(index * 30 + 30),
      locationId: index % 2 === 0 ? 'main' : 'north',
    }));
    const typeSpans = Array.from({ length: 48 }, (_, index) => ({
      start: clock(index * 30 + 5),
      end: clock(index * 30 + 25),
    }));
    const rules = v2({
      locations: LOCATIONS,
      limits: { maxSlotsPerDay: 1440 },
      providers: [provider('lee', { weekly: everyDay(...providerSpans) })],
      appointmentTypes: [visitType({ durationMinutes: 1, hours: everyDay(...typeSpans) })],
    });
    const result = generateSlots(rules, {
      appointmentTypeId: 'visit',
      from: '2026-01-01',
      to: '2026-12-31',
      now: '2020-01-01T00:00:00Z',
      maxSlots: 200_000,
    });
    if (!result.ok) expect.fail(JSON.stringify(result.errors));
    expect(result.slots).toHaveLength(200_000);
    expect(result.truncated).toBe(true);
    expect(result.slots[20]).toMatchObject({
      start: Date.parse('2026-01-01T05:35:00Z'),
      locationId: 'north',
    });
  });
});

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

describe('a span at a location that keeps another clock', () => {
  it('is read in the provider’s zone, with a warning that names both zones', () => {
    const document = v2({
      locations: [
        { id: 'main', name: 'Main St' },
        { id: 'west', name: 'West Clinic', timezone: 'America/Chicago' },
      ],
      providers: [
        provider('lee', {
          locationId: 'main',
          weekly: { mon: [{ start: '09:00', end: '10:00', locationId: 'west' }] },
        }),
      ],
    });
    expect(warningsOf(document)).toEqual([
      {
        code: 'LOCATION_ZONE_DIFFERS',
        path: '/providers/0/weekly/mon/0/locationId',
        message:
          'Dr. Lee\'s Monday hours: the location "west" keeps America/Chicago time, but these hours are read in America/New_York, the provider\'s zone; write the span in America/New_York time.',
      },
    ]);
    // 09:00 in New York (14:00Z), not in Chicago.
    expect(locatedStarts(slotsFor(document, { from: '2026-11-23', to: '2026-11-23' }).slots)).toEqual([
      '2026-11-23T14:00:00.000Z west',
      '2026-11-23T14:30:00.000Z west',
    ]);
  });

  it('gives no warning when the zones agree', () => {
    const document = v2({
      locations: [{ id: 'west', name: 'West Clinic', timezone: 'America/Chicago' }],
      providers: [
        provider('lee', {
          locationId: 'west',
          weekly: { mon: [{ start: '09:00', end: '10:00', locationId: 'west' }] },
        }),
      ],
    });
    expect(warningsOf(document)).toEqual([]);
  });
});
