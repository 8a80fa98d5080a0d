/**
 * The clinic server as a Fastify app: the API at `/api` (the default clinic) and at
 * `/c/{clinicId}/api` (each clinic of a multi-clinic server), health checks, and, when asked, the
 * built widget files and admin page. Cross-cutting concerns are plugins and hooks here; routes
 * live in routes/, the booking step in booking/, SQL in store/.
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { clientKey } from './client-address.ts';
import type { ServerContext } from './context.ts';
import { registerCors } from './cors.ts';
import { HttpError } from './errors.ts';
import { bookingRoutes } from './routes/bookings.ts';
import { busyRoutes } from './routes/busy.ts';
import { healthRoutes } from './routes/health.ts';
import { offerRoutes } from './routes/offers.ts';
import { rulesRoutes } from './routes/rules.ts';
import { smartRoutes } from './routes/smart.ts';
import { staffRoutes } from './routes/staff.ts';
import { findClinic } from './store/clinics.ts';
import { DatabaseTimeoutError } from './store/database.ts';

export interface AppOptions {
  context: ServerContext;
  /** Fastify's logger: `false` for none, or pino options (a destination stream for tests). */
  logger?: FastifyServerOptions['logger'];
  /** Origins whose pages may embed the widget (CORS on the patient endpoints). Default any. */
  embedOrigins?: readonly string[] | '*';
  /** Requests per minute per clinic, on each instance. Default 6,000. */
  clinicRequestsPerMinute?: number;
  /** Requests per minute per client address (client-address.ts), on each instance. Default 1,200. */
  clientRequestsPerMinute?: number;
  /** Trust `X-Forwarded-*` from a proxy in front (for HTTPS detection and client addresses). */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /**
   * `Server-Timing: app;dur=…` on every answer: from the request's arrival at Fastify to its answer,
   * in milliseconds. For load tests, which tell by it the server's own time from the wait before
   * it; off by default, since a precise duration on every answer helps timing attacks (sign-in).
   */
  serverTiming?: boolean;
  /** Registers more routes at the top level (static files, demo pages). */
  extra?: (app: FastifyInstance) => Promise<void>;
  /** How long a request may take to arrive in full. Default 10 s. */
  requestTimeoutMs?: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    declaredRoutes: readonly { method: string; url: string }[];
  }
}

/** Staff endpoints and writes of rules (the widget only reads them). */
function isStaffRequest(url: string, method: string): boolean {
  const query = url.indexOf('?');
  const path = query < 0 ? url : url.slice(0, query);
  if (/\/api\/(staff|rules\/versions)(\/|$)/.test(path)) return true;
  return /\/api\/rules$/.test(path) && method.toUpperCase() !== 'GET' && method.toUpperCase() !== 'HEAD';
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: withSafeSerializers(options.logger ?? false),
    trustProxy: options.trustProxy ?? false,
    requestTimeout: options.requestTimeoutMs ?? 10_000,
    // Answered below in the API's own error shape instead.
    return503OnClosing: false,
    // A request id for every log line; never derived from the request.
    genReqId: () => crypto.randomUUID(),
    // Parsed JSON keeps no prototype tricks (`__proto__`, `constructor`): refused, not stripped.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    ajv: { customOptions: { allErrors: false, coerceTypes: false, removeAdditional: false } },
    // Errors before routing (a path that is not well-formed) answer like any other error.
    frameworkErrors: (error, _request, reply) => {
      const answer = toHttpError(error, undefined);
      (reply as FastifyReply).code(answer.status).header('Cache-Control', 'no-store').send(answer.body);
    },
  });
  // Bodies are JSON only. Fastify also parses text/plain by default, a type a page of any site
  // may send without a CORS preflight: such a body is refused as unsupported (415), not read as
  // a string and then named an invalid field.
  app.removeContentTypeParser('text/plain');
  app.decorate('clinic', options.context);
  // Every route as declared, for the OpenAPI document's check (server/openapi.test.ts).
  const declared: { method: string; url: string }[] = [];
  app.decorate('declaredRoutes', declared);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) declared.push({ method, url: route.url });
  });
  // While stopping, requests already being handled finish; new ones are turned away with a 503 a
  // load balancer retries elsewhere.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  // A request already being handled when the stop began answers with `Connection: close`: its
  // keep-alive connection would otherwise stay open (Fastify keeps them 72 s) and the stop would
  // wait for it, since Node closes only the connections idle at the moment of the stop. These
  // hooks run on every request, so they take a callback rather than make a promise each time.
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('Connection', 'close');
    if (options.serverTiming) reply.header('Server-Timing', `app;dur=${reply.elapsedTime.toFixed(1)}`);
    done(null, payload);
  });
  app.addHook('onRequest', (_request, reply, done) => {
    if (!closing) return done();
    reply.header('Connection', 'close').header('Retry-After', '1');
    done(
      new HttpError(503, {
        code: 'SHUTTING_DOWN',
        message: 'This server is stopping; please try again.',
      }),
    );
  });
  app.decorateRequest('clinicId', '');
  app.decorateRequest('apiBase', '');

  // A JSON answer is never read as anything else (the pages' own headers are helmet's: static.ts).
  // One fixed header in a callback hook: helmet's dozen, set on every API answer, took 40 % of the
  // throughput of a rules 304 (18,000 against 30,000 a second, interleaved runs on two cores).
  app.addHook('onRequest', (_request, reply, done) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    done();
  });
  await app.register(cookie);
  const embed = options.embedOrigins ?? '*';
  const patientCors = {
    origins: embed,
    credentials: false,
    methods: ['GET', 'POST', 'PUT'],
    allowedHeaders: ['Content-Type', 'Idempotency-Key', 'If-None-Match', 'If-Match', 'X-CSRF-Token'],
    exposedHeaders: ['ETag', 'Idempotent-Replayed'],
    maxAge: 600,
  };
  // Staff endpoints answer only the admin origins, with their cookie.
  const staffCors = {
    origins: options.context.adminOrigins,
    credentials: true,
    methods: ['GET', 'PUT', 'POST', 'DELETE'],
    allowedHeaders: ['Content-Type', 'If-Match', 'X-CSRF-Token'],
    exposedHeaders: ['ETag'],
    maxAge: 600,
  };
  registerCors(app, { patient: patientCors, staff: staffCors }, isStaffRequest);
  const limited = (request: FastifyRequest) => /^\/(api|c\/)/.test(request.url ?? '');
  await app.register(rateLimit, {
    global: true,
    // Counters kept (per store, least recently used dropped first): one per clinic here, one per
    // client address below, however many addresses a client rotates through.
    cache: 50_000,
    max: options.clinicRequestsPerMinute ?? 6_000,
    timeWindow: 60_000,
    // One busy clinic cannot starve the others: the budget is per clinic, not per server.
    keyGenerator: (request) => `clinic\n${clinicOf(request.params, options.context.defaultClinic)}`,
    allowList: (request) => !limited(request),
    errorResponseBuilder: (_request, context) => tooMany(context.ttl),
  });
  // Nor can one client spend its clinic's budget, which every patient of that clinic shares: each
  // address has a budget of its own, checked first, so its refused requests never reach the
  // clinic's count.
  const clientBudget = app.createRateLimit({
    max: options.clientRequestsPerMinute ?? 1_200,
    timeWindow: 60_000,
    keyGenerator: (request) => clientKey(request.ip) ?? '',
  });
  app.addHook('onRequest', (request, _reply, done) => {
    // Answered at once for what is not counted: the files, the health checks, the machine itself.
    if (!limited(request) || clientKey(request.ip) === null) return done();
    clientBudget(request).then((verdict) => {
      done(verdict.isAllowed || !verdict.isExceeded ? undefined : tooMany(verdict.ttl));
    }, done);
  });

  app.setErrorHandler((error, request, reply) => {
    const answer = toHttpError(error, request.routeOptions?.bodyLimit);
    if (answer.status >= 500) {
      // The error's name and message only: they come from the server's own code or the database
      // driver, never from a request body.
      request.log.error(
        {
          err: {
            name: (error as Error)?.name,
            message: (error as Error)?.message,
            code: (error as { code?: string })?.code,
          },
        },
        'request failed',
      );
    }
    reply
      .code(answer.status)
      .headers({ 'Cache-Control': 'no-store', ...answer.headers })
      .send(answer.body);
  });
  app.setNotFoundHandler((_request, reply) => {
    reply
      .code(404)
      .header('Cache-Control', 'no-store')
      .send({ code: 'NOT_FOUND', message: 'There is no such endpoint.' });
  });

  await app.register(healthRoutes);
  const api = async (scope: FastifyInstance) => {
    // Callback style, answered at once when the clinic is known: this runs on every API request.
    scope.addHook('onRequest', (request, _reply, done) => {
      const clinicId = clinicOf(request.params, options.context.defaultClinic);
      const exists = clinicExists(options.context, clinicId);
      if (exists === true) {
        admit(request, clinicId);
        return done();
      }
      exists.then((found) => {
        if (!found) return done(noSuchClinic());
        admit(request, clinicId);
        done();
      }, done);
    });
    await scope.register(rulesRoutes);
    await scope.register(busyRoutes);
    await scope.register(bookingRoutes);
    await scope.register(offerRoutes);
    await scope.register(staffRoutes);
    await scope.register(smartRoutes);
  };
  const admit = (request: FastifyRequest, clinicId: string) => {
    request.clinicId = clinicId;
    request.apiBase =
      clinicId === options.context.defaultClinic && !request.url.startsWith('/c/')
        ? '/api'
        : `/c/${clinicId}/api`;
  };
  await app.register(api, { prefix: '/api' });
  await app.register(api, { prefix: '/c/:clinicId/api' });
  if (options.extra) await app.register(options.extra);
  return app;
}

/**
 * Log lines name the request by method and path, with the manage token (the one secret a path can
 * carry) replaced and no query string: never a body, a header, a token or a patient's detail.
 */
function withSafeSerializers(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const base = logger === true ? {} : logger;
  return {
    ...base,
    serializers: {
      req: (request: { method?: string; url?: string; id?: string }) => ({
        method: request.method,
        path: safePath(request.url ?? ''),
      }),
      res: (reply: { statusCode?: number }) => ({ statusCode: reply.statusCode }),
    },
  };
}

export function safePath(url: string): string {
  const path = url.split(/[?#]/)[0] ?? '';
  return path.replace(/\/bookings\/[^/]+/, '/bookings/:token').replace(/\/offers\/[^/]+/, '/offers/:token');
}

function clinicOf(params: unknown, fallback: string): string {
  const id = (params as { clinicId?: unknown } | undefined)?.clinicId;
  return typeof id === 'string' ? id : fallback;
}

function noSuchClinic(): HttpError {
  return new HttpError(404, { code: 'NOT_FOUND', message: 'There is no such clinic on this server.' });
}

/** Known clinics, remembered for a minute: a request for an unknown one costs one query. */
const known = new WeakMap<ServerContext, Map<string, number>>();

/** `true` at once for a clinic seen in the last minute; otherwise the look-up's answer. */
function clinicExists(context: ServerContext, clinicId: string): true | Promise<boolean> {
  let seen = known.get(context);
  if (!seen) {
    seen = new Map();
    known.set(context, seen);
  }
  const at = seen.get(clinicId);
  if (at !== undefined && context.now() - at < 60_000) return true;
  // One look-up at a time per clinic: the requests of the moment the memory expires share it.
  let lookups = looking.get(context);
  if (!lookups) {
    lookups = new Map();
    looking.set(context, lookups);
  }
  const underWay = lookups;
  let pending = underWay.get(clinicId);
  if (!pending) {
    const remembered = seen;
    pending = findClinic(context.db, clinicId)
      .then((clinic) => {
        if (clinic) remembered.set(clinicId, context.now());
        return clinic !== null;
      })
      .finally(() => underWay.delete(clinicId));
    underWay.set(clinicId, pending);
  }
  return pending;
}

/** Look-ups of clinics under way, by clinic id. */
const looking = new WeakMap<ServerContext, Map<string, Promise<boolean>>>();

function tooMany(ttlMs: number): HttpError {
  const seconds = Math.ceil(ttlMs / 1000);
  return new HttpError(
    429,
    { code: 'RATE_LIMITED', message: `Too many requests; try again in ${seconds} seconds.` },
    { 'Retry-After': String(seconds) },
  );
}

/** Every failure as an `HttpError` with a named code: Fastify's own, the database's, ours. */
function toHttpError(error: unknown, bodyLimit: number | undefined): HttpError {
  if (error instanceof HttpError) return error;
  const fastify = error as {
    code?: string;
    statusCode?: number;
    validation?: { instancePath: string; keyword: string; params: Record<string, unknown> }[];
    message?: string;
  };
  if (fastify.validation) {
    const fieldErrors: Record<string, string> = {};
    for (const problem of fastify.validation) {
      if (problem.keyword === 'additionalProperty' || problem.keyword === 'additionalProperties') {
        fieldErrors[String(problem.params.additionalProperty)] = 'UNKNOWN';
      } else if (problem.keyword === 'required') {
        fieldErrors[String(problem.params.missingProperty)] = 'REQUIRED';
      } else {
        fieldErrors[problem.instancePath.split('/').pop() || 'body'] = 'INVALID';
      }
    }
    const count = Object.keys(fieldErrors).length;
    return new HttpError(422, {
      code: 'VALIDATION',
      message: `${count} field${count === 1 ? ' was' : 's were'} not accepted.`,
      fieldErrors,
    });
  }
  switch (fastify.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new HttpError(413, {
        code: 'TOO_LARGE',
        message: `The request body is larger than ${bodyLimit ?? 'the'} bytes${bodyLimit ? '' : ' this endpoint accepts'}.`,
      });
    case 'FST_ERR_BAD_URL':
      // A path that is not even well-formed names nothing on this server.
      return new HttpError(404, { code: 'NOT_FOUND', message: 'There is no such endpoint.' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new HttpError(415, {
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'Send the body as application/json.',
      });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new HttpError(400, {
        code: 'BAD_REQUEST',
        message: 'The request body is empty; send a JSON object.',
      });
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new HttpError(400, { code: 'BAD_REQUEST', message: 'The request body is not valid JSON.' });
    case '23503':
      // A foreign key's refusal: the clinic (or staff account) a write names was removed while the
      // request ran (`clinic:remove`), and the transaction rolled back with nothing written.
      return new HttpError(404, { code: 'NOT_FOUND', message: 'This clinic or account no longer exists.' });
  }
  if (
    error instanceof SyntaxError ||
    (fastify.statusCode === 400 && /JSON|prototype|constructor/i.test(fastify.message ?? ''))
  ) {
    return new HttpError(400, { code: 'BAD_REQUEST', message: 'The request body is not valid JSON.' });
  }
  if (error instanceof DatabaseTimeoutError) {
    return new HttpError(
      503,
      { code: 'DATABASE_TIMEOUT', message: 'The booking service is busy; please try again in a moment.' },
      { 'Retry-After': '2' },
    );
  }
  if (fastify.statusCode === 429) {
    return new HttpError(429, { code: 'RATE_LIMITED', message: 'Too many requests; try again later.' });
  }
  if (fastify.statusCode === 403 && fastify.code === undefined) {
    // The static files' refusal of a folder or of a path that climbs out of one: nothing is there.
    return new HttpError(404, { code: 'NOT_FOUND', message: 'There is no such endpoint.' });
  }
  if (fastify.statusCode && fastify.statusCode >= 400 && fastify.statusCode < 500) {
    return new HttpError(fastify.statusCode, {
      code: 'BAD_REQUEST',
      message: 'The request was not understood.',
    });
  }
  return new HttpError(500, {
    code: 'SERVER',
    message: 'The booking service had a problem; please try again.',
  });
}
