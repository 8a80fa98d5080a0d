-- A move by the clinic (staff, for the patient) is its own kind of message, so the email sent, or
-- sent again by a retry, says the clinic moved the visit rather than the patient.
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check
  CHECK (kind IN ('booked', 'rescheduled', 'cancelled', 'clinic-cancelled', 'clinic-moved', 'offer', 'reminder'));
