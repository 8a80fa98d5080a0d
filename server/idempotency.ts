/**
 * Idempotency keys: the first successful answer to a key is stored with a fingerprint of the
 * request; a repeat with the same request gets that answer again (no second booking), a repeat
 * with a different request is refused. Refusals are not stored, so after a 409 the same key may
 * carry a corrected request. Records live 24 hours.
 */
import { createHash } from 'node:crypto';
import { HttpError } from './http.ts';
import type { StoreData } from './store.ts';

const LIFETIME_MS = 24 * 60 * 60 * 1000;
const MAX_RECORDS = 10_000;

export interface Replayable {
  status: number;
  body: unknown;
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

/** A digest of what makes two requests "the same": method, route and the body's canonical JSON. */
export function fingerprint(route: string, body: unknown): string {
  return createHash('sha256').update(route).update('\n').update(canonicalJson(body)).digest('base64url');
}

/**
 * Runs `operation` once per key, inside a store mutation. Call it from `store.mutate`.
 */
export function once(
  draft: StoreData,
  key: string,
  print: string,
  now: number,
  operation: () => { status: number; body: unknown },
): Replayable {
  draft.idempotency = draft.idempotency.filter((r) => now - r.at < LIFETIME_MS).slice(-MAX_RECORDS);
  const prior = draft.idempotency.find((r) => r.key === key);
  if (prior) {
    if (prior.fingerprint !== print) {
      throw new HttpError(422, {
        code: 'IDEMPOTENCY_KEY_REUSED',
        message:
          'This Idempotency-Key was already used for a different request; use a new key for a new action.',
      });
    }
    return { status: prior.status, body: prior.body, replayed: true };
  }
  const outcome = operation();
  draft.idempotency.push({ key, fingerprint: print, status: outcome.status, body: outcome.body, at: now });
  return { ...outcome, replayed: false };
}

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
