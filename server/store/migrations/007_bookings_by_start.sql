-- The staff's bookings list reads one clinic's bookings of every status in order of start, a page
-- at a time: by this index, its cost follows the page, not the clinic's history or the table.
CREATE INDEX bookings_by_start ON bookings (clinic_id, start_at, id);
