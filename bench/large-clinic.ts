/**
 * The benchmark's clinic: 30 providers at three locations (two zones), 8 appointment types,
 * two spans a day with a lunch break, 15-minute steps, US holidays closed, a week of time off
 * each, and about four bookings a working day per provider for a year. Deterministic: the same
 * document every run.
 */

import { DateTime } from 'luxon';
import type { AppointmentType, BusyEntry, Provider, RulesDocument, TimeSpan } from '../src/engine/types.ts';

/** A small deterministic generator (LCG), so every run benchmarks the same bookings. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const HOLIDAYS = [
  '2026-11-26',
  '2026-12-25',
  '2027-01-01',
  '2027-01-18',
  '2027-02-15',
  '2027-05-31',
  '2027-07-05',
  '2027-09-06',
  '2027-11-25',
];

export const BENCH_FROM = '2026-11-24';
export const BENCH_TO = '2027-11-24';
export const BENCH_NOW = '2026-11-23T12:00:00Z';

export function largeClinic(): RulesDocument {
  const next = random(20_261_124);
  const providers: Provider[] = [];
  for (let index = 0; index < 30; index++) {
    const id = `p${String(index + 1).padStart(2, '0')}`;
    const morning: TimeSpan = { start: index % 3 === 0 ? '08:00' : '08:30', end: '12:00' };
    const afternoon: TimeSpan = { start: '13:00', end: index % 2 === 0 ? '16:30' : '17:00' };
    const day = [morning, afternoon];
    const weekly: Provider['weekly'] = { mon: day, tue: day, wed: day, thu: day, fri: day };
    if (index % 5 === 0) weekly.sat = [{ start: '09:00', end: '12:00' }];
    const awayFrom = DateTime.fromISO('2027-02-01', { zone: 'UTC' }).plus({ weeks: index % 20 });
    providers.push({
      id,
      name: `Dr. Provider ${index + 1}`,
      locationId: index < 10 ? 'main' : index < 20 ? 'east' : 'lakeside',
      weekly,
      overrides: [{ date: '2026-12-24', hours: [{ start: '09:00', end: '12:00' }] }],
      timeOff: [
        {
          start: `${awayFrom.toISODate()}T00:00:00-05:00`,
          end: `${awayFrom.plus({ days: 7 }).toISODate()}T00:00:00-05:00`,
        },
      ],
    });
  }
  const all = providers.map((provider) => provider.id);
  const half = all.filter((_, index) => index % 2 === 0);
  const type = (
    id: string,
    durationMinutes: number,
    providerIds: string[],
    extra: Partial<AppointmentType> = {},
  ) => ({
    id,
    name: id,
    providerIds,
    durationMinutes,
    stepMinutes: 15,
    ...extra,
  });
  const appointmentTypes: AppointmentType[] = [
    type('follow-up', 15, all, { minNoticeMinutes: 120, maxAdvanceDays: 400 }),
    type('new-patient', 45, all, { bufferAfterMinutes: 10, minNoticeMinutes: 1440, maxPerDay: 4 }),
    type('physical', 60, half, { bufferBeforeMinutes: 5, bufferAfterMinutes: 5 }),
    type('video', 20, all, { mode: 'video' }),
    type('pediatrics', 30, all.slice(0, 8)),
    type('vaccination', 15, all),
    type('diabetes-group', 90, all.slice(20, 24), { capacity: 8 }),
    type('procedure', 120, all.slice(24), { bufferAfterMinutes: 15 }),
  ];
  const busy: BusyEntry[] = [];
  const first = DateTime.fromISO(BENCH_FROM, { zone: 'America/New_York' });
  // Instants in UTC from each day's 08:30 in New York: no day's working hours cross a change of
  // offset, and a UTC instant formats in a fraction of the time a zoned one takes.
  const utcIso = (ms: number) =>
    DateTime.fromMillis(ms, { zone: 'utc' }).toISO({ suppressMilliseconds: true })!;
  for (let day = 0; day < 366; day++) {
    const date = first.plus({ days: day });
    if (date.weekday > 5) continue;
    const opening = date.set({ hour: 8, minute: 30 }).toMillis();
    for (const provider of providers) {
      for (let booking = 0; booking < 4; booking++) {
        const quarter = Math.floor(next() * 28);
        const start = opening + (quarter * 15 + (quarter >= 14 ? 60 : 0)) * 60_000;
        const typeId = appointmentTypes[Math.floor(next() * 4)]!.id;
        const minutes = appointmentTypes.find((candidate) => candidate.id === typeId)!.durationMinutes;
        busy.push({
          providerId: provider.id,
          start: utcIso(start),
          end: utcIso(start + minutes * 60_000),
          appointmentTypeId: typeId,
        });
      }
    }
  }
  return {
    version: 1,
    timezone: 'America/New_York',
    clinic: { name: 'Benchmark Health', phone: '+1 555 0199' },
    locations: [
      { id: 'main', name: 'Main St', timezone: 'America/New_York' },
      { id: 'east', name: 'East Side' },
      { id: 'lakeside', name: 'Lakeside', timezone: 'America/Chicago' },
    ],
    providers,
    appointmentTypes,
    closures: HOLIDAYS.map((date) => ({ date, name: 'Holiday' })),
    busy,
  };
}
