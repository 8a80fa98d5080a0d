/**
 * The reference clinic API (docs/api.md) as one plain Node request handler. Mount it under any
 * prefix: in Vite (`server/vite-plugin.ts`), in a bare `node:http` server, or on the browser tests'
 * second origin. It never logs request bodies, tokens or patient data.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { validateRules } from '../src/engine/index.ts';
import { checkBookingRequest, checkReschedule, type FieldErrors } from './booking-request.ts';
import { cancelBooking, createBooking, findByToken, publicBooking, rescheduleBooking } from './bookings.ts';
import { applyCors, etagMatches, HttpError, readJsonBody, sendError, sendJson } from './http.ts';
import { fingerprint, once, readIdempotencyKey } from './idempotency.ts';
import { createRulesSource, withoutBookingsAsBusy } from './rules-source.ts';
import { type OutboxMessage, openStore, type StoredBooking } from './store.ts';

export interface ApiHandlerOptions {
  /** The clinic's rules document (JSON), served until an admin saves one with `PUT /rules`. */
  rulesFile: string;
  /** The bookings store (JSON); created when missing. */
  dataFile: string;
  /** The clock, injectable for tests. Default `Date.now`. */
  now?: () => number;
  /** `Access-Control-Allow-Origin`. Default `*` (any site may embed the demo widget). */
  allowOrigin?: string;
  /** Largest booking request body. Default 64 KiB. */
  maxBodyBytes?: number;
  /** Largest rules document `PUT /rules` accepts. Default 5 MiB. */
  maxRulesBytes?: number;
  /**
   * Which pages may save rules with `PUT /rules`: `same-origin` (the default: only pages served
   * beside the API, like the demo's admin page) or `any` (test servers).
   */
  saveRulesFrom?: 'same-origin' | 'any';
}

/** What the demo's reminder-email page shows: the latest message, its booking and the rules to name things. */
export interface SentEmail {
  message: OutboxMessage;
  booking: StoredBooking;
  rules: unknown;
}

export interface ApiHandler {
  /** Answers one request whose URL is relative to the API's mount point (`/rules`, `/bookings`, ...). */
  (req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Resolves once every accepted change is on disk. */
  idle(): Promise<void>;
  /** The latest email the server would have sent, or null. */
  latestEmail(): SentEmail | null;
}

const TOKEN_ROUTE = /^\/bookings\/([^/]+)(?:\/(reschedule|cancel))?$/;

/**
 * Creates the handler. Opens the store at once, so an unreadable bookings file stops startup with
 * a clear error (`StoreCorruptError`) instead of failing the first patient.
 */
export function createApiHandler(options: ApiHandlerOptions): ApiHandler {
  const store = openStore(options.dataFile);
  const rules = createRulesSource(options.rulesFile);
  const now = options.now ?? Date.now;
  const cors = { allowOrigin: options.allowOrigin ?? '*' };
  const maxBody = options.maxBodyBytes ?? 64 * 1024;
  const maxRules = options.maxRulesBytes ?? 5 * 1024 * 1024;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://api.invalid').pathname;
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    if (path === '/rules') {
      if (method === 'GET') return getRules(req, res);
      if (method === 'PUT') return putRules(req, res);
      throw notAllowed(res, 'GET, PUT');
    }
    if (path === '/bookings') {
      if (method === 'POST') return postBooking(req, res);
      throw notAllowed(res, 'POST');
    }
    const match = TOKEN_ROUTE.exec(path);
    if (match) {
      const token = decodeToken(match[1] ?? '');
      const action = match[2];
      if (!action && method === 'GET') {
        sendJson(res, 200, { booking: publicBooking(findByToken(store.data, token, now())) });
        return;
      }
      if (action && method === 'POST') return postChange(req, res, token, action);
      throw notAllowed(res, action ? 'POST' : 'GET');
    }
    throw new HttpError(404, { code: 'NOT_FOUND', message: 'There is no such API endpoint.' });
  }

  /** The last rules body compressed, by ETag: the document changes rarely and is read often. */
  let compressed: { etag: string; body: Buffer } | null = null;

  function getRules(req: IncomingMessage, res: ServerResponse): void {
    const served = rules.served(store.data, now());
    const headers = { ETag: served.etag, 'Cache-Control': 'no-cache', Vary: 'Accept-Encoding' };
    if (etagMatches(req.headers['if-none-match'], served.etag)) {
      res.writeHead(304, headers).end();
      return;
    }
    // The widget's first request, on the patient's often slow network: gzip takes it to a fifth.
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (gzip && compressed?.etag !== served.etag) {
      compressed = { etag: served.etag, body: gzipSync(served.text) };
    }
    const body = gzip && compressed ? compressed.body : Buffer.from(served.text);
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(body.length),
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
    res.end(body);
  }

  async function putRules(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (options.saveRulesFrom !== 'any' && !isSameOrigin(req)) {
      throw new HttpError(403, {
        code: 'FORBIDDEN',
        message: "Rules can only be saved from a page on the API's own origin.",
      });
    }
    const body = await readJsonBody(req, maxRules);
    // A draft edited from the served document carries the bookings as busy time: they are not the clinic's blocks.
    const draftRules = withoutBookingsAsBusy(body, store.data.bookings);
    const result = validateRules(draftRules);
    if (!result.ok) {
      const count = result.errors.length;
      throw new HttpError(422, {
        code: 'INVALID_RULES',
        message: `The rules were not saved: ${count} error${count === 1 ? '' : 's'} to fix.`,
        errors: result.errors,
      });
    }
    await store.mutate((draft) => {
      draft.savedRules = draftRules;
    });
    const served = rules.served(store.data, now());
    sendJson(res, 200, { etag: served.etag, warnings: result.warnings }, { ETag: served.etag });
  }

  async function postBooking(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const key = readIdempotencyKey(req.headers['idempotency-key']);
    const body = await readJsonBody(req, maxBody);
    const checked = checkBookingRequest(body, now());
    if (!checked.ok) throw invalidFields(checked.fieldErrors);
    const print = fingerprint('POST /bookings', body);
    const outcome = await store.mutate((draft) =>
      once(draft, key, print, now(), () => createBooking(draft, rules.base(draft), checked.value, now())),
    );
    replay(res, outcome);
  }

  async function postChange(req: IncomingMessage, res: ServerResponse, token: string, action: string) {
    const key = readIdempotencyKey(req.headers['idempotency-key']);
    const body = await readJsonBody(req, maxBody);
    const print = fingerprint(`POST /bookings/${fingerprint('token', token)}/${action}`, body);
    if (action === 'cancel') {
      const outcome = await store.mutate((draft) =>
        once(draft, key, print, now(), () => cancelBooking(draft, token, now())),
      );
      return replay(res, outcome);
    }
    const checked = checkReschedule(body);
    if (!checked.ok) throw invalidFields(checked.fieldErrors);
    const outcome = await store.mutate((draft) =>
      once(draft, key, print, now(), () =>
        rescheduleBooking(draft, rules.base(draft), token, checked.value, now()),
      ),
    );
    replay(res, outcome);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    applyCors(req, res, cors);
    try {
      await route(req, res);
    } catch (error) {
      if (res.headersSent) return;
      if (error instanceof HttpError) {
        sendError(res, error);
        return;
      }
      // Only the error's own message: it comes from the file system or the engine, never from a request body.
      console.error(
        `clinic api: ${req.method} request failed: ${(error as Error)?.message ?? String(error)}`,
      );
      sendJson(res, 500, { code: 'SERVER', message: 'The booking service had a problem; please try again.' });
    }
  }

  function latestEmail(): SentEmail | null {
    const data = store.data;
    const message = data.outbox.at(-1);
    const booking = message && data.bookings.find((b) => b.id === message.bookingId);
    if (!message || !booking) return null;
    let current: unknown = null;
    try {
      current = rules.base(data);
    } catch {
      current = null;
    }
    return { message, booking, rules: current };
  }

  return Object.assign(handle, { idle: () => store.idle(), latestEmail });
}

/**
 * Adapts the handler to a server that also answers other paths: requests under `prefix` have it
 * stripped and go to the API (returns true); any other request is left alone (returns false).
 */
export function mountAt(prefix: string, handler: ApiHandler) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = req.url ?? '/';
    if (url !== prefix && !url.startsWith(`${prefix}/`) && !url.startsWith(`${prefix}?`)) return false;
    req.url = url.slice(prefix.length) || '/';
    await handler(req, res);
    return true;
  };
}

/**
 * Whether the request comes from a page on this server's origin. Browsers send `Origin` with every
 * cross-origin request and with same-origin PUTs; a request without one is not from another site.
 */
function isSameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** The token from the path; a malformed escape cannot match any token, so it reads as unknown. */
function decodeToken(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}

function replay(res: ServerResponse, outcome: { status: number; body: unknown; replayed: boolean }): void {
  sendJson(res, outcome.status, outcome.body, outcome.replayed ? { 'Idempotent-Replayed': 'true' } : {});
}

function invalidFields(fieldErrors: FieldErrors): HttpError {
  const count = Object.keys(fieldErrors).length;
  return new HttpError(422, {
    code: 'VALIDATION',
    message: `${count} field${count === 1 ? ' was' : 's were'} not accepted.`,
    fieldErrors,
  });
}

function notAllowed(res: ServerResponse, allow: string): HttpError {
  res.setHeader('Allow', allow);
  return new HttpError(405, { code: 'METHOD_NOT_ALLOWED', message: `Use ${allow} on this endpoint.` });
}
