/**
 * The clinics the server benchmarks run on (`bench:server`, `bench:backup`): the sample clinic and
 * the 30-provider benchmark clinic with its year of bookings as rows of the bookings table.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { seedDocument } from '../server/rules/seed.ts';
import { createClinic } from '../server/store/clinics.ts';
import type { Database } from '../server/store/database.ts';
import { migrate } from '../server/store/migrate.ts';
import { at } from '../server/store/time.ts';
import type { RulesDocument } from '../src/engine/index.ts';
import { largeClinic } from './large-clinic.ts';

const root = resolve(import.meta.dirname, '..');

export interface Clinic {
  id: string;
  label: string;
  rules: RulesDocument;
  /** The type whose slots the booking runs take. */
  typeId: string;
  /** Bookings to load into the table before the runs. */
  bookings: { providerId: string; appointmentTypeId: string; start: number; end: number }[];
}

export function clinics(): Clinic[] {
  const sample = JSON.parse(readFileSync(join(root, 'public/sample-clinic.json'), 'utf8')) as RulesDocument;
  const { busy, ...large } = largeClinic();
  // The benchmark clinic's year of bookings, as rows (one provider's bookings never overlap:
  // the table's exclusion constraint would refuse them).
  const rows: Clinic['bookings'] = [];
  const lastEnd = new Map<string, number>();
  const sorted = (busy ?? [])
    .map((entry) => ({
      providerId: entry.providerId,
      appointmentTypeId: entry.appointmentTypeId ?? 'follow-up',
      start: Date.parse(entry.start),
      end: Date.parse(entry.end),
    }))
    .sort((a, b) => a.providerId.localeCompare(b.providerId) || a.start - b.start);
  for (const row of sorted) {
    if ((lastEnd.get(row.providerId) ?? 0) > row.start) continue;
    rows.push(row);
    lastEnd.set(row.providerId, row.end);
  }
  return [
    { id: 'bench-sample', label: 'sample clinic', rules: sample, typeId: 'follow-up', bookings: [] },
    {
      id: 'bench-large',
      label: '30-provider clinic',
      rules: large as RulesDocument,
      typeId: 'follow-up',
      bookings: rows,
    },
  ];
}

/** Every benchmark booking's patient, loaded and booked alike. */
export const PATIENT = {
  name: 'Benchmark Patient',
  dateOfBirth: '1980-01-01',
  email: 'bench@example.com',
  phone: '+1 555 0100',
  patientStatus: 'existing',
  consent: true,
};

async function loadBookings(db: Database, clinic: Clinic): Promise<void> {
  const patient = JSON.stringify(PATIENT);
  const now = Date.now();
  for (let first = 0; first < clinic.bookings.length; first += 1_000) {
    const batch = clinic.bookings.slice(first, first + 1_000);
    const values: string[] = [];
    const params: unknown[] = [clinic.id, patient, now];
    for (const row of batch) {
      const n = params.length;
      params.push(
        `bk_bench_${randomBytes(9).toString('base64url')}`,
        randomBytes(32).toString('base64url'),
        row.appointmentTypeId,
        row.providerId,
        row.start,
        row.end,
        row.appointmentTypeId === 'video' ? 'video' : 'in-person',
      );
      values.push(
        `($1, $${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, ${at(`$${n + 5}`)}, ${at(`$${n + 6}`)}, 1, false, 'confirmed', $${n + 7}, NULL, $2::jsonb, 1, ${at('$3')}, ${at('$3')})`,
      );
    }
    await db.query(
      `INSERT INTO bookings (clinic_id, id, token_hash, appointment_type_id, provider_id, start_at, end_at, seats,
         group_seat, status, mode, location_id, patient, rules_version, created_at, updated_at)
       VALUES ${values.join(', ')}`,
      params,
    );
  }
}

export async function seed(db: Database, list: Clinic[]): Promise<void> {
  await migrate(db);
  for (const clinic of list) {
    await createClinic(db, clinic.id, clinic.label, Date.now());
    await seedDocument(db, clinic.id, clinic.rules, Date.now(), 'benchmark');
    await loadBookings(db, clinic);
  }
}
