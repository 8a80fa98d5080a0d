/**
 * Small HTTP helpers for the reference API: JSON answers, CORS, bodies read with a byte cap,
 * and `If-None-Match` matching. Nothing here logs: request bodies carry patient data.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error answer: always `{ code, message, ... }` JSON, never with patient data in it. */
export interface ErrorBody {
  code: string;
  message: string;
  [extra: string]: unknown;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super(body.message);
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(res, error.status, error.body);
}

export interface CorsOptions {
  /** `*` (the default, for the demo) or one exact origin. */
  allowOrigin: string;
}

/** CORS headers for every answer; the preflight itself is answered by the router. */
export function applyCors(req: IncomingMessage, res: ServerResponse, cors: CorsOptions): void {
  res.setHeader('Access-Control-Allow-Origin', cors.allowOrigin);
  if (cors.allowOrigin !== '*') res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Expose-Headers', 'ETag');
  if (req.method === 'OPTIONS') {
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, OPTIONS');
    res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Idempotency-Key, If-None-Match');
    res.setHeader('Access-Control-Max-Age', '600');
  }
}

/**
 * Reads a JSON request body of at most `maxBytes`. An empty body reads as `{}`. Fails with 413
 * past the cap (checked on `Content-Length` first, then on the bytes as they arrive), 415 for a
 * non-JSON content type and 400 for malformed JSON.
 */
export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    throw tooLarge(maxBytes);
  }
  const body = await collect(req, maxBytes);
  if (body.length === 0) return {};
  if (type !== '' && !/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new HttpError(415, {
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: 'Send the body as application/json.',
    });
  }
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, { code: 'BAD_REQUEST', message: 'The request body is not valid JSON.' });
  }
}

/**
 * The body's bytes, refused past `maxBytes`. The rest of an oversized body is drained rather than
 * the connection destroyed, so the client still receives the 413.
 */
function collect(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.resume();
      reject(tooLarge(maxBytes));
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

function tooLarge(maxBytes: number): HttpError {
  return new HttpError(413, {
    code: 'TOO_LARGE',
    message: `The request body is larger than ${maxBytes} bytes.`,
  });
}

/** Whether `If-None-Match` names `etag` (weak comparison, as RFC 9110 asks for this header). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => bare(tag) === bare(etag));
}
