/**
 * A fixed set of engine calls whose results must not depend on the machine's time zone: the peer
 * suites, DST days in many zones, and checkSlot verdicts. Run in-process and in child processes
 * with other `TZ` values by tz-invariance.test.ts.
 */

import { readFileSync } from 'node:fs';
import { checkSlot, generateSlots } from '../../src/engine/index.ts';
import type { RulesDocument, SlotQuery } from '../../src/engine/types.ts';

const DST_DAYS: [zone: string, date: string][] = [
  ['America/New_York', '2026-03-08'],
  ['America/New_York', '2026-11-01'],
  ['Europe/London', '2026-10-25'],
  ['America/Santiago', '2026-09-06'],
  ['America/Santiago', '2026-04-04'],
  ['Australia/Lord_Howe', '2026-10-04'],
  ['Asia/Kathmandu', '2026-11-24'],
  ['Pacific/Chatham', '2026-09-27'],
  ['America/Havana', '2026-11-01'],
  ['America/Havana', '2026-03-08'],
];

function dayClinic(zone: string): RulesDocument {
  const hours = [
    { start: '00:00', end: '03:30' },
    { start: '22:30', end: '24:00' },
  ];
  return {
    version: 1,
    timezone: zone,
    providers: [
      {
        id: 'a',
        name: 'Provider A',
        weekly: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: hours, sun: hours },
      },
    ],
    appointmentTypes: [
      {
        id: 'visit',
        name: 'Visit',
        providerIds: ['a'],
        durationMinutes: 25,
        stepMinutes: 20,
        maxAdvanceDays: 400,
      },
    ],
  };
}

/** Every result as plain JSON. */
export function runProbe(): unknown[] {
  const results: unknown[] = [];
  const peerCases = JSON.parse(
    readFileSync(new URL('../fixtures/peer-suites.json', import.meta.url), 'utf8'),
  ) as { rules: unknown; query: SlotQuery }[];
  for (const peerCase of peerCases) results.push(generateSlots(peerCase.rules, peerCase.query));
  for (const [zone, date] of DST_DAYS) {
    const rules = dayClinic(zone);
    const result = generateSlots(rules, {
      appointmentTypeId: 'visit',
      from: date,
      to: date,
      now: '2026-01-01T00:00:00Z',
    });
    results.push(result);
    if (result.ok && result.slots[1]) {
      const start = result.slots[1].start;
      for (const probe of [start, start + 60_000]) {
        results.push(
          checkSlot(rules, {
            appointmentTypeId: 'visit',
            providerId: 'a',
            start: probe,
            now: '2026-01-01T00:00:00Z',
          }),
        );
      }
    }
  }
  return results;
}
