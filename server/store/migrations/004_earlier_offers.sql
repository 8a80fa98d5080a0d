-- Earlier-slot offers. A patient who opts in at booking (`offer_earlier`) is offered a time that
-- frees up before theirs: of their provider, or of any provider of the type when they booked
-- "any provider". An offer is found by the SHA-256 of its token (the link's fragment holds the
-- token itself); whether it is still good (the time free and ahead, the booking unchanged) is
-- checked when it is opened and when it is accepted, so no job has to expire it.

ALTER TABLE bookings ADD COLUMN offer_earlier text CHECK (offer_earlier IN ('same-provider', 'any-provider'));

-- The opted-in bookings of a type, in order of booking: whom a freed time is offered to.
CREATE INDEX bookings_offer_earlier ON bookings (clinic_id, appointment_type_id, created_at)
  WHERE status = 'confirmed' AND offer_earlier IS NOT NULL;

CREATE TABLE earlier_offers (
  clinic_id text NOT NULL REFERENCES clinics (id),
  id text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  booking_id text NOT NULL,
  provider_id text NOT NULL,
  start_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'accepted')),
  created_at timestamptz NOT NULL,
  accepted_at timestamptz,
  PRIMARY KEY (clinic_id, id),
  -- No foreign key to bookings (a booking removed after PATIENT_DATA_DAYS takes its offers with
  -- it, store/retention.ts): the key's check would take a share lock on
  -- the offered booking's row, and an accept that offers its old time on, under the provider
  -- locks, would then wait for a patient whose reschedule holds that row and waits for the locks.
  -- One offer of one time to one booking, however often that time frees up.
  UNIQUE (clinic_id, booking_id, provider_id, start_at)
);

ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('booked', 'rescheduled', 'cancelled', 'offer'));
