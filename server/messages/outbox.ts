/**
 * The outbox: every patient message is a row, written in the booking's own transaction, and sent
 * after the commit. A send that fails is tried again later with a growing delay, up to
 * `maxAttempts` sends in all, after which the row records that it gave up (`failed_at`) and the
 * error's code (never its text: a mail server's refusal may quote the patient's address).
 *
 * Any instance may retry any message it can open: rows are claimed with `FOR UPDATE SKIP LOCKED`
 * and a lease (`next_attempt_at` moved past the send), so two instances never send one message at
 * once, and a message whose instance died mid-send is taken up again when its lease runs out. A
 * fresh row starts leased to the instance that wrote it, which sends it at once.
 *
 * A message links to the patient's booking with its manage token, which the database never holds
 * in the clear: the row keeps it sealed (AES-256-GCM) with the outbox key (`MESSAGE_KEY`, the same
 * on every instance; without it each process has a random key of its own, and only it can retry
 * its messages). The sealed token is erased once the message is sent or given up.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { RulesCatalog } from '../rules/catalog.ts';
import { findBookingById, type StoredBooking } from '../store/bookings.ts';
import type { Queryable } from '../store/database.ts';
import { dropReminders, insertOutboxRow, type SealedMessage } from '../store/outbox.ts';
import { at, ms } from '../store/time.ts';
import type { MessageTransport, PatientMessage } from './transport.ts';

export interface OutboxSettings {
  /** Sends of one message in all, the first included. Default 6. */
  maxAttempts: number;
  /** The wait after the first failed send; it doubles after each further failure. Default 60 s. */
  retryDelayMs: number;
  /** How long a claimed message is left to the instance sending it. Default 60 s. */
  leaseMs: number;
  /** How often each instance looks for messages due again. Default 15 s. */
  pollMs: number;
  /** Messages claimed per look. Default 20. */
  batch: number;
  /** How long before a visit its reminder is sent (`REMINDER_HOURS`); null: no reminders. */
  reminderLeadMs: number | null;
  /**
   * Whether this server writes the reminders of bookings made before reminders were on
   * (`remindEarlierBookings`, at start and hourly). Default true; the tests' servers, which share
   * one database between test files, leave it to the tests that check it.
   */
  remindEarlierBookings: boolean;
}

export const OUTBOX_DEFAULTS: OutboxSettings = {
  maxAttempts: 6,
  retryDelayMs: 60_000,
  leaseMs: 60_000,
  pollMs: 15_000,
  batch: 20,
  reminderLeadMs: null,
  remindEarlierBookings: true,
};

/**
 * A booking made or moved this close to its reminder's time gets none: its confirmation, just
 * sent, already says everything the reminder would.
 */
export const REMINDER_MIN_WAIT_MS = 3_600_000;

/** When the reminder of a visit at `start` is due, or null when it gets none. */
export function reminderDue(
  settings: Pick<OutboxSettings, 'reminderLeadMs'>,
  start: number,
  now: number,
): number | null {
  if (settings.reminderLeadMs === null) return null;
  const due = start - settings.reminderLeadMs;
  return due - now >= REMINDER_MIN_WAIT_MS ? due : null;
}

/** The key that seals the manage tokens of messages waiting to be sent, and its public name. */
export interface OutboxKey {
  /** 32 bytes for AES-256-GCM. */
  secret: Buffer;
  /** A digest of the key, stored with each row: instances only claim rows of their key. */
  id: string;
}

/** The outbox key from `MESSAGE_KEY`, or (absent) a random one for this process alone. */
export function outboxKey(passphrase: string | undefined): OutboxKey {
  const secret = passphrase
    ? createHash('sha256').update('clinic-scheduler/outbox\n').update(passphrase).digest()
    : randomBytes(32);
  return { secret, id: createHash('sha256').update(secret).digest('base64url').slice(0, 22) };
}

export function sealToken(token: string, key: OutboxKey): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.secret, iv);
  const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

export function openToken(sealed: string, key: OutboxKey): string {
  const bytes = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key.secret, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
}

/** The wait before send number `attempts + 1`, after `attempts` failed sends. */
export function retryDelay(attempts: number, settings: Pick<OutboxSettings, 'retryDelayMs'>): number {
  return settings.retryDelayMs * 2 ** Math.min(Math.max(attempts - 1, 0), 20);
}

/** What is recorded of a failed send: a code, never the error's text. */
export function errorCode(error: unknown): string {
  const { code, responseCode, name } = (error ?? {}) as {
    code?: unknown;
    responseCode?: unknown;
    name?: unknown;
  };
  const label = typeof code === 'string' && /^[A-Z_]{1,40}$/.test(code) ? code : String(name ?? 'Error');
  return typeof responseCode === 'number' ? `${label} ${responseCode}` : label.slice(0, 60);
}

/** A message's sending fields: leased to this instance for its first send, its token sealed. */
export function sealedMessage(
  key: OutboxKey,
  settings: Pick<OutboxSettings, 'leaseMs'>,
  manageToken: string,
  now: number,
): SealedMessage {
  return { nextAttemptAt: now + settings.leaseMs, keyId: key.id, sealedToken: sealToken(manageToken, key) };
}

/** Records a message in `tx` (the booking's transaction), leased to this instance for its first send. */
export async function addToOutbox(
  tx: Queryable,
  key: OutboxKey,
  settings: Pick<OutboxSettings, 'leaseMs'>,
  message: Pick<PatientMessage, 'clinicId' | 'kind' | 'manageToken'> & { bookingId: string; now: number },
): Promise<string> {
  const sealed = sealedMessage(key, settings, message.manageToken, message.now);
  const [row] = await tx.query<{ id: string }>(
    `${insertOutboxRow('$1', '$2', '$3', '$4', '$5', '$6', '$7')} RETURNING id::text AS id`,
    [
      message.clinicId,
      message.kind,
      message.bookingId,
      message.now,
      sealed.nextAttemptAt,
      sealed.keyId,
      sealed.sealedToken,
    ],
  );
  return row?.id ?? '';
}

/**
 * Replaces the booking's pending reminder (a move, a cancellation) with one for its time now, if
 * it gets one: in `tx`, the change's own transaction. The pending one goes even when reminders are
 * off now: one written before the setting changed would tell of the old time.
 */
export async function replaceReminder(
  tx: Queryable,
  sealing: { key: OutboxKey; settings: Pick<OutboxSettings, 'reminderLeadMs'> } | null,
  booking: { clinicId: string; id: string; start: number; status: 'confirmed' | 'cancelled' },
  manageToken: string,
  now: number,
): Promise<void> {
  const due =
    sealing && booking.status === 'confirmed' ? reminderDue(sealing.settings, booking.start, now) : null;
  // Without the token (the clinic moved the visit), the reminder waiting keeps the one sealed in it,
  // so the patient's reminder still links to the booking: only its time changes.
  if (due !== null && manageToken === '' && (await moveReminder(tx, booking, due, now))) return;
  await dropReminders(tx, booking.clinicId, booking.id);
  if (due === null || !sealing) return;
  await tx.query(insertOutboxRow('$1', "'reminder'", '$2', '$3', '$4', '$5', '$6'), [
    booking.clinicId,
    booking.id,
    now,
    due,
    sealing.key.id,
    sealToken(manageToken, sealing.key),
  ]);
}

/**
 * Writes the booking's waiting reminder again, due at `due`, with the token sealed in it; whether
 * it had one. A new row, as for any move: an instance that claimed the old one finds it gone.
 */
async function moveReminder(
  tx: Queryable,
  booking: { clinicId: string; id: string },
  due: number,
  now: number,
): Promise<boolean> {
  const [old] = await tx.query<{ keyId: string; sealedToken: string }>(
    `DELETE FROM outbox WHERE clinic_id = $1 AND booking_id = $2 AND kind = 'reminder'
       AND sent_at IS NULL AND failed_at IS NULL
     RETURNING key_id AS "keyId", sealed_token AS "sealedToken"`,
    [booking.clinicId, booking.id],
  );
  if (!old) return false;
  await tx.query(insertOutboxRow('$1', "'reminder'", '$2', '$3', '$4', '$5', '$6'), [
    booking.clinicId,
    booking.id,
    now,
    due,
    old.keyId,
    old.sealedToken,
  ]);
  return true;
}

/** Bookings given a reminder per statement by `remindEarlierBookings`. */
export const EARLIER_BOOKINGS_BATCH = 500;

/**
 * Reminders for the confirmed bookings that never had one and whose reminder time is still an
 * hour or more ahead: those made while reminders were off, or brought in by the old store's
 * import. A booking made with reminders on has its reminder from its own statement, or none
 * because its time was too near (and then its reminder time is past this hour). Their manage
 * tokens are stored only as hashes, so these reminders carry none: the message asks the patient
 * to contact the clinic instead of linking to the booking. Any instance may run it; two at once
 * write one reminder per booking (migration 010's unique index). Every clinic's bookings, or
 * `clinicId`'s only. How many it wrote.
 */
export async function remindEarlierBookings(
  db: Queryable,
  sealing: { key: OutboxKey; settings: Pick<OutboxSettings, 'reminderLeadMs'> },
  now: number,
  clinicId: string | null = null,
): Promise<number> {
  const lead = sealing.settings.reminderLeadMs;
  if (lead === null) return 0;
  let written = 0;
  for (;;) {
    const rows = await db.query(
      `WITH unreminded AS (
         SELECT b.clinic_id, b.id, b.start_at FROM bookings b
          WHERE b.status = 'confirmed' AND b.start_at >= ${at('$2')} AND ($7::text IS NULL OR b.clinic_id = $7)
            AND NOT EXISTS (SELECT 1 FROM outbox o
                             WHERE o.clinic_id = b.clinic_id AND o.booking_id = b.id AND o.kind = 'reminder')
          ORDER BY b.start_at LIMIT $6)
       INSERT INTO outbox (clinic_id, kind, booking_id, created_at, next_attempt_at, key_id, sealed_token)
       SELECT clinic_id, 'reminder', id, ${at('$1')}, start_at - make_interval(secs => $3::float8 / 1000), $4, $5
         FROM unreminded
       ON CONFLICT (clinic_id, booking_id) WHERE kind = 'reminder' AND sent_at IS NULL AND failed_at IS NULL
         DO NOTHING
       RETURNING 1`,
      [
        now,
        now + lead + REMINDER_MIN_WAIT_MS,
        lead,
        sealing.key.id,
        sealToken('', sealing.key),
        EARLIER_BOOKINGS_BATCH,
        clinicId,
      ],
    );
    written += rows.length;
    // A batch of fewer (some taken by another instance meanwhile) may still leave some: the next run has them.
    if (rows.length < EARLIER_BOOKINGS_BATCH) return written;
  }
}

/**
 * Throws, naming why, unless a reminder written at `createdAt` still tells of `booking`: a visit
 * to come that has not changed since. A move or a cancellation drops the booking's reminder in its
 * own transaction; this catches the one an instance had claimed at that moment.
 */
function stillToRemind(booking: StoredBooking, createdAt: number, now: number): void {
  if (booking.status !== 'confirmed' || booking.start <= now)
    throw Object.assign(new Error('visit not ahead'), { code: 'NOT_AHEAD' });
  if (booking.updatedAt > createdAt) throw Object.assign(new Error('booking changed'), { code: 'STALE' });
}

export interface OutboxLog {
  error(details: Record<string, unknown>, text: string): void;
}

/** Sends messages, records how each send went, and retries those that are due. */
export class Outbox {
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly db: Queryable,
    private readonly transport: MessageTransport,
    private readonly catalog: RulesCatalog,
    private readonly now: () => number,
    readonly key: OutboxKey,
    readonly settings: OutboxSettings,
    private readonly log: OutboxLog,
  ) {}

  /** Sends messages just committed (each with its row's id), without holding up the answer. */
  deliver(messages: PatientMessage[]): void {
    this.track(
      (async () => {
        for (const message of messages) await this.attempt(message.outboxId ?? '', message, 0);
      })(),
    );
  }

  /** Claims the messages due again (up to a batch) and sends them; resolves with how many it tried. */
  retryDue(): Promise<number> {
    return this.track(this.retryBatch());
  }

  /** Looks for messages due again every `pollMs`, until `stop`. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      void this.retryDue().catch((error) =>
        this.log.error({ err: { name: (error as Error)?.name } }, 'the outbox could not be read'),
      );
    }, this.settings.pollMs);
    this.timer.unref();
  }

  /** Resolves when the sends under way have finished and been recorded. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  /** Stops looking and waits for the sends under way (each bounded by the transport's timeouts). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.settled();
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    void work.then(
      () => this.running.delete(work),
      () => this.running.delete(work),
    );
    return work;
  }

  private async retryBatch(): Promise<number> {
    const now = this.now();
    const claimed = await this.db.query<{
      id: string;
      clinicId: string;
      kind: PatientMessage['kind'];
      bookingId: string;
      attempts: number;
      sealedToken: string;
      createdAt: number;
    }>(
      `UPDATE outbox SET next_attempt_at = ${at('$3')}
        WHERE id IN (SELECT id FROM outbox
                      WHERE key_id = $1 AND sent_at IS NULL AND failed_at IS NULL
                        AND next_attempt_at <= ${at('$2')}
                      ORDER BY next_attempt_at LIMIT $4 FOR UPDATE SKIP LOCKED)
        RETURNING id::text AS id, clinic_id AS "clinicId", kind, booking_id AS "bookingId", attempts,
          sealed_token AS "sealedToken", ${ms('created_at')} AS "createdAt"`,
      [this.key.id, now, now + this.settings.leaseMs, this.settings.batch],
    );
    for (const row of claimed) {
      let message: PatientMessage;
      try {
        const booking = await findBookingById(this.db, row.clinicId, row.bookingId);
        if (!booking) throw Object.assign(new Error('booking gone'), { code: 'NO_BOOKING' });
        if (row.kind === 'reminder') stillToRemind(booking, row.createdAt, now);
        const rules = await this.catalog.current(row.clinicId).then(
          (loaded) => loaded.rules,
          () => null,
        );
        message = {
          kind: row.kind,
          clinicId: row.clinicId,
          booking,
          manageToken: openToken(row.sealedToken, this.key),
          rules,
          at: now,
          outboxId: row.id,
        };
      } catch (error) {
        await this.record(row.id, row.attempts + 1, error, true);
        continue;
      }
      await this.attempt(row.id, message, row.attempts);
    }
    return claimed.length;
  }

  /** One send of a message that has had `attempts` sends before, and its record. */
  private async attempt(id: string, message: PatientMessage, attempts: number): Promise<void> {
    try {
      await this.transport.send(message);
    } catch (error) {
      this.log.error(
        { kind: message.kind, attempt: attempts + 1, err: { name: (error as Error)?.name } },
        'a patient message was not sent',
      );
      await this.record(id, attempts + 1, error, attempts + 1 >= this.settings.maxAttempts);
      return;
    }
    await this.record(id, attempts + 1, null, false);
  }

  private async record(id: string, attempts: number, error: unknown, giveUp: boolean): Promise<void> {
    if (!id) return;
    const now = this.now();
    const [sql, params] =
      error === null
        ? [
            `UPDATE outbox SET attempts = $2, sent_at = ${at('$3')}, next_attempt_at = NULL, last_error = NULL,
               sealed_token = NULL WHERE id = $1::bigint`,
            [id, attempts, now],
          ]
        : giveUp
          ? [
              `UPDATE outbox SET attempts = $2, failed_at = ${at('$3')}, next_attempt_at = NULL, last_error = $4,
                 sealed_token = NULL WHERE id = $1::bigint`,
              [id, attempts, now, errorCode(error)],
            ]
          : [
              `UPDATE outbox SET attempts = $2, next_attempt_at = ${at('$3')}, last_error = $4 WHERE id = $1::bigint`,
              [id, attempts, now + retryDelay(attempts, this.settings), errorCode(error)],
            ];
    try {
      await this.db.query(sql, params);
    } catch (recordError) {
      // The lease runs out and the message is tried again: at worst a patient gets it twice.
      this.log.error({ err: { name: (recordError as Error)?.name } }, 'a message send was not recorded');
    }
  }
}
