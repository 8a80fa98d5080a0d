/**
 * One HTTP exchange with the clinic API, made robust: a deadline per attempt, retries with
 * exponential backoff and jitter (network errors, timeouts and 5xx only), a byte cap on the
 * response counted while it streams, and every failure returned as a value.
 */
import type { ApiError } from './types.ts';

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

export type Exchange = { ok: true; response: RawResponse } | { ok: false; error: ApiError };

export interface RequestSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Responses longer than this are refused with `TOO_LARGE`. */
  maxBytes: number;
  signal?: AbortSignal;
  /**
   * The browser's HTTP cache mode. Default `no-store`: the client revalidates with its own
   * If-None-Match. `no-cache` lets the HTTP cache revalidate a copy it holds from an earlier visit.
   */
  cache?: RequestCache;
  /** False for a write that a second attempt after a lost answer would misreport: sent once. */
  retryable?: boolean;
}

export interface RetryPolicy {
  fetch: typeof fetch;
  timeoutMs: number;
  retries: number;
  retryBaseMs: number;
}

class TooLarge extends Error {}

/** Sends `spec`, retrying what may succeed on a second try. The same headers (and so the same idempotency key) go with every attempt. */
export async function exchange(spec: RequestSpec, policy: RetryPolicy): Promise<Exchange> {
  let outcome: Exchange = await attempt(spec, policy);
  const retries = spec.retryable === false ? 0 : policy.retries;
  for (let retry = 1; retry <= retries && isRetryable(outcome); retry++) {
    const waited = await sleep(backoffMs(retry, policy.retryBaseMs), spec.signal);
    if (!waited) return aborted();
    outcome = await attempt(spec, policy);
  }
  return outcome;
}

function isRetryable(outcome: Exchange): boolean {
  if (outcome.ok) return outcome.response.status >= 500;
  return outcome.error.code === 'NETWORK' || outcome.error.code === 'TIMEOUT';
}

/** Exponential backoff with jitter, so many widgets retrying after an outage don't arrive in step. */
function backoffMs(retry: number, baseMs: number): number {
  const exponential = baseMs * 2 ** (retry - 1);
  return exponential / 2 + Math.random() * (exponential / 2);
}

/** Resolves true after `ms`, or false as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

async function attempt(spec: RequestSpec, policy: RetryPolicy): Promise<Exchange> {
  if (spec.signal?.aborted) return aborted();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, policy.timeoutMs);
  const onAbort = () => controller.abort();
  spec.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const response = await policy.fetch(spec.url, {
      method: spec.method,
      headers: spec.headers,
      body: spec.body,
      signal: controller.signal,
      cache: spec.cache ?? 'no-store',
    });
    const text = await readCapped(response, spec.maxBytes);
    return { ok: true, response: { status: response.status, headers: response.headers, text } };
  } catch (cause) {
    if (spec.signal?.aborted) return aborted();
    if (timedOut)
      return failure('TIMEOUT', `The clinic's server did not answer within ${policy.timeoutMs} ms.`);
    if (cause instanceof TooLarge) {
      return failure('TOO_LARGE', `The response is larger than ${spec.maxBytes} bytes and was refused.`);
    }
    return failure('NETWORK', "The clinic's server could not be reached.");
  } finally {
    clearTimeout(timer);
    spec.signal?.removeEventListener('abort', onAbort);
  }
}

/** Reads the body as text, refusing it early when `Content-Length` or the bytes counted so far pass `maxBytes`. */
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('Content-Length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new TooLarge();
  }
  const reader = response.body?.getReader();
  if (!reader) {
    const text = await response.text();
    if (new TextEncoder().encode(text).length > maxBytes) throw new TooLarge();
    return text;
  }
  const decoder = new TextDecoder();
  let received = 0;
  let text = '';
  // Bounded: every pass adds a chunk's bytes and the loop stops past maxBytes; the attempt's deadline covers a stalled stream.
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

function aborted(): Exchange {
  return failure('ABORTED', 'The request was cancelled.');
}

function failure(code: ApiError['code'], message: string): Exchange {
  return { ok: false, error: { code, message } };
}
