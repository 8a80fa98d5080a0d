-- Visits by when they ended, for the removal of past bookings with their patients' details
-- (`PATIENT_DATA_DAYS`): the hourly removal finds the oldest by this index, not by reading them all.
CREATE INDEX bookings_by_end ON bookings (end_at);
