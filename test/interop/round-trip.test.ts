/**
 * Import a FHIR export, publish it, and compare with the engine: every published free slot is a
 * slot the widget offers for the same query (same type, provider, days and now), with the same
 * seats, and none is missing.
 */
import { readFileSync } from 'node:fs';
import type { Schedule as FhirSchedule, Slot as FhirSlot } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import { fhirExportOf } from '../../bench/fhir-clinic.ts';
import { BENCH_NOW, largeClinic } from '../../bench/large-clinic.ts';
import { importFhir } from '../../interop/import-fhir.ts';
import { publishSmart, SMART_EXTENSIONS } from '../../interop/publish-smart.ts';
import { generateSlots, type RulesDocument } from '../../src/engine/index.ts';
import { linkChoice } from '../../src/widget/link.ts';
import { ndjsonLines } from '../support/fhir-schema.ts';

const DAYS = 28;

/** Published free slots as `start seats`, by `type provider`. */
function publishedFree(files: Record<string, string>): Map<string, string[]> {
  const schedules = new Map<string, string>();
  for (const schedule of ndjsonLines(files['schedules.ndjson']!) as FhirSchedule[]) {
    const link = schedule.extension?.find(
      (extension) => extension.url === SMART_EXTENSIONS.bookingDeepLink,
    )?.valueUrl;
    const choice = linkChoice(new URL(link!).hash);
    schedules.set(`Schedule/${schedule.id}`, `${choice.appointmentTypeId} ${choice.providerId}`);
  }
  const free = new Map<string, string[]>([...schedules.values()].map((key) => [key, []]));
  for (const path of Object.keys(files).filter((name) => name.startsWith('slots-'))) {
    for (const slot of ndjsonLines(files[path]!) as FhirSlot[]) {
      if (slot.status !== 'free') continue;
      const seats = slot.extension?.find(
        (extension) => extension.url === SMART_EXTENSIONS.slotCapacity,
      )?.valueInteger;
      free.get(schedules.get(slot.schedule.reference!)!)!.push(`${Date.parse(slot.start)} ${seats}`);
    }
  }
  return free;
}

/** The widget's slots for the same queries, in the same form. */
function offered(rules: RulesDocument, from: string, to: string, now: string): Map<string, string[]> {
  const slots = new Map<string, string[]>();
  for (const type of rules.appointmentTypes) {
    for (const providerId of type.providerIds) {
      const result = generateSlots(rules, {
        appointmentTypeId: type.id,
        providerId,
        from,
        to,
        now,
        maxSlots: 200_000,
      });
      if (!result.ok) throw new Error(result.errors[0]!.message);
      slots.set(
        `${type.id} ${providerId}`,
        result.slots.map((slot) => `${slot.start} ${slot.seatsLeft}`),
      );
    }
  }
  return slots;
}

function roundTrip(bundle: string, mapping: unknown, now: string, from: string, to: string) {
  const imported = importFhir(bundle, mapping, { now });
  if (!imported.ok) throw new Error(imported.error.message);
  expect(imported.validation.errors).toEqual([]);
  const published = publishSmart(imported.rules, imported.busy, {
    baseUrl: 'https://clinic.example/smart',
    now,
    days: DAYS,
  });
  if (!published.ok) throw new Error(published.error.message);
  const document = { ...imported.rules, busy: imported.busy };
  return {
    imported,
    published,
    free: publishedFree(published.files),
    offered: offered(document, from, to, now),
  };
}

describe('round trip: FHIR in, SMART Scheduling Links out, the widget agrees', () => {
  it('the Riverside R4 export: every free slot is offered by the engine and none is missing', () => {
    const fixture = (name: string) =>
      readFileSync(new URL(`../fixtures/fhir/${name}`, import.meta.url), 'utf8');
    const { free, offered: engine } = roundTrip(
      fixture('riverside-r4-bundle.json'),
      JSON.parse(fixture('riverside-mapping.json')),
      '2026-11-23T12:00:00Z',
      '2026-11-23',
      '2026-12-20',
    );
    expect(free).toEqual(engine);
    expect(free.get('gp dr-adam')).toHaveLength(225);
  });

  it('the 30-provider benchmark clinic: every free slot of four weeks, for all 8 types, matches', () => {
    const rules = largeClinic();
    const { bundle, mapping } = fhirExportOf(rules);
    const {
      imported,
      free,
      offered: engine,
    } = roundTrip(JSON.stringify(bundle), mapping, BENCH_NOW, '2026-11-23', '2026-12-20');
    expect(free).toEqual(engine);
    expect([...free.values()].reduce((sum, list) => sum + list.length, 0)).toBe(49_863);
    // What the export could say came back as it was: hours, time off, holidays and bookings.
    const original = new Map(rules.providers.map((provider) => [provider.id, provider]));
    for (const provider of imported.rules.providers) {
      expect(provider.weekly).toEqual(original.get(provider.id)!.weekly);
      expect(provider.timeOff?.map((off) => [Date.parse(off.start), Date.parse(off.end)])).toEqual(
        original.get(provider.id)!.timeOff!.map((off) => [Date.parse(off.start), Date.parse(off.end)]),
      );
    }
    // The generator books some quarter hours twice (one busy entry each), and its last day's
    // bookings start past the import's 366-day horizon (they are counted, not imported).
    const horizon = Date.parse(BENCH_NOW) + 366 * 86_400_000;
    const within = rules.busy!.filter((busy) => Date.parse(busy.start) < horizon);
    const distinct = new Set(within.map((busy) => `${busy.providerId} ${busy.start} ${busy.end}`));
    expect(imported.busy.length).toBe(distinct.size);
    expect(imported.skipped.map((skip) => [skip.reason, skip.count])).toEqual([
      ['duplicate', within.length - distinct.size],
      ['beyond-horizon', rules.busy!.length - within.length],
    ]);
  }, 60_000);
});
