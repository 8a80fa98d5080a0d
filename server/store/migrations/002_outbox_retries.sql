-- Retried patient messages. A message the first send could not hand to the mail server is tried
-- again with a growing delay, by whichever instance claims it first, until `failed_at` records
-- that it gave up. The manage token a message links to is kept sealed (AES-256-GCM) with the
-- sending instances' MESSAGE_KEY, which never reaches the database: `key_id` names that key, so an
-- instance only claims messages it can open. Sent or given up, the sealed token is erased.
-- Messages recorded before this migration have no key and are never retried.
ALTER TABLE outbox
  ADD COLUMN attempts integer NOT NULL DEFAULT 0,
  ADD COLUMN next_attempt_at timestamptz,
  ADD COLUMN failed_at timestamptz,
  ADD COLUMN last_error text,
  ADD COLUMN key_id text,
  ADD COLUMN sealed_token text;
CREATE INDEX outbox_due ON outbox (key_id, next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
