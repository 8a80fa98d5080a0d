-- The clinic server's first schema. Every row belongs to a clinic; instants are timestamptz.

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE clinics (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name text NOT NULL,
  created_at timestamptz NOT NULL
);

-- Staff members sign in to the admin page. Passwords are Argon2id hashes.
CREATE TABLE staff (
  id text PRIMARY KEY,
  clinic_id text NOT NULL REFERENCES clinics (id),
  email text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'staff')),
  created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX staff_email ON staff (clinic_id, lower(email));

-- A session is found by the SHA-256 of its cookie; the cookie itself is never stored.
CREATE TABLE sessions (
  id_hash text PRIMARY KEY,
  staff_id text NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
  clinic_id text NOT NULL REFERENCES clinics (id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Every save of the rules is a version; the newest is served. `document` is the exact text served.
CREATE TABLE rules_versions (
  clinic_id text NOT NULL REFERENCES clinics (id),
  version integer NOT NULL CHECK (version > 0),
  document text NOT NULL,
  etag text NOT NULL,
  warnings jsonb NOT NULL,
  saved_by text REFERENCES staff (id) ON DELETE SET NULL,
  saved_by_email text,
  saved_at timestamptz NOT NULL,
  note text NOT NULL,
  PRIMARY KEY (clinic_id, version)
);

CREATE TABLE bookings (
  clinic_id text NOT NULL REFERENCES clinics (id),
  id text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  appointment_type_id text NOT NULL,
  provider_id text NOT NULL,
  start_at timestamptz NOT NULL,
  end_at timestamptz NOT NULL CHECK (end_at > start_at),
  seats integer NOT NULL DEFAULT 1 CHECK (seats > 0),
  -- A seat of a group visit (the type's capacity above 1 when booked): it shares its time.
  group_seat boolean NOT NULL,
  status text NOT NULL CHECK (status IN ('confirmed', 'cancelled')),
  mode text NOT NULL CHECK (mode IN ('in-person', 'video')),
  location_id text,
  patient jsonb NOT NULL,
  rules_version integer NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (clinic_id, id),
  -- The last line of defence under the booking step's lock: two confirmed single-seat bookings of
  -- one provider never overlap, whatever the application does.
  CONSTRAINT bookings_no_overlap EXCLUDE USING gist (
    clinic_id WITH =, provider_id WITH =, tstzrange(start_at, end_at) WITH &&
  ) WHERE (status = 'confirmed' AND NOT group_seat)
);
-- Busy time by window, and the booking step's neighbours of one provider-day.
CREATE INDEX bookings_by_time ON bookings (clinic_id, start_at) WHERE status = 'confirmed';
CREATE INDEX bookings_by_provider ON bookings (clinic_id, provider_id, start_at) WHERE status = 'confirmed';

-- The first answer to an Idempotency-Key. The key is stored as its SHA-256, and a manage token in
-- the answer is encrypted with a key derived from the idempotency key: only the client that holds
-- the key can have the answer replayed.
CREATE TABLE idempotency (
  clinic_id text NOT NULL REFERENCES clinics (id),
  key_hash text NOT NULL,
  fingerprint text NOT NULL,
  status integer NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (clinic_id, key_hash)
);
CREATE INDEX idempotency_age ON idempotency (created_at);

-- What the server has to tell patients (booked, moved, cancelled). No token, no patient data:
-- the message transport reads the booking when it sends.
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  clinic_id text NOT NULL REFERENCES clinics (id),
  kind text NOT NULL CHECK (kind IN ('booked', 'rescheduled', 'cancelled')),
  booking_id text NOT NULL,
  created_at timestamptz NOT NULL,
  sent_at timestamptz
);
