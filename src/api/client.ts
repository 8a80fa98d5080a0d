/**
 * The browser's client for the clinic API (docs/api.md). Every call returns an `ApiResult`;
 * nothing throws. Patient details travel only in request bodies; manage tokens only in API paths
 * (the page keeps them in the URL fragment).
 */
import { busyMonthRange } from './busy-month.ts';
import { clientError, errorFromResponse } from './errors.ts';
import { exchange, type RawResponse, type RequestSpec, type RetryPolicy } from './http.ts';
import { newIdempotencyKey } from './idempotency.ts';
import type {
  ApiClient,
  ApiClientOptions,
  ApiResult,
  Booking,
  BookingConfirmation,
  BookingRequest,
  BusyFetch,
  BusyWindowData,
  EarlierOffer,
  OfferEarlier,
  RulesFetch,
} from './types.ts';

export type * from './types.ts';
export { newIdempotencyKey };

/** The largest rules document the client accepts (and the largest draft it sends). */
export const MAX_RULES_BYTES = 5 * 1024 * 1024;
/** A month's busy window of a large clinic is tens of kilobytes; this leaves ample room. */
export const MAX_WINDOW_BYTES = 2 * 1024 * 1024;
/** The features of a version-2 rules document this widget knows (docs/rules-format.md). */
const KNOWN_FEATURES: ReadonlySet<string> = new Set([
  'busy-windows',
  'intake-questions',
  'type-hours',
  'span-locations',
]);
/** Every other answer is small; anything past this is not from a well-behaved server. */
export const MAX_RESPONSE_BYTES = 256 * 1024;

/** Creates a client for the API at `options.apiBase`. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const { send } = apiSender(options);
  /** The last good document this page fetched, so a later fetch revalidates it with If-None-Match. */
  let held: { etag: string | null; rules: unknown } | null = null;

  async function fetchRules(signal?: AbortSignal): Promise<ApiResult<RulesFetch>> {
    const cached = held;
    const headers: Record<string, string> = {};
    if (cached?.etag) headers['If-None-Match'] = cached.etag;
    // The page's first fetch lets the browser's HTTP cache revalidate the copy of an earlier visit
    // (the server sends `public, no-cache` and a strong ETag): a returning patient gets a 304.
    const cache: RequestCache = cached ? 'no-store' : 'no-cache';
    const result = await send({
      method: 'GET',
      path: '/rules',
      headers,
      cache,
      maxBytes: MAX_RULES_BYTES,
      signal,
    });
    if (!result.ok) return result;
    const { response } = result;
    if (response.status === 304 && cached) {
      return { ok: true, value: { rules: cached.rules, etag: cached.etag, fromCache: true } };
    }
    if (response.status !== 200) return { ok: false, error: errorFromResponse(response) };
    const parsed = parseRules(response);
    if (!parsed.ok) return parsed;
    const etag = response.headers.get('ETag');
    held = { etag, rules: parsed.value };
    return { ok: true, value: { rules: parsed.value, etag, fromCache: false } };
  }

  /** Windows by month, with their ETags: revalidated on every fetch, so a booking shows at once. */
  const windows = new Map<string, { etag: string; window: BusyWindowData }>();

  async function fetchBusy(month: string, signal?: AbortSignal): Promise<ApiResult<BusyFetch>> {
    const range = busyMonthRange(month);
    if (!range) return fail('BAD_WINDOW', `"${month.slice(0, 20)}" is not a month written YYYY-MM.`, 0);
    const held = windows.get(month);
    const headers: Record<string, string> = held ? { 'If-None-Match': held.etag } : {};
    const path = `/busy/${month}`;
    // As for the rules: a month's first fetch on this page lets the HTTP cache revalidate the copy
    // of an earlier visit, a 304 when no booking has changed the month since.
    const cache: RequestCache = held ? 'no-store' : 'no-cache';
    const result = await send({ method: 'GET', path, headers, cache, maxBytes: MAX_WINDOW_BYTES, signal });
    if (!result.ok) return result;
    const { response } = result;
    if (response.status === 304 && held) {
      return { ok: true, value: { window: held.window, etag: held.etag, fromCache: true } };
    }
    if (response.status !== 200) return { ok: false, error: errorFromResponse(response) };
    const window = readWindow(response, month, range);
    if (!window.ok) return window;
    const etag = response.headers.get('ETag');
    if (etag) windows.set(month, { etag, window: window.value });
    return { ok: true, value: { window: window.value, etag, fromCache: false } };
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

  async function getOffer(token: string, signal?: AbortSignal): Promise<ApiResult<EarlierOffer>> {
    const result = await send({
      method: 'GET',
      path: offerPath(token),
      maxBytes: MAX_RESPONSE_BYTES,
      signal,
    });
    if (!result.ok) return result;
    const { response } = result;
    if (response.status !== 200) return { ok: false, error: errorFromResponse(response) };
    const json = parseJson(response.text);
    const body = json.ok ? (json.value as Partial<EarlierOffer> | null) : null;
    const offer = body?.offer;
    if (!body || !isBooking(body.booking) || !offer || !Number.isFinite(offer.start)) {
      return fail('SERVER', "The server's answer is not an offer.", response.status);
    }
    return { ok: true, value: { offer, booking: body.booking } };
  }

  async function acceptOffer(token: string, idempotencyKey: string, signal?: AbortSignal) {
    const result = await send({
      method: 'POST',
      path: `${offerPath(token)}/accept`,
      headers: { 'Idempotency-Key': idempotencyKey },
      body: '{}',
      maxBytes: MAX_RESPONSE_BYTES,
      signal,
    });
    return readConfirmation(result);
  }

  async function setOfferEarlier(token: string, offerEarlier: OfferEarlier | null, signal?: AbortSignal) {
    const result = await send({
      method: 'PUT',
      path: `${bookingPath(token)}/offer-earlier`,
      body: JSON.stringify({ offerEarlier }),
      maxBytes: MAX_RESPONSE_BYTES,
      signal,
    });
    return readBooking(result);
  }

  return {
    cachedRules: () => held?.rules ?? null,
    fetchRules,
    fetchBusy,
    createBooking,
    getBooking,
    reschedule,
    cancel,
    getOffer,
    acceptOffer,
    setOfferEarlier,
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

function offerPath(token: string): string {
  return `/offers/${encodeURIComponent(token)}`;
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
  const { version, requires } = doc as { version?: unknown; requires?: unknown };
  if (version !== 1 && version !== 2) {
    return fail(
      'UNSUPPORTED_VERSION',
      `The rules document has version ${JSON.stringify(version) ?? 'missing'}; this widget reads versions 1 and 2.`,
      response.status,
    );
  }
  const unknown =
    version === 2 && Array.isArray(requires)
      ? requires.find((feature) => typeof feature !== 'string' || !KNOWN_FEATURES.has(feature))
      : undefined;
  if (unknown !== undefined || (version === 2 && requires !== undefined && !Array.isArray(requires))) {
    return fail(
      'UNSUPPORTED_VERSION',
      `The rules document requires ${JSON.stringify(unknown ?? requires)?.slice(0, 60)}, which this widget does not know.`,
      response.status,
    );
  }
  return { ok: true, value: doc };
}

/** A window of exactly `month`'s range, its three maps objects (the engine checks their entries). */
function readWindow(
  response: RawResponse,
  month: string,
  range: { start: number; end: number },
): ApiResult<BusyWindowData> {
  const type = response.headers.get('Content-Type') ?? '';
  const json = /[/+]json\b/i.test(type) ? parseJson(response.text) : { ok: false as const };
  const body = json.ok ? (json.value as Partial<BusyWindowData> | null) : null;
  const isMap = (value: unknown) =>
    value === undefined || (typeof value === 'object' && value !== null && !Array.isArray(value));
  if (
    !body ||
    typeof body !== 'object' ||
    Array.isArray(body) ||
    !isMap(body.busy) ||
    !isMap(body.seats) ||
    !isMap(body.perDay)
  ) {
    return fail('BAD_WINDOW', `The busy times of ${month} are not a busy window.`, response.status);
  }
  if (
    body.start !== range.start ||
    body.end !== range.end ||
    (body.month !== undefined && body.month !== month)
  ) {
    return fail(
      'BAD_WINDOW',
      `The busy times answered for ${month} cover another range (${String(body.start)} to ${String(body.end)}).`,
      response.status,
    );
  }
  return {
    ok: true,
    value: {
      month,
      start: range.start,
      end: range.end,
      busy: body.busy ?? {},
      seats: body.seats ?? {},
      perDay: body.perDay ?? {},
    },
  };
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
