import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { checkSlot, generateSlots, validateRules } from '../../src/engine/index.ts';
import type { RulesDocument, SlotQuery, TimeSpan, Weekday } from '../../src/engine/types.ts';

/**
 * Hours per visit type and per location against independent oracles, on random documents around
 * DST changes: a type's own hours give exactly the slots of a version-1 document whose hours are
 * the intersection (worked out minute by minute here), and checkSlot accepts exactly the slots
 * generateSlots offers, with the same location.
 */
const ZONE_CHANGES: Record<string, string> = {
  'America/New_York': '2026-03-08',
  'Europe/Berlin': '2026-10-25',
  'Australia/Lord_Howe': '2026-10-04',
  'America/Santiago': '2026-09-06',
  'Pacific/Chatham': '2026-09-27',
};
const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const CHANGE_MINUTES = [0, 60, 90, 120, 135, 150, 165, 180, 225];
const MINUTE = 60_000;

const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const minuteArb = fc.oneof(fc.integer({ min: 0, max: 1439 }), fc.constantFrom(...CHANGE_MINUTES));
const spanArb: fc.Arbitrary<TimeSpan> = fc
  .tuple(minuteArb, fc.integer({ min: 1, max: 600 }))
  .map(([start, length]) => ({ start: clock(start), end: clock(Math.min(1440, start + length)) }));
const weekArb = fc.tuple(...WEEKDAYS.map(() => fc.array(spanArb, { maxLength: 3 })));

/** The minutes a day's spans cover, as 1,440 flags. */
function minutesOf(spans: readonly TimeSpan[]): boolean[] {
  const covered = new Array<boolean>(1440).fill(false);
  const toMinutes = (text: string) => Number(text.slice(0, 2)) * 60 + Number(text.slice(3));
  for (const span of spans)
    for (let m = toMinutes(span.start); m < toMinutes(span.end); m++) covered[m] = true;
  return covered;
}

/** The runs of minutes both lists cover, as spans. */
function intersect(a: readonly TimeSpan[], b: readonly TimeSpan[]): TimeSpan[] {
  const left = minutesOf(a);
  const right = minutesOf(b);
  const out: TimeSpan[] = [];
  for (let m = 0; m < 1440; m++) {
    if (!(left[m] && right[m])) continue;
    const start = m;
    while (m < 1440 && left[m] && right[m]) m++;
    out.push({ start: clock(start), end: clock(m) });
  }
  return out;
}

const scenarioArb = fc
  .record({
    zone: fc.constantFrom(...Object.keys(ZONE_CHANGES)),
    provider: weekArb,
    type: weekArb,
    override: fc.option(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.array(spanArb, { maxLength: 3 })), {
      nil: undefined,
    }),
    duration: fc.integer({ min: 5, max: 120 }),
    step: fc.option(fc.integer({ min: 5, max: 90 }), { nil: undefined }),
    places: fc.array(fc.constantFrom('main', 'north', undefined), { minLength: 21, maxLength: 21 }),
  })
  .map((draw) => {
    const change = DateTime.fromISO(ZONE_CHANGES[draw.zone]!, { zone: 'UTC' });
    const from = change.minus({ days: 1 }).toISODate()!;
    const to = change.plus({ days: 1 }).toISODate()!;
    const weekOf = (days: TimeSpan[][]) => Object.fromEntries(WEEKDAYS.map((day, i) => [day, days[i]!]));
    const providerWeek = weekOf(draw.provider) as Record<Weekday, TimeSpan[]>;
    const typeWeek = weekOf(draw.type) as Record<Weekday, TimeSpan[]>;
    const overrideDate = draw.override && change.plus({ days: draw.override[0] - 1 });
    const overrides = draw.override ? [{ date: overrideDate!.toISODate()!, hours: draw.override[1] }] : [];
    const type = {
      id: 't',
      name: 'Type',
      providerIds: ['p'],
      durationMinutes: draw.duration,
      ...(draw.step === undefined ? {} : { stepMinutes: draw.step }),
    };
    const query: SlotQuery = { appointmentTypeId: 't', from, to, now: 0, maxSlots: 200_000 };
    const withHours: RulesDocument = {
      version: 2,
      requires: ['type-hours'],
      timezone: draw.zone,
      providers: [{ id: 'p', name: 'P', weekly: providerWeek, overrides }],
      appointmentTypes: [{ ...type, hours: typeWeek }],
    };
    // The same clinic in version 1, its hours cut to the type's by the oracle above.
    const overrideWeekday = overrideDate && WEEKDAYS[overrideDate.weekday - 1]!;
    const cut: RulesDocument = {
      version: 1,
      timezone: draw.zone,
      providers: [
        {
          id: 'p',
          name: 'P',
          weekly: Object.fromEntries(
            WEEKDAYS.map((day) => [day, intersect(providerWeek[day], typeWeek[day])]),
          ),
          overrides: overrides.map((override) => ({
            date: override.date,
            hours: intersect(override.hours, typeWeek[overrideWeekday!]),
          })),
        },
      ],
      appointmentTypes: [type],
    };
    // Span locations: each weekly span at a drawn place, spans sorted and made disjoint per day.
    let next = 0;
    const placedWeek = Object.fromEntries(
      WEEKDAYS.map((day) => [
        day,
        intersect(providerWeek[day], providerWeek[day]).map((span) => {
          const place = draw.places[next++ % draw.places.length];
          return place === undefined ? span : { ...span, locationId: place };
        }),
      ]),
    );
    const placed: RulesDocument = {
      ...withHours,
      requires: ['type-hours', 'span-locations'],
      locations: [
        { id: 'main', name: 'Main' },
        { id: 'north', name: 'North' },
      ],
      providers: [{ id: 'p', name: 'P', locationId: 'main', weekly: placedWeek }],
    };
    return { withHours, cut, placed, query };
  });

describe("a type's own hours and span locations, on random documents around DST changes", () => {
  it('give exactly the slots of the hours intersected minute by minute', () => {
    fc.assert(
      fc.property(scenarioArb, ({ withHours, cut, query }) => {
        expect(validateRules(withHours).ok).toBe(true);
        const expected = generateSlots(cut, query);
        const actual = generateSlots(withHours, query);
        expect(actual).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('checkSlot accepts every slot with its location and refuses every other start of the range', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.array(fc.integer({ min: 0, max: 4 * 288 }), { maxLength: 40 }),
        (scenario, probes) => {
          const { placed, query } = scenario;
          const result = generateSlots(placed, query);
          if (!result.ok) return expect.fail(JSON.stringify(result.errors));
          const offered = new Set(result.slots.map((slot) => slot.start));
          const check = (start: number) =>
            checkSlot(placed, { appointmentTypeId: 't', providerId: 'p', start, now: 0 });
          for (const slot of result.slots) {
            expect(slot.locationId === 'main' || slot.locationId === 'north').toBe(true);
            expect(check(slot.start)).toEqual({ ok: true, locationId: slot.locationId });
          }
          const base = DateTime.fromISO(query.from, { zone: 'UTC' }).minus({ days: 1 }).toMillis();
          for (const start of [
            ...probes.map((probe) => base + probe * 5 * MINUTE),
            ...result.slots.map((slot) => slot.start + MINUTE),
          ]) {
            const localDate = DateTime.fromMillis(start, { zone: placed.timezone }).toISODate()!;
            if (localDate < query.from || localDate > query.to) continue;
            expect(check(start).ok).toBe(offered.has(start));
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
