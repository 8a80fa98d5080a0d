/**
 * The browser's client for the clinic API (docs/api.md). Every call returns an `ApiResult`;
 * nothing throws. Patient details travel only in request bodies; manage tokens only in API paths
 * (the page keeps them in the URL fragment).
 */
import { clientError, errorFromResponse } from './errors.ts';
import { exchange, type RawResponse, type RequestSpec, type RetryPolicy } from './http.ts';
import { newIdempotencyKey } from './idempotency.ts';
import { createRulesCache, defaultStorage } from './rules-cache.ts';
import type {
  ApiClient,
  ApiClientOptions,
  ApiResult,
  Booking,
  BookingConfirmation,
  BookingRequest,
  RulesFetch,
} from './types.ts';

export type * from './types.ts';
export { newIdempotencyKey };

/** The largest rules document the client accepts (and the largest draft it sends). */
export const MAX_RULES_BYTES = 5 * 1024 * 1024;
/** Every other answer is small; anything past this is not from a well-behaved server. */
export const MAX_RESPONSE_BYTES = 256 * 1024;

/** Creates a client for the API at `options.apiBase`. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const { base, send } = apiSender(options);
  const cache = createRulesCache(base, options.storage === undefined ? defaultStorage() : options.storage);

  async function fetchRules(signal?: AbortSignal): Promise<ApiResult<RulesFetch>> {
    const cached = cache.read();
    const headers: Record<string, string> = {};
    if (cached?.etag) headers['If-None-Match'] = cached.etag;
    const result = await send({ method: 'GET', path: '/rules', headers, maxBytes: MAX_RULES_BYTES, signal });
    if (!result.ok) return result;
    const { response } = result;
    if (response.status === 304 && cached) {
      return { ok: true, value: { rules: cached.rules, etag: cached.etag, fromCache: true } };
    }
    if (response.status !== 200) return { ok: false, error: errorFromResponse(response) };
    const parsed = parseRules(response);
    if (!parsed.ok) return parsed;
    const etag = response.headers.get('ETag');
    cache.write({ etag, rules: parsed.value });
    return { ok: true, value: { rules: parsed.value, etag, fromCache: false } };
  }

  async function createBooking(request: BookingRequest, idempotencyKey: string, signal?: AbortSignal) {
    const result = await send({
      method: 'POST',
      path: '/bookings',
      headers: { 'Idempotency-Key': idempotencyKey },
      body: JSON.stringify(request),
      maxBytes: MAX_RESPONSE_BYTES,
      signal,
    });
    return readConfirmation(result);
  }

  async function getBooking(token: string, signal?: AbortSignal): Promise<ApiResult<{ booking: Booking }>> {
    const result = await send({
      method: 'GET',
      path: bookingPath(token),
      maxBytes: MAX_RESPONSE_BYTES,
      signal,
    });
    return readBooking(result);
  }

  async function reschedule(
    token: string,
    change: { start: number; providerId: string },
    idempotencyKey: string,
    signal?: AbortSignal,
  ) {
    const result = await send({
      method: 'POST',
      path: `${bookingPath(token)}/reschedule`,
      headers: { 'Idempotency-Key': idempotencyKey },
      body: JSON.stringify({ start: change.start, providerId: change.providerId }),
      maxBytes: MAX_RESPONSE_BYTES,
      signal,
    });
    return readConfirmation(result);
  }

  async function cancel(token: string, idempotencyKey: string, signal?: AbortSignal) {
    const result = await send({
      method: 'POST',
      path: `${bookingPath(token)}/cancel`,
      headers: { 'Idempotency-Key': idempotencyKey },
      body: '{}',
      maxBytes: MAX_RESPONSE_BYTES,
      signal,
    });
    return readBooking(result);
  }

  return {
    cachedRules: () => cache.read()?.rules ?? null,
    fetchRules,
    createBooking,
    getBooking,
    reschedule,
    cancel,
  };
}

/** A JSON request against the API at `options.apiBase`, with the client's timeouts and retries. */
export type ApiSend = (
  spec: Omit<RequestSpec, 'url' | 'headers'> & { path: string; headers?: Record<string, string> },
) => ReturnType<typeof exchange>;

/** The request function every client of the API shares (this one and the admin's, admin-client.ts). */
export function apiSender(options: ApiClientOptions): { base: string; send: ApiSend } {
  const base = options.apiBase.replace(/\/+$/, '');
  const policy: RetryPolicy = {
    // Looked up at call time, so a page (or a test) that replaces fetch later is honoured.
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: options.timeoutMs ?? 10_000,
    retries: Math.max(0, Math.floor(options.retries ?? 3)),
    retryBaseMs: options.retryBaseMs ?? 300,
  };
  const send: ApiSend = (spec) => {
    const headers: Record<string, string> = { Accept: 'application/json', ...spec.headers };
    if (spec.body !== undefined) headers['Content-Type'] = 'application/json';
    return exchange({ ...spec, url: base + spec.path, headers }, policy);
  };
  return { base, send };
}

function bookingPath(token: string): string {
  return `/bookings/${encodeURIComponent(token)}`;
}

function parseRules(response: RawResponse): ApiResult<unknown> {
  const type = response.headers.get('Content-Type') ?? '';
  if (!/[/+]json\b/i.test(type)) {
    return fail(
      'NOT_JSON',
      `The rules were served as "${type || 'no content type'}", not JSON.`,
      response.status,
    );
  }
  const json = parseJson(response.text);
  if (!json.ok) return fail('NOT_JSON', 'The rules document is not valid JSON.', response.status);
  const doc = json.value;
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    return fail('NOT_JSON', 'The rules document is not a JSON object.', response.status);
  }
  const version = (doc as { version?: unknown }).version;
  if (version !== 1) {
    return fail(
      'UNSUPPORTED_VERSION',
      `The rules document has version ${JSON.stringify(version) ?? 'missing'}; this widget reads version 1.`,
      response.status,
    );
  }
  return { ok: true, value: doc };
}

function readConfirmation(result: Awaited<ReturnType<typeof exchange>>): ApiResult<BookingConfirmation> {
  if (!result.ok) return result;
  const { response } = result;
  if (response.status !== 200 && response.status !== 201)
    return { ok: false, error: errorFromResponse(response) };
  const json = parseJson(response.text);
  const body = json.ok ? (json.value as Partial<BookingConfirmation> | null) : null;
  if (!body || !isBooking(body.booking) || typeof body.manageToken !== 'string' || body.manageToken === '') {
    return fail(
      'SERVER',
      'The server confirmed, but its answer is not a booking confirmation.',
      response.status,
    );
  }
  const value: BookingConfirmation = { booking: body.booking, manageToken: body.manageToken };
  if (body.emailSent === true) value.emailSent = true;
  return { ok: true, value };
}

function readBooking(result: Awaited<ReturnType<typeof exchange>>): ApiResult<{ booking: Booking }> {
  if (!result.ok) return result;
  const { response } = result;
  if (response.status !== 200) return { ok: false, error: errorFromResponse(response) };
  const json = parseJson(response.text);
  const body = json.ok ? (json.value as { booking?: unknown } | null) : null;
  if (!body || !isBooking(body.booking)) {
    return fail('SERVER', "The server's answer is not a booking.", response.status);
  }
  return { ok: true, value: { booking: body.booking } };
}

function isBooking(value: unknown): value is Booking {
  if (typeof value !== 'object' || value === null) return false;
  const b = value as Record<string, unknown>;
  return (
    typeof b.id === 'string' &&
    typeof b.appointmentTypeId === 'string' &&
    typeof b.providerId === 'string' &&
    Number.isFinite(b.start) &&
    Number.isFinite(b.end) &&
    (b.status === 'confirmed' || b.status === 'cancelled') &&
    (b.mode === 'in-person' || b.mode === 'video') &&
    (b.locationId === undefined || typeof b.locationId === 'string')
  );
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function fail(
  code: Parameters<typeof clientError>[0],
  message: string,
  status: number,
): { ok: false; error: ReturnType<typeof clientError> } {
  return { ok: false, error: clientError(code, message, status) };
}
