/**
 * The admin's client for the clinic API: the patient's (client.ts) plus the staff session, saving
 * a draft as the served rules, the rules history and the staff's bookings list. A module of its
 * own so that the patient's page script never carries it. The session lives in an HttpOnly cookie
 * the browser keeps; this client keeps only the session's CSRF token, which it sends with every
 * write. Patient details in answers are returned to the caller and kept nowhere.
 */
import { apiSender, createApiClient, MAX_RESPONSE_BYTES, MAX_RULES_BYTES } from './client.ts';
import { clientError, errorFromResponse, parseObject } from './errors.ts';
import type { RawResponse } from './http.ts';
import type {
  AdminApiClient,
  AdminApiError,
  AdminResult,
  ApiClientOptions,
  Booking,
  BookingsPage,
  NewStaffMember,
  OrphanedBookings,
  RulesConflict,
  RulesSaved,
  RulesVersion,
  RulesVersionSummary,
  SaveRulesOptions,
  StaffBooking,
  StaffBookingChange,
  StaffMember,
  StaffSession,
} from './types.ts';

/** The staff's bookings list may be long (a page is 5,000 bookings with patient details). */
const MAX_BOOKINGS_BYTES = 8 * 1024 * 1024;

/** Creates the admin's client for the API at `options.apiBase`. */
export function createAdminApiClient(options: ApiClientOptions): AdminApiClient {
  const { send } = apiSender(options);
  let csrfToken: string | null = null;
  const writeHeaders = (): Record<string, string> => (csrfToken ? { 'X-CSRF-Token': csrfToken } : {});

  async function sessionCall(method: 'GET' | 'POST', body?: string): Promise<AdminResult<StaffSession>> {
    const result = await send({ method, path: '/staff/session', body, maxBytes: 16_384 });
    if (!result.ok) return result;
    if (result.response.status !== 200) {
      csrfToken = null;
      return { ok: false, error: adminError(result.response) };
    }
    const session = JSON.parse(result.response.text) as StaffSession;
    csrfToken = session.csrfToken;
    return { ok: true, value: session };
  }

  /** Signs in; the answer's cookie is kept by the browser. A wrong password is 401 `INVALID_LOGIN`. */
  const signIn = (email: string, password: string) =>
    sessionCall('POST', JSON.stringify({ email, password }));
  /** The session the browser's cookie holds, or status 401. */
  const session = () => sessionCall('GET');
  async function signOut(): Promise<void> {
    await send({ method: 'DELETE', path: '/staff/session', headers: writeHeaders(), maxBytes: 16_384 });
    csrfToken = null;
  }

  async function getJson<T>(path: string, maxBytes: number, signal?: AbortSignal): Promise<AdminResult<T>> {
    const result = await send({ method: 'GET', path, maxBytes, signal });
    if (!result.ok) return result;
    if (result.response.status !== 200) return { ok: false, error: adminError(result.response) };
    return { ok: true, value: JSON.parse(result.response.text) as T };
  }

  async function write(path: string, body: string | undefined, how: SaveRulesOptions) {
    const headers = writeHeaders();
    if (how.ifMatch) headers['If-Match'] = how.ifMatch;
    const result = await send({
      method: body === undefined ? 'POST' : 'PUT',
      path: how.keepOrphans ? `${path}?orphans=keep` : path,
      body,
      headers,
      maxBytes: MAX_RESPONSE_BYTES,
      signal: how.signal,
    });
    if (!result.ok) return result;
    if (result.response.status !== 200) return { ok: false as const, error: adminError(result.response) };
    return { ok: true as const, value: savedFrom(result.response) };
  }

  async function saveRules(rules: unknown, how: SaveRulesOptions = {}): Promise<AdminResult<RulesSaved>> {
    const body = JSON.stringify(rules);
    if (body === undefined)
      return { ok: false, error: clientError('BAD_REQUEST', 'The draft is not JSON data.') };
    if (new TextEncoder().encode(body).length > MAX_RULES_BYTES) {
      return { ok: false, error: clientError('TOO_LARGE', 'The draft is larger than 5 MB.') };
    }
    return write('/rules', body, how);
  }

  async function listVersions(signal?: AbortSignal): Promise<AdminResult<RulesVersionSummary[]>> {
    const result = await getJson<{ versions: RulesVersionSummary[] }>(
      '/rules/versions',
      MAX_RESPONSE_BYTES,
      signal,
    );
    return result.ok ? { ok: true, value: result.value.versions } : result;
  }

  const getVersion = (version: number, signal?: AbortSignal) =>
    getJson<RulesVersion>(`/rules/versions/${versionNumber(version)}`, MAX_RULES_BYTES, signal);

  const restoreVersion = (version: number, how: SaveRulesOptions = {}) =>
    write(`/rules/versions/${versionNumber(version)}/restore`, undefined, how);

  async function listBookings(
    from: number,
    to: number,
    signal?: AbortSignal,
  ): Promise<AdminResult<BookingsPage>> {
    const query = `from=${encodeURIComponent(new Date(from).toISOString())}&to=${encodeURIComponent(new Date(to).toISOString())}`;
    const result = await getJson<{ bookings: StaffBooking[]; truncated?: boolean }>(
      `/staff/bookings?${query}`,
      MAX_BOOKINGS_BYTES,
      signal,
    );
    if (!result.ok) return result;
    return {
      ok: true,
      value: { bookings: result.value.bookings, truncated: result.value.truncated === true },
    };
  }

  async function listStaff(signal?: AbortSignal): Promise<AdminResult<StaffMember[]>> {
    const result = await getJson<{ members: StaffMember[] }>('/staff/members', MAX_RESPONSE_BYTES, signal);
    return result.ok ? { ok: true, value: result.value.members } : result;
  }

  async function addStaff(member: NewStaffMember) {
    const result = await send({
      method: 'POST',
      path: '/staff/members',
      body: JSON.stringify(member),
      headers: writeHeaders(),
      maxBytes: MAX_RESPONSE_BYTES,
    });
    if (!result.ok) return result;
    if (result.response.status !== 201) return { ok: false as const, error: adminError(result.response) };
    return { ok: true as const, value: (JSON.parse(result.response.text) as { member: StaffMember }).member };
  }

  /** A change to another account, answered `200 { member }`: its role or its password. */
  async function changeMember(
    id: string,
    what: 'role' | 'password',
    body: object,
  ): Promise<AdminResult<StaffMember>> {
    const result = await send({
      method: 'PUT',
      path: `/staff/members/${encodeURIComponent(id)}/${what}`,
      body: JSON.stringify(body),
      headers: writeHeaders(),
      maxBytes: MAX_RESPONSE_BYTES,
    });
    if (!result.ok) return result;
    if (result.response.status !== 200) return { ok: false, error: adminError(result.response) };
    return { ok: true, value: (JSON.parse(result.response.text) as { member: StaffMember }).member };
  }

  const setStaffRole = (id: string, role: StaffMember['role']) => changeMember(id, 'role', { role });
  const setStaffPassword = (id: string, password: string) => changeMember(id, 'password', { password });

  async function changeOwnPassword(currentPassword: string, newPassword: string): Promise<AdminResult<null>> {
    const result = await send({
      method: 'PUT',
      path: '/staff/session/password',
      body: JSON.stringify({ currentPassword, newPassword }),
      headers: writeHeaders(),
      maxBytes: 16_384,
      // Sent again after a lost answer, a change that went through would be refused as a wrong
      // current password: the failure to reach the server is the truer answer.
      retryable: false,
    });
    if (!result.ok) return result;
    if (result.response.status !== 204) return { ok: false, error: adminError(result.response) };
    return { ok: true, value: null };
  }

  /** A change of a booking for its patient (`cancel`, `move`): both answer `{ booking, emailSent? }`. */
  async function changeForPatient(
    bookingId: string,
    action: 'cancel' | 'move',
    body: object,
  ): Promise<AdminResult<StaffBookingChange>> {
    const result = await send({
      method: 'POST',
      path: `/staff/bookings/${encodeURIComponent(bookingId)}/${action}`,
      body: JSON.stringify(body),
      headers: writeHeaders(),
      maxBytes: MAX_RESPONSE_BYTES,
    });
    if (!result.ok) return result;
    if (result.response.status !== 200) return { ok: false, error: adminError(result.response) };
    const answer = JSON.parse(result.response.text) as { booking: Booking; emailSent?: boolean };
    return { ok: true, value: { booking: answer.booking, emailSent: answer.emailSent ?? null } };
  }

  async function removeStaff(id: string): Promise<AdminResult<null>> {
    const result = await send({
      method: 'DELETE',
      path: `/staff/members/${encodeURIComponent(id)}`,
      headers: writeHeaders(),
      maxBytes: MAX_RESPONSE_BYTES,
      // Sent again after a lost answer, a removal that went through would answer "no such staff member".
      retryable: false,
    });
    if (!result.ok) return result;
    if (result.response.status !== 204) return { ok: false, error: adminError(result.response) };
    return { ok: true, value: null };
  }

  return {
    ...createApiClient(options),
    saveRules,
    signIn,
    session,
    signOut,
    listVersions,
    getVersion,
    restoreVersion,
    listBookings,
    listStaff,
    addStaff,
    setStaffRole,
    setStaffPassword,
    removeStaff,
    changeOwnPassword,
    cancelForPatient: (bookingId) => changeForPatient(bookingId, 'cancel', {}),
    // Sent again after a lost answer, a move that went through answers the booking where it is.
    moveForPatient: (bookingId, change) => changeForPatient(bookingId, 'move', change),
  };
}

function versionNumber(version: number): string {
  if (!Number.isSafeInteger(version) || version < 1) throw new RangeError(`No such version: ${version}`);
  return String(version);
}

function savedFrom(response: RawResponse): RulesSaved {
  const body = parseObject(response.text) ?? {};
  return {
    etag: typeof body.etag === 'string' ? body.etag : response.headers.get('ETag'),
    rulesEtag: typeof body.rulesEtag === 'string' ? body.rulesEtag : null,
    version: typeof body.version === 'number' ? body.version : null,
    warnings: Array.isArray(body.warnings) ? body.warnings : [],
  };
}

/** `errorFromResponse`, plus what the admin page needs of the server's answer. */
export function adminError(response: RawResponse): AdminApiError {
  const error: AdminApiError = errorFromResponse(response);
  const body = parseObject(response.text);
  if (typeof body?.code === 'string') error.serverCode = body.code;
  const retryAfter = Number(response.headers.get('Retry-After'));
  if (response.status === 429 && Number.isFinite(retryAfter) && retryAfter > 0)
    error.retryAfterSeconds = Math.ceil(retryAfter);
  const current = body?.current as RulesConflict | undefined;
  if (response.status === 412 && typeof current?.etag === 'string' && 'document' in current)
    error.conflict = current;
  if (response.status === 409 && Array.isArray(body?.orphans))
    error.orphans = (body.orphans as OrphanedBookings[]).filter(
      (o) => typeof o?.appointmentTypeId === 'string' && typeof o.providerId === 'string',
    );
  return error;
}
