/**
 * Turns a non-success answer from the clinic API into an `ApiError`. The server's own `code` is
 * kept when the client knows it; otherwise the HTTP status decides. Messages are plain-English
 * defaults for developers: the widget shows its own translated text chosen by `code`.
 */
import type { RawResponse } from './http.ts';
import type { ApiError, ApiErrorCode, RulesProblem } from './types.ts';

const SERVER_CODES: ReadonlySet<string> = new Set<ApiErrorCode>([
  'SLOT_TAKEN',
  'VALIDATION',
  'NOT_FOUND',
  'EXPIRED',
  'BAD_REQUEST',
  'TOO_LARGE',
  'UNSUPPORTED_VERSION',
  'CHANGE_CUTOFF_PASSED',
  'CHANGES_NOT_ONLINE',
  'OFFER_EXPIRED',
]);

const DEFAULT_MESSAGES: Record<ApiErrorCode, string> = {
  NETWORK: "The clinic's server could not be reached.",
  TIMEOUT: "The clinic's server did not answer in time.",
  SERVER: "The clinic's server had a problem.",
  NOT_JSON: "The clinic's server did not answer with JSON.",
  UNSUPPORTED_VERSION: 'The rules document has an unsupported version.',
  BAD_WINDOW: "The clinic's busy times are not a busy window of the month asked for.",
  TOO_LARGE: 'The request or response is too large.',
  SLOT_TAKEN: 'That time was just taken.',
  VALIDATION: 'Some details were not accepted.',
  NOT_FOUND: 'That booking was not found.',
  EXPIRED: 'That booking link has expired.',
  BAD_REQUEST: 'The request was refused.',
  CHANGE_CUTOFF_PASSED: 'The booking can no longer be changed online.',
  CHANGES_NOT_ONLINE: 'The clinic does not take this change online.',
  OFFER_EXPIRED: 'That earlier-slot offer no longer works.',
  ABORTED: 'The request was cancelled.',
};

/** The error for an answer with status ≥ 300 (or an unexpected one). */
export function errorFromResponse(response: RawResponse): ApiError {
  const body = parseObject(response.text);
  const serverCode = typeof body?.code === 'string' ? body.code : null;
  const code = chooseCode(response.status, serverCode);
  const message =
    typeof body?.message === 'string' && body.message.length > 0 ? body.message : DEFAULT_MESSAGES[code];
  const error: ApiError = { code, message, status: response.status };
  const fieldErrors = readFieldErrors(body?.fieldErrors);
  const problems = readProblems(body?.errors);
  if (problems) {
    error.problems = problems;
    error.fieldErrors = Object.fromEntries(problems.map((p) => [p.path, p.code]));
  }
  if (fieldErrors) error.fieldErrors = fieldErrors;
  if (typeof body?.reason === 'string' && /^[A-Z_]{1,40}$/.test(body.reason)) error.reason = body.reason;
  return error;
}

/** A default-message error, for failures found by the client itself. */
export function clientError(code: ApiErrorCode, message?: string, status?: number): ApiError {
  const error: ApiError = { code, message: message ?? DEFAULT_MESSAGES[code] };
  if (status !== undefined) error.status = status;
  return error;
}

function chooseCode(status: number, serverCode: string | null): ApiErrorCode {
  if (serverCode !== null && SERVER_CODES.has(serverCode)) return serverCode as ApiErrorCode;
  if (serverCode === 'INVALID_RULES') return 'VALIDATION';
  if (status >= 500) return 'SERVER';
  // A code the client does not know means the server refused for a reason of its own.
  if (serverCode !== null) return status >= 400 ? 'BAD_REQUEST' : 'SERVER';
  switch (status) {
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'SLOT_TAKEN';
    case 410:
      return 'EXPIRED';
    case 413:
      return 'TOO_LARGE';
    case 422:
      return 'VALIDATION';
    default:
      return status >= 400 ? 'BAD_REQUEST' : 'SERVER';
  }
}

/** `text` as a JSON object, or null when it is not JSON or not an object (an array, a string). */
export function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function readFieldErrors(value: unknown): Record<string, string> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const entries = Object.entries(value).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  return entries.length > 0 ? Object.fromEntries(entries) : null;
}

function readProblems(value: unknown): RulesProblem[] | null {
  if (!Array.isArray(value)) return null;
  const problems = value.filter(
    (p): p is RulesProblem =>
      typeof p === 'object' &&
      p !== null &&
      typeof p.code === 'string' &&
      typeof p.path === 'string' &&
      typeof p.message === 'string',
  );
  return problems.map(({ code, path, message }) => ({ code, path, message }));
}
