/**
 * The admin's client for the clinic API: the patient's (client.ts) plus the staff session and
 * saving a draft as the served rules. A module of its own so that the patient's page script never
 * carries it. The session lives in an HttpOnly cookie the browser keeps; this client keeps only
 * the session's CSRF token, which it sends with every write.
 */
import { apiSender, createApiClient, MAX_RESPONSE_BYTES, MAX_RULES_BYTES } from './client.ts';
import { clientError, errorFromResponse } from './errors.ts';
import type { AdminApiClient, ApiClientOptions, ApiResult, StaffSession } from './types.ts';

/** Creates the admin's client for the API at `options.apiBase`. */
export function createAdminApiClient(options: ApiClientOptions): AdminApiClient {
  const { send } = apiSender(options);
  let csrfToken: string | null = null;

  async function sessionCall(method: 'GET' | 'POST', body?: string): Promise<ApiResult<StaffSession>> {
    const result = await send({ method, path: '/staff/session', body, maxBytes: 16_384 });
    if (!result.ok) return result;
    if (result.response.status !== 200) {
      csrfToken = null;
      return { ok: false, error: errorFromResponse(result.response) };
    }
    const session = JSON.parse(result.response.text) as StaffSession;
    csrfToken = session.csrfToken;
    return { ok: true, value: session };
  }

  /** Signs in; the answer's cookie is kept by the browser. `INVALID_LOGIN` arrives as status 401. */
  const signIn = (email: string, password: string) =>
    sessionCall('POST', JSON.stringify({ email, password }));
  /** The session the browser's cookie holds, or status 401. */
  const session = () => sessionCall('GET');
  async function signOut(): Promise<void> {
    await send({ method: 'DELETE', path: '/staff/session', headers: writeHeaders(), maxBytes: 16_384 });
    csrfToken = null;
  }
  const writeHeaders = (): Record<string, string> => (csrfToken ? { 'X-CSRF-Token': csrfToken } : {});

  async function saveRules(
    rules: unknown,
    signal?: AbortSignal,
  ): Promise<ApiResult<{ etag: string | null }>> {
    const body = JSON.stringify(rules);
    if (body === undefined)
      return { ok: false, error: clientError('BAD_REQUEST', 'The draft is not JSON data.') };
    if (new TextEncoder().encode(body).length > MAX_RULES_BYTES) {
      return { ok: false, error: clientError('TOO_LARGE', 'The draft is larger than 5 MB.') };
    }
    const result = await send({
      method: 'PUT',
      path: '/rules',
      body,
      headers: writeHeaders(),
      maxBytes: MAX_RESPONSE_BYTES,
      signal,
    });
    if (!result.ok) return result;
    if (result.response.status !== 200) return { ok: false, error: errorFromResponse(result.response) };
    return { ok: true, value: { etag: result.response.headers.get('ETag') } };
  }

  return { ...createApiClient(options), saveRules, signIn, session, signOut };
}
