/**
 * How long patients' details stay: with `PATIENT_DATA_DAYS` set, a booking whose visit ended that
 * many days ago is removed, its patient's name, birth date, contacts and intake answers with it,
 * together with its messages' rows and its earlier-time offers. The clinic's records live in its
 * own system; this store keeps what scheduling needs. Any instance may run it, a batch at a time,
 * so no removal holds many rows locked.
 */
import type { Queryable } from './database.ts';
import { at } from './time.ts';

/** Bookings removed per statement. */
export const REMOVAL_BATCH = 500;

/** Removes the bookings whose visit ended before `cutoff`, in batches; how many it removed. */
export async function removePastBookings(db: Queryable, cutoff: number): Promise<number> {
  let removed = 0;
  for (;;) {
    const rows = await db.query<{ clinicId: string; id: string }>(
      `WITH gone AS (
         DELETE FROM bookings WHERE (clinic_id, id) IN (
           SELECT clinic_id, id FROM bookings WHERE end_at < ${at('$1')} ORDER BY end_at LIMIT $2)
         RETURNING clinic_id, id),
       messages AS (DELETE FROM outbox o USING gone WHERE o.clinic_id = gone.clinic_id AND o.booking_id = gone.id),
       offers AS (DELETE FROM earlier_offers e USING gone WHERE e.clinic_id = gone.clinic_id AND e.booking_id = gone.id)
       SELECT clinic_id AS "clinicId", id FROM gone`,
      [cutoff, REMOVAL_BATCH],
    );
    removed += rows.length;
    if (rows.length < REMOVAL_BATCH) return removed;
  }
}
