/**
 * The clinic's SMART Scheduling Links publication: `GET {api}/smart/$bulk-publish` (the manifest)
 * and the NDJSON files it lists (`locations.ndjson`, `schedules.ndjson`, `slots-YYYY-Www.ndjson`),
 * made from the current saved rules and the clinic's bookings (as busy time).
 *
 * The slots are generated in a worker thread with a deadline and a heap limit
 * (`publishInWorker`), never on the request's thread: a document that makes the engine run too
 * long or too big costs one terminated thread and a named 503, never the process. The files are
 * made once and kept: the rules version and the bookings are read again at most once a minute
 * (`SMART_CHECK_MS`, the shortest polling interval the specification allows its clients), and the
 * files are made again only when either changed, or when they are five minutes old
 * (`SMART_MAX_AGE_MS`), since time alone closes slots (notice, today's past hours).
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { publishInWorker } from '../../interop/publish-in-worker.ts';
import { MANIFEST_PATH } from '../../interop/publish-smart.ts';
import type { ServerContext } from '../context.ts';
import { HttpError, notFound } from '../errors.ts';
import { currentBookings, withBookingsAsBusy } from '../rules/bookings-as-busy.ts';
import { etagOf } from '../rules/catalog.ts';

const gzipAsync = promisify(gzip);

/** How long a publication is served without reading the rules version and bookings again. */
export const SMART_CHECK_MS = 60_000;
/** The oldest a publication gets before it is made again even if nothing changed. */
export const SMART_MAX_AGE_MS = 300_000;
/** Consumers are asked to poll once a minute: bookings show in the files within that. */
export const SMART_CACHE_CONTROL = 'public, max-age=60';
/** The publishing thread's heap: a 91-day publication of the 30-provider clinic needs about 560 MB. */
export const SMART_HEAP_MB = 1024;
/** Publications kept in memory, one per clinic, least recently used first out. */
const KEPT_CLINICS = 32;

const DATA_FILE = /^(locations|schedules|slots-\d{4}-W\d{2})\.ndjson$/;

interface ServedFile {
  text: string;
  type: string;
  etag?: string;
  gzip?: Promise<Buffer>;
}

interface Publication {
  /** The rules version and a hash of the bookings the files were made from. */
  key: string;
  /** The clinic's clock when the files were made, and when the key was last read. */
  builtAt: number;
  checkedAt: number;
  files: Map<string, ServedFile> | null;
  /** Why there are no files (a 503 with a named code), kept as long as files would be. */
  error: HttpError | null;
}

interface ClinicState {
  current?: Publication;
  /** The check (and build) under way: concurrent requests wait for it rather than start their own. */
  pending?: Promise<Publication>;
}

const states = new WeakMap<ServerContext, Map<string, ClinicState>>();

export async function smartRoutes(app: FastifyInstance): Promise<void> {
  const context = app.clinic;
  // A stopping server terminates its publishing threads rather than wait for their deadline.
  const stopping = new AbortController();
  app.addHook('preClose', async () => stopping.abort());

  app.get('/smart/$bulk-publish', (request, reply) => serve(request, reply, MANIFEST_PATH));

  app.get<{ Params: { file: string } }>('/smart/:file', (request, reply) => {
    const { file } = request.params;
    // `%24bulk-publish`, the manifest's name percent-encoded, arrives here decoded.
    if (file === MANIFEST_PATH) return serve(request, reply, MANIFEST_PATH);
    if (!DATA_FILE.test(file)) throw notFound("There is no such file in the clinic's publication.");
    return serve(request, reply, file);
  });

  async function serve(request: FastifyRequest, reply: FastifyReply, path: string) {
    const settings = context.smart;
    if (!settings) {
      throw new HttpError(404, {
        code: 'NOT_PUBLISHED',
        message: 'This server does not publish SMART Scheduling Links: PUBLIC_BASE_URL is not set.',
      });
    }
    const publication = await publicationOf(context, request.clinicId, request, stopping.signal);
    if (publication.error) throw publication.error;
    const file = publication.files?.get(path);
    if (!file) {
      // A slot file of a week the current manifest no longer lists (the week has passed).
      throw notFound("There is no such file in the clinic's current publication.");
    }
    file.etag ??= etagOf(file.text);
    reply
      // Open to any origin whatever EMBED_ORIGINS says: the specification asks for public files.
      .header('Access-Control-Allow-Origin', '*')
      .header('ETag', file.etag)
      .header('Cache-Control', SMART_CACHE_CONTROL)
      .header('Vary', 'Accept-Encoding')
      .header('Last-Modified', new Date(publication.builtAt).toUTCString());
    if (etagMatches(request.headers['if-none-match'], file.etag)) return reply.code(304).send();
    reply.type(file.type);
    if (!/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) return reply.send(file.text);
    if (!file.gzip) {
      const zipping = gzipAsync(file.text);
      file.gzip = zipping;
      // A failed compression is tried again by the next request, not kept.
      zipping.catch(() => {
        if (file.gzip === zipping) file.gzip = undefined;
      });
    }
    return reply.header('Content-Encoding', 'gzip').send(await file.gzip);
  }
}

/** The clinic's publication: the kept one while fresh, else checked and, if need be, made again. */
async function publicationOf(
  context: ServerContext,
  clinicId: string,
  request: FastifyRequest,
  signal: AbortSignal,
): Promise<Publication> {
  let byClinic = states.get(context);
  if (!byClinic) {
    byClinic = new Map();
    states.set(context, byClinic);
  }
  const state = byClinic.get(clinicId) ?? {};
  // Most recently used last, so the first entry is the one to drop.
  byClinic.delete(clinicId);
  byClinic.set(clinicId, state);
  if (byClinic.size > KEPT_CLINICS) {
    const oldest = byClinic.keys().next().value;
    if (oldest !== undefined) byClinic.delete(oldest);
  }
  const now = context.now();
  const known = state.current;
  if (known && now >= known.checkedAt && now - known.checkedAt < SMART_CHECK_MS) return known;
  if (state.pending) return state.pending;
  const pending = refresh(context, clinicId, state, now, request, signal).finally(() => {
    if (state.pending === pending) state.pending = undefined;
  });
  state.pending = pending;
  return pending;
}

async function refresh(
  context: ServerContext,
  clinicId: string,
  state: ClinicState,
  now: number,
  request: FastifyRequest,
  signal: AbortSignal,
): Promise<Publication> {
  const settings = context.smart!;
  // 503 RULES_UNAVAILABLE for a clinic with no rules, as `GET /rules` answers.
  const loaded = await context.catalog.current(clinicId);
  const booked = loaded.rules ? await currentBookings(context, clinicId, now) : [];
  const key = `${loaded.version}\n${createHash('sha256').update(JSON.stringify(booked)).digest('base64url')}`;
  const known = state.current;
  if (known && known.key === key && now >= known.builtAt && now - known.builtAt < SMART_MAX_AGE_MS) {
    known.checkedAt = now;
    return known;
  }
  const made = (files: Map<string, ServedFile> | null, error: HttpError | null): Publication => {
    const publication = { key, builtAt: now, checkedAt: now, files, error };
    state.current = publication;
    return publication;
  };
  const retryAfter = { 'Retry-After': String(SMART_CHECK_MS / 1000) };
  if (!loaded.rules) {
    return made(
      null,
      new HttpError(
        503,
        {
          code: 'RULES_INVALID',
          message:
            "The clinic's rules have errors, so nothing is published until an administrator fixes them.",
        },
        retryAfter,
      ),
    );
  }
  const apiBase = clinicId === context.defaultClinic ? '/api' : `/c/${clinicId}/api`;
  const result = await publishInWorker(
    withBookingsAsBusy(loaded.rules, booked),
    [],
    {
      baseUrl: `${settings.publicBaseUrl}${apiBase}/smart`,
      bookingUrl: settings.bookingUrl.replaceAll('{clinic}', clinicId),
      now,
      days: settings.days,
    },
    { deadlineMs: settings.deadlineMs, maxOldGenerationSizeMb: SMART_HEAP_MB, signal },
  );
  if (!result.ok) {
    const { code, message } = result.error;
    // The code only: the message may quote an id from the rules, never anything of a patient.
    request.log.warn({ code }, 'the SMART Scheduling Links publication was not made');
    const named = code === 'INVALID_RULES' ? 'RULES_INVALID' : code;
    return made(null, new HttpError(503, { code: named, message }, retryAfter));
  }
  const files = new Map<string, ServedFile>();
  for (const [path, text] of Object.entries(result.files)) {
    files.set(path, {
      text,
      type:
        path === MANIFEST_PATH ? 'application/json; charset=utf-8' : 'application/fhir+ndjson; charset=utf-8',
    });
  }
  return made(files, null);
}

function etagMatches(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value.trim() === '*') return true;
  return value.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
