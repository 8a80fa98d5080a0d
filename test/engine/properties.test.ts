import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { baselineSlots } from '../../bench/luxon-baseline.ts';
import { checkSlot, generateSlots, validateRules } from '../../src/engine/index.ts';
import type {
  AppointmentType,
  BusyEntry,
  Provider,
  RulesDocument,
  Slot,
  SlotQuery,
  TimeSpan,
  Weekday,
} from '../../src/engine/types.ts';

/**
 * Zones with gaps and repeats at 00:00, 01:00, 02:00, 02:45, 30-minute shifts and odd offsets,
 * each with the local dates of its 2026 changes: query ranges start on or just before them.
 */
const ZONE_CHANGES: Record<string, string[]> = {
  'America/New_York': ['2026-03-08', '2026-11-01'],
  'Europe/London': ['2026-03-29', '2026-10-25'],
  'America/Santiago': ['2026-04-04', '2026-09-06'],
  'America/Havana': ['2026-03-08', '2026-11-01'],
  'Australia/Lord_Howe': ['2026-04-05', '2026-10-04'],
  'Australia/Sydney': ['2026-04-05', '2026-10-04'],
  'Asia/Kathmandu': ['2026-06-01'],
  'Pacific/Chatham': ['2026-04-05', '2026-09-27'],
  'Asia/Beirut': ['2026-03-29', '2026-10-24'],
  UTC: ['2026-06-01'],
};
const ZONES = Object.keys(ZONE_CHANGES);
/** Wall times where the changes above happen, so spans often start or end inside a gap or repeat. */
const CHANGE_MINUTES = [0, 30, 60, 90, 105, 120, 135, 150, 165, 180, 210, 225, 1380, 1410];
const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const MINUTE = 60_000;

const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const minuteArb = fc.oneof(fc.integer({ min: 0, max: 1439 }), fc.constantFrom(...CHANGE_MINUTES));
const spanArb: fc.Arbitrary<TimeSpan> = fc
  .tuple(minuteArb, fc.oneof(fc.integer({ min: 1, max: 600 }), fc.constantFrom(30, 60, 90, 120, 1440)))
  .map(([start, length]) => ({ start: clock(start), end: clock(Math.min(1440, start + length)) }));

const daySpansArb = fc.array(spanArb, { maxLength: 3 });

interface Scenario {
  rules: RulesDocument;
  query: SlotQuery;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    providerZones: fc.array(fc.option(fc.constantFrom(...ZONES), { nil: undefined, freq: 3 }), {
      minLength: 1,
      maxLength: 3,
    }),
    weekly: fc.array(fc.tuple(...WEEKDAYS.map(() => daySpansArb)), { minLength: 3, maxLength: 3 }),
    change: fc.nat(),
    lead: fc.integer({ min: 0, max: 1 }),
    rangeDays: fc.integer({ min: 0, max: 3 }),
    nowOffsetMinutes: fc.integer({ min: -3 * 1440, max: 3 * 1440 }),
    type: fc.record({
      durationMinutes: fc.integer({ min: 5, max: 180 }),
      stepMinutes: fc.option(fc.integer({ min: 5, max: 120 }), { nil: undefined }),
      bufferBeforeMinutes: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
      bufferAfterMinutes: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
      minNoticeMinutes: fc.option(fc.integer({ min: 0, max: 3000 }), { nil: undefined }),
      maxAdvanceDays: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
      maxPerDay: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
      capacity: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    }),
    overrideDays: fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), daySpansArb), { maxLength: 2 }),
    closureDay: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    timeOff: fc.array(fc.tuple(fc.integer({ min: 0, max: 5 * 96 }), fc.integer({ min: 1, max: 48 })), {
      maxLength: 2,
    }),
    busy: fc.array(
      fc.record({
        provider: fc.integer({ min: 0, max: 2 }),
        quarter: fc.integer({ min: 0, max: 5 * 96 }),
        quarters: fc.integer({ min: 1, max: 8 }),
        sameType: fc.boolean(),
        seats: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
      }),
      { maxLength: 10 },
    ),
    maxSlotsPerDay: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
  })
  .map((draw): Scenario => {
    const changes = ZONE_CHANGES[draw.zone]!;
    const fromDay = DateTime.fromISO(changes[draw.change % changes.length]!, { zone: 'UTC' }).minus({
      days: draw.lead,
    });
    const from = fromDay.toISODate()!;
    const base = fromDay.minus({ days: 1 }).toMillis();
    const isoAt = (quarter: number) => new Date(base + quarter * 15 * MINUTE).toISOString();
    const dateAt = (offset: number) => fromDay.plus({ days: offset }).toISODate()!;
    const providers: Provider[] = draw.providerZones.map((zone, index) => {
      const spans = draw.weekly[index]!;
      const weekly: Partial<Record<Weekday, TimeSpan[]>> = {};
      WEEKDAYS.forEach((day, dayIndex) => {
        weekly[day] = mergeForValidity(spans[dayIndex]!);
      });
      return {
        id: `p${index}`,
        name: `Provider ${index}`,
        ...(zone ? { timezone: zone } : {}),
        weekly,
        overrides:
          index === 0
            ? [...new Map(draw.overrideDays.map(([day, hours]) => [day, hours])).entries()].map(
                ([day, hours]) => ({
                  date: dateAt(day),
                  hours: mergeForValidity(hours),
                }),
              )
            : [],
        timeOff:
          index === 0
            ? draw.timeOff.map(([quarter, quarters]) => ({
                start: isoAt(quarter),
                end: isoAt(quarter + quarters),
              }))
            : [],
      };
    });
    const type: AppointmentType = {
      id: 't',
      name: 'Type',
      providerIds: providers.map((p) => p.id),
      durationMinutes: draw.type.durationMinutes,
      ...stripUndefined(draw.type),
    };
    const busy: BusyEntry[] = draw.busy
      .filter((entry) => entry.provider < providers.length)
      .map((entry) => ({
        providerId: `p${entry.provider}`,
        start: isoAt(entry.quarter),
        end: isoAt(entry.quarter + entry.quarters),
        ...(entry.sameType ? { appointmentTypeId: 't' } : {}),
        ...(entry.seats === undefined ? {} : { seats: entry.seats }),
      }));
    const rules: RulesDocument = {
      version: 1,
      timezone: draw.zone,
      providers,
      appointmentTypes: [type],
      closures: draw.closureDay === undefined ? [] : [{ date: dateAt(draw.closureDay) }],
      busy,
      ...(draw.maxSlotsPerDay === undefined ? {} : { limits: { maxSlotsPerDay: draw.maxSlotsPerDay } }),
    };
    const now = fromDay.toMillis() + draw.nowOffsetMinutes * MINUTE;
    return {
      rules,
      query: { appointmentTypeId: 't', from, to: dateAt(draw.rangeDays), now, maxSlots: 200_000 },
    };
  });

/** Random spans may overlap (the engine merges them); keep them as drawn, only sorted. */
function mergeForValidity(spans: TimeSpan[]): TimeSpan[] {
  return [...spans].sort((a, b) => a.start.localeCompare(b.start));
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}

function generated(scenario: Scenario): Slot[] {
  const result = generateSlots(scenario.rules, scenario.query);
  if (!result.ok) return expect.fail(`refused: ${JSON.stringify(result.errors)}`);
  return result.slots;
}

const RUNS = { numRuns: 250 };

describe('properties over random valid documents', () => {
  it('every generated document is valid', () => {
    fc.assert(
      fc.property(scenarioArb, ({ rules }) => {
        const validation = validateRules(rules);
        expect(validation.ok ? [] : validation.errors).toEqual([]);
      }),
      { numRuns: 50 },
    );
  });

  it('the engine gives exactly the slots of the per-slot luxon implementation', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        expect(generated(scenario)).toEqual(baselineSlots(scenario.rules, scenario.query));
      }),
      RUNS,
    );
  });

  it('every slot obeys every rule', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const { rules, query } = scenario;
        const type = rules.appointmentTypes[0]!;
        const slots = generated(scenario);
        const now = query.now as number;
        const perDay = new Map<string, number>();
        slots.forEach((slot, index) => {
          const previous = slots[index - 1];
          if (previous) {
            expect(
              previous.start < slot.start ||
                (previous.start === slot.start && previous.providerId < slot.providerId),
            ).toBe(true);
          }
          const provider = rules.providers.find((p) => p.id === slot.providerId)!;
          const zone = provider.timezone ?? rules.timezone;
          const localDate = DateTime.fromMillis(slot.start, { zone }).toISODate()!;
          expect(slot.end - slot.start).toBe(type.durationMinutes * MINUTE);
          expect(slot.start).toBeGreaterThanOrEqual(now + (type.minNoticeMinutes ?? 0) * MINUTE);
          expect(localDate >= query.from && localDate <= query.to).toBe(true);
          expect(rules.closures!.some((closure) => closure.date === localDate)).toBe(false);
          if (type.maxAdvanceDays !== undefined) {
            const last = DateTime.fromMillis(now, { zone }).plus({ days: type.maxAdvanceDays }).toISODate()!;
            expect(localDate <= last).toBe(true);
          }
          for (const range of provider.timeOff ?? []) {
            expect(Date.parse(range.start) < slot.end && Date.parse(range.end) > slot.start).toBe(false);
          }
          let seatsTaken = 0;
          let bookedThatDay = 0;
          for (const entry of rules.busy!) {
            if (entry.providerId !== slot.providerId) continue;
            const start = Date.parse(entry.start);
            if (
              entry.appointmentTypeId === 't' &&
              DateTime.fromMillis(start, { zone }).toISODate() === localDate
            ) {
              bookedThatDay++;
            }
            const overlaps =
              start < slot.end + (type.bufferAfterMinutes ?? 0) * MINUTE &&
              Date.parse(entry.end) > slot.start - (type.bufferBeforeMinutes ?? 0) * MINUTE;
            if (!overlaps) continue;
            const groupSeat =
              (type.capacity ?? 1) > 1 && entry.appointmentTypeId === 't' && start === slot.start;
            expect(groupSeat).toBe(true);
            seatsTaken += entry.seats ?? 1;
          }
          expect(slot.seatsLeft).toBe((type.capacity ?? 1) - seatsTaken);
          expect(slot.seatsLeft).toBeGreaterThan(0);
          if (type.maxPerDay !== undefined) expect(bookedThatDay).toBeLessThan(type.maxPerDay);
          const key = `${slot.providerId} ${localDate}`;
          perDay.set(key, (perDay.get(key) ?? 0) + 1);
        });
        for (const count of perDay.values())
          expect(count).toBeLessThanOrEqual(rules.limits?.maxSlotsPerDay ?? 288);
      }),
      RUNS,
    );
  });

  it('checkSlot accepts every generated slot and refuses every other instant in the range', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.array(fc.integer({ min: 0, max: 6 * 288 }), { maxLength: 40 }),
        (scenario, probes) => {
          const { rules, query } = scenario;
          const slots = generated(scenario);
          const offered = new Set(slots.map((slot) => `${slot.providerId} ${slot.start}`));
          const check = (providerId: string, start: number) =>
            checkSlot(rules, { appointmentTypeId: 't', providerId, start, now: query.now });
          for (const slot of slots) expect(check(slot.providerId, slot.start)).toEqual({ ok: true });
          const base = DateTime.fromISO(query.from, { zone: 'UTC' }).minus({ days: 1 }).toMillis();
          const instants = [
            ...probes.map((probe) => base + probe * 5 * MINUTE),
            ...slots.flatMap((slot) => [slot.start - MINUTE, slot.start + 5 * MINUTE]),
          ];
          for (const provider of rules.providers) {
            const zone = provider.timezone ?? rules.timezone;
            for (const start of instants) {
              const localDate = DateTime.fromMillis(start, { zone }).toISODate()!;
              if (localDate < query.from || localDate > query.to) continue;
              expect(check(provider.id, start).ok).toBe(offered.has(`${provider.id} ${start}`));
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('a capped query returns the earliest slots of the uncapped one', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer({ min: 1, max: 60 }), (scenario, maxSlots) => {
        const all = generated(scenario);
        const capped = generateSlots(scenario.rules, { ...scenario.query, maxSlots });
        if (!capped.ok) return expect.fail(JSON.stringify(capped.errors));
        expect(capped.slots).toEqual(all.slice(0, maxSlots));
        const queryCut = capped.diagnostics.some((diagnostic) => diagnostic.code === 'QUERY_TRUNCATED');
        expect(queryCut).toBe(all.length > maxSlots);
      }),
      RUNS,
    );
  });

  it('never throws for any query or check, valid document or not', () => {
    fc.assert(
      fc.property(scenarioArb, fc.anything(), fc.anything(), (scenario, query, check) => {
        const result = generateSlots(scenario.rules, query as SlotQuery);
        expect(typeof result.ok).toBe('boolean');
        expect(typeof checkSlot(scenario.rules, check as never).ok).toBe('boolean');
        expect(generateSlots(query, scenario.query).ok).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});
