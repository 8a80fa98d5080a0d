-- At most one reminder waiting per booking, kept by the database: the reminders written for the
-- bookings made before reminders were on (messages/outbox.ts, `remindEarlierBookings`) may be
-- written by two instances at once, and the second finds the first's row here and writes none.
DROP INDEX outbox_pending_reminders;
CREATE UNIQUE INDEX outbox_pending_reminders ON outbox (clinic_id, booking_id)
  WHERE kind = 'reminder' AND sent_at IS NULL AND failed_at IS NULL;
