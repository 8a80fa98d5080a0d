/**
 * The admin's client for the clinic API: the patient's (client.ts) plus saving a draft as the
 * served rules. A module of its own so that the patient's page script never carries it.
 */
import { apiSender, createApiClient, MAX_RESPONSE_BYTES, MAX_RULES_BYTES } from './client.ts';
import { clientError, errorFromResponse } from './errors.ts';
import type { AdminApiClient, ApiClientOptions, ApiResult } from './types.ts';

/** Creates the admin's client for the API at `options.apiBase`. */
export function createAdminApiClient(options: ApiClientOptions): AdminApiClient {
  const { send } = apiSender(options);

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
    const result = await send({ method: 'PUT', path: '/rules', body, maxBytes: MAX_RESPONSE_BYTES, signal });
    if (!result.ok) return result;
    if (result.response.status !== 200) return { ok: false, error: errorFromResponse(result.response) };
    return { ok: true, value: { etag: result.response.headers.get('ETag') } };
  }

  return { ...createApiClient(options), saveRules };
}
