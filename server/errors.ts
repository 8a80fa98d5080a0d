/**
 * Error answers: always `{ code, message, ... }` JSON, never with patient data in them. Handlers
 * throw `HttpError`; the app's error handler sends it.
 */
export interface ErrorBody {
  code: string;
  message: string;
  [extra: string]: unknown;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

export type FieldErrors = Record<string, string>;

export function invalidFields(fieldErrors: FieldErrors, message?: string): HttpError {
  const count = Object.keys(fieldErrors).length;
  return new HttpError(422, {
    code: 'VALIDATION',
    message: message ?? `${count} field${count === 1 ? ' was' : 's were'} not accepted.`,
    fieldErrors,
  });
}

export const notFound = (message: string) => new HttpError(404, { code: 'NOT_FOUND', message });
