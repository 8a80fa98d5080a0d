/**
 * A one-time import of the old demo's JSON store (`bookings.json`: bookings, idempotency records,
 * saved rules, outbox) into the database, in one transaction, on first start. Manage tokens keep
 * working (their SHA-256 is what both stores keep). Nothing is dropped: plaintext tokens in the old
 * idempotency records are sealed as new records are, and the outbox keeps its messages without
 * their tokens. The file is renamed afterwards, so the import runs once.
 */

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { sealBody } from '../booking/idempotency.ts';
import { etagOf } from '../rules/catalog.ts';
import { insertBooking, type StoredBooking } from './bookings.ts';
import type { Database } from './database.ts';
import { saveIdempotencyRecord } from './idempotency.ts';
import { findRulesVersion, insertRulesVersion, lockRules } from './rules.ts';
import { at } from './time.ts';

interface LegacyBooking extends Omit<StoredBooking, 'seats' | 'groupSeat' | 'rulesVersion'> {
  tokenHash: string;
}

interface LegacyStore {
  version: 1;
  bookings: LegacyBooking[];
  idempotency: { key: string; fingerprint: string; status: number; body: unknown; at: number }[];
  savedRules: unknown | null;
  outbox: { kind: 'booked' | 'rescheduled' | 'cancelled'; bookingId: string; at: number }[];
}

export interface ImportReport {
  bookings: number;
  idempotency: number;
  outbox: number;
  rulesImported: boolean;
  /** Bookings that overlap another confirmed one in the old store (kept; staff should look). */
  overlapping: string[];
  movedTo: string;
}

export async function importJsonStore(
  db: Database,
  clinicId: string,
  file: string,
  now: number,
): Promise<ImportReport | null> {
  if (!existsSync(file)) return null;
  const data = JSON.parse(readFileSync(file, 'utf8')) as LegacyStore;
  if (data.version !== 1 || !Array.isArray(data.bookings))
    throw new Error(`${file} is not the old JSON bookings store.`);
  const report = await db.transaction(async (tx) => {
    const existing = await tx.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM bookings WHERE clinic_id = $1',
      [clinicId],
    );
    if ((existing[0]?.n ?? 0) > 0)
      throw new Error(`The clinic "${clinicId}" already has bookings; ${file} was not imported.`);
    await lockRules(tx, clinicId);
    let rulesImported = false;
    if (data.savedRules) {
      const text = JSON.stringify(data.savedRules);
      await insertRulesVersion(tx, clinicId, {
        document: text,
        etag: etagOf(text),
        warnings: [],
        savedBy: null,
        note: 'imported from the JSON store',
        now,
      });
      rulesImported = true;
    }
    const current = await findRulesVersion(tx, clinicId, 'current');
    const capacities = new Map<string, number>();
    try {
      for (const type of JSON.parse(current?.document ?? '{}').appointmentTypes ?? [])
        capacities.set(type.id, type.capacity ?? 1);
    } catch {
      // Unreadable rules: every booking is imported as a single seat.
    }
    const overlapping: string[] = [];
    for (const old of data.bookings) {
      const { tokenHash, ...rest } = old;
      const booking: StoredBooking = {
        ...rest,
        seats: 1,
        groupSeat: (capacities.get(old.appointmentTypeId) ?? 1) > 1,
        rulesVersion: current?.version ?? 0,
      };
      await tx.query('SAVEPOINT import_booking');
      try {
        await insertBooking(tx, clinicId, booking, tokenHash);
        await tx.query('RELEASE SAVEPOINT import_booking');
      } catch (error) {
        if ((error as { code?: string }).code !== '23P01') throw error;
        // The old store let two bookings take one seat; both are kept, the second as a shared seat.
        await tx.query('ROLLBACK TO SAVEPOINT import_booking');
        await insertBooking(tx, clinicId, { ...booking, groupSeat: true }, tokenHash);
        overlapping.push(booking.id);
      }
    }
    for (const record of data.idempotency ?? []) {
      const keyHash = createHash('sha256').update(record.key).digest('base64url');
      const body = JSON.stringify(sealBody(record.body as Record<string, unknown>, record.key));
      await saveIdempotencyRecord(
        tx,
        clinicId,
        keyHash,
        { fingerprint: record.fingerprint, status: record.status, body },
        record.at,
      );
    }
    for (const message of data.outbox ?? []) {
      await tx.query(
        `INSERT INTO outbox (clinic_id, kind, booking_id, created_at, sent_at) VALUES ($1, $2, $3, ${at('$4')}, ${at('$4')})`,
        [clinicId, message.kind, message.bookingId, message.at],
      );
    }
    return {
      bookings: data.bookings.length,
      idempotency: data.idempotency?.length ?? 0,
      outbox: data.outbox?.length ?? 0,
      rulesImported,
      overlapping,
    };
  });
  const movedTo = `${file}.imported-${now}`;
  renameSync(file, movedTo);
  return { ...report, movedTo };
}
