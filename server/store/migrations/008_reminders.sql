-- Reminders before a visit: an outbox row of kind 'reminder', written with the booking (or its
-- move) and due `REMINDER_HOURS` before the visit. Its first send waits in `next_attempt_at` as any
-- retry does, claimed by an instance with the sealing key, so it outlives restarts. A move or a
-- cancellation drops the booking's pending reminder, by this index.
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check
  CHECK (kind IN ('booked', 'rescheduled', 'cancelled', 'offer', 'reminder'));
CREATE INDEX outbox_pending_reminders ON outbox (clinic_id, booking_id)
  WHERE kind = 'reminder' AND sent_at IS NULL AND failed_at IS NULL;
