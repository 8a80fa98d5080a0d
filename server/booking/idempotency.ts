/**
 * Idempotency keys: the first successful answer to a key is stored with a fingerprint of the
 * request; a repeat of the same request gets that answer again (no second booking), a repeat with
 * a different request is refused. Refusals are not stored, so after a 409 the same key may carry a
 * corrected request. Keys hold across instances: the record and an advisory lock on the key live
 * in the database.
 *
 * The database never holds a usable key or manage token: records are found by the key's SHA-256,
 * and a manage token in a stored answer is sealed (AES-256-GCM) with a key derived from the
 * idempotency key itself, which only the client that sent it knows.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { HttpError } from '../errors.ts';
import type { Database, Queryable } from '../store/database.ts';
import {
  findIdempotencyRecord,
  type IdempotencyRecord,
  lockIdempotencyKey,
  saveIdempotencyRecord,
} from '../store/idempotency.ts';

export interface Outcome {
  status: number;
  body: Record<string, unknown>;
}

export interface Replayable extends Outcome {
  replayed: boolean;
}

/** The `Idempotency-Key` header, required on every booking mutation. */
export function readIdempotencyKey(header: string | string[] | undefined): string {
  const key = Array.isArray(header) ? header[0] : header;
  if (!key) {
    throw new HttpError(400, {
      code: 'BAD_REQUEST',
      message: 'Send an Idempotency-Key header (a fresh random value per booking action).',
    });
  }
  if (key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new HttpError(400, {
      code: 'BAD_REQUEST',
      message: 'The Idempotency-Key header must be 1 to 255 visible ASCII characters.',
    });
  }
  return key;
}

/** A digest of what makes two requests "the same": the route and the checked request's canonical JSON. */
export function fingerprint(route: string, value: unknown): string {
  return createHash('sha256').update(route).update('\n').update(canonicalJson(value)).digest('base64url');
}

/**
 * Runs `operation` once per key, in one transaction with its record: the operation's writes and
 * the stored answer commit together or not at all.
 */
export async function once(
  db: Database,
  clinicId: string,
  key: string,
  print: string,
  now: number,
  operation: (tx: Queryable) => Promise<Outcome>,
): Promise<Replayable> {
  const keyHash = idempotencyKeyHash(key);
  return db.transaction(async (tx) => {
    await lockIdempotencyKey(tx, clinicId, keyHash);
    const prior = await findIdempotencyRecord(tx, clinicId, keyHash, now);
    if (prior) return replay(prior, print, key);
    const outcome = await operation(tx);
    await saveIdempotencyRecord(tx, clinicId, keyHash, storedAnswer(outcome, print, key), now);
    return { ...outcome, replayed: false };
  });
}

/** How records are found: the key's SHA-256, never the key. */
export function idempotencyKeyHash(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}

/** The stored answer to `key` again, or 422 when this key was used for a different request. */
export function replay(prior: IdempotencyRecord, print: string, key: string): Replayable {
  if (prior.fingerprint !== print) {
    throw new HttpError(422, {
      code: 'IDEMPOTENCY_KEY_REUSED',
      message:
        'This Idempotency-Key was already used for a different request; use a new key for a new action.',
    });
  }
  return { status: prior.status, body: unseal(JSON.parse(prior.body), key), replayed: true };
}

/** The record of a first answer, its manage token sealed with the key. */
export function storedAnswer(outcome: Outcome, print: string, key: string): IdempotencyRecord {
  return { fingerprint: print, status: outcome.status, body: JSON.stringify(sealBody(outcome.body, key)) };
}

function sealingKey(idempotencyKey: string): Buffer {
  return createHash('sha256').update('clinic-scheduler/seal\n').update(idempotencyKey).digest();
}

export function sealBody(body: Record<string, unknown>, idempotencyKey: string): Record<string, unknown> {
  const token = body.manageToken;
  if (typeof token !== 'string') return body;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealingKey(idempotencyKey), iv);
  const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  const { manageToken: _plain, ...rest } = body;
  return {
    ...rest,
    sealedManageToken: Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url'),
  };
}

function unseal(body: Record<string, unknown>, idempotencyKey: string): Record<string, unknown> {
  const sealed = body.sealedManageToken;
  if (typeof sealed !== 'string') return body;
  const bytes = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(idempotencyKey), bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  const token = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  const { sealedManageToken: _sealed, ...rest } = body;
  return { ...rest, manageToken: token };
}

/** Canonical JSON of a checked request: plain values a few levels deep, so recursion is bounded. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
