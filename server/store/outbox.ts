/** Outbox rows: what is due to be told to a patient (messages/outbox.ts sends and retries them). */
import type { Queryable } from './database.ts';
import { at } from './time.ts';

/** A message row's sending fields: all null on a server that sends no messages. */
export interface SealedMessage {
  /** Until then the row is leased to the instance that wrote it, which sends it at once. */
  nextAttemptAt: number | null;
  /** The outbox key's public name: only instances with that key claim the row. */
  keyId: string | null;
  /** The manage token the message links to, sealed with that key. */
  sealedToken: string | null;
}

/**
 * The `INSERT` of one outbox row, with the SQL of each value (a placeholder such as `$3`, or a
 * literal): so the row can be written alone or inside a booking's statement.
 */
export function insertOutboxRow(
  clinicId: string,
  kind: string,
  bookingId: string,
  createdAt: string,
  nextAttemptAt: string,
  keyId: string,
  sealedToken: string,
): string {
  return `INSERT INTO outbox (clinic_id, kind, booking_id, created_at, next_attempt_at, key_id, sealed_token)
     VALUES (${clinicId}, ${kind}, ${bookingId}, ${at(createdAt)}, ${nextAttemptAt === 'NULL' ? 'NULL' : at(nextAttemptAt)}, ${keyId}, ${sealedToken})`;
}

/** Drops the booking's reminder still waiting to be sent (its time changed, or it was cancelled). */
export async function dropReminders(db: Queryable, clinicId: string, bookingId: string): Promise<void> {
  await db.query(
    `DELETE FROM outbox WHERE clinic_id = $1 AND booking_id = $2 AND kind = 'reminder'
       AND sent_at IS NULL AND failed_at IS NULL`,
    [clinicId, bookingId],
  );
}
