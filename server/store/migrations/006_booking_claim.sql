-- The booking step's first round trip: one call that claims the Idempotency-Key, and unless the
-- key already has an answer, reads the current rules version, locks the provider and reads that
-- provider's confirmed bookings near the start. The locks are the same advisory locks the other
-- booking changes take (same keys), held until the transaction ends.
--
-- A function rather than one plain statement because of snapshots: a statement reads with the
-- snapshot taken when it began, so a read in the statement that waited for a lock would miss the
-- booking the lock's previous holder committed meanwhile. A VOLATILE function takes a fresh
-- snapshot for each statement it runs (under READ COMMITTED, the default), so each read below sees
-- everything committed before its lock was granted.
--
-- Instants are epoch milliseconds (float8) in and out, as everywhere in the store.
CREATE FUNCTION booking_claim(
  clinic text,
  claimed_key text,
  answers_after float8,
  provider text,
  near_from float8,
  near_to float8
) RETURNS jsonb
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  prior jsonb;
  stamp jsonb;
  booked jsonb;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('idempotency/' || clinic || '/' || claimed_key, 0));
  SELECT jsonb_build_object('fingerprint', i.fingerprint, 'status', i.status, 'body', i.body) INTO prior
    FROM idempotency i
   WHERE i.clinic_id = clinic AND i.key_hash = claimed_key
     AND i.created_at > to_timestamp(answers_after / 1000);
  IF prior IS NOT NULL THEN
    RETURN jsonb_build_object('prior', prior);
  END IF;
  SELECT jsonb_build_object('version', r.version, 'etag', r.etag) INTO stamp
    FROM rules_versions r WHERE r.clinic_id = clinic ORDER BY r.version DESC LIMIT 1;
  PERFORM pg_advisory_xact_lock(hashtextextended('provider/' || clinic || '/' || provider, 0));
  -- No booking is longer than a day (the engine's duration limit), which bounds the index scan.
  SELECT coalesce(jsonb_agg(jsonb_build_object(
           'providerId', b.provider_id, 'appointmentTypeId', b.appointment_type_id,
           'start', round(extract(epoch FROM b.start_at) * 1000)::float8,
           'end', round(extract(epoch FROM b.end_at) * 1000)::float8,
           'seats', b.seats) ORDER BY b.start_at), '[]'::jsonb) INTO booked
    FROM bookings b
   WHERE b.clinic_id = clinic AND b.status = 'confirmed' AND b.provider_id = provider
     AND b.start_at >= to_timestamp((near_from - 86400000) / 1000)
     AND b.start_at < to_timestamp(near_to / 1000)
     AND b.end_at > to_timestamp(near_from / 1000);
  RETURN jsonb_build_object('stamp', stamp, 'booked', booked);
END
$$;
