/**
 * CORS for every route: each request is answered under one of two policies, chosen by its path
 * and method (for a preflight, the method it asks about). The widget's endpoints answer the
 * embedding sites (any, by default); the staff endpoints and rules writes answer only the admin
 * origins, with their cookie. A policy's header values are made once, when the app is built, so
 * a request costs the choice, an origin look-up and a few headers: this hook runs on every
 * request, the `304`s of `GET /rules` included.
 *
 * A hook of its own rather than `@fastify/cors`: that plugin's per-request delegator rebuilt its
 * options on every request, about 5 % of the server's CPU on a `304` (docs/benchmarks.md). The
 * answers, as the API's tests pin them: `Vary: Origin` always; `Access-Control-Allow-Origin` `*`, or the request's origin when the policy
 * lists it (none otherwise, and the browser refuses); a preflight (`OPTIONS` with `Origin` and
 * `Access-Control-Request-Method`) answered `204` in the hook, before any other hook can refuse
 * it; any other `OPTIONS` request `400`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export interface CorsPolicy {
  /** Origins that may read the answers; `'*'` (or a list holding it) for any. */
  origins: readonly string[] | '*';
  /** Whether the browser may send cookies (`Access-Control-Allow-Credentials: true`). */
  credentials: boolean;
  methods: readonly string[];
  allowedHeaders: readonly string[];
  exposedHeaders: readonly string[];
  /** Seconds a browser may keep a preflight's answer. */
  maxAge: number;
}

/** A policy's header values, made once. */
interface Prepared {
  any: boolean;
  origins: ReadonlySet<string>;
  credentials: boolean;
  exposed: string;
  methods: string;
  allowed: string;
  maxAge: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    corsPreflightEnabled: boolean;
  }
}

function prepare(policy: CorsPolicy): Prepared {
  const any = policy.origins === '*' || policy.origins.includes('*');
  return {
    any,
    origins: new Set(any ? [] : policy.origins),
    credentials: policy.credentials,
    exposed: policy.exposedHeaders.join(', '),
    methods: policy.methods.join(', '),
    allowed: policy.allowedHeaders.join(', '),
    maxAge: String(policy.maxAge),
  };
}

/**
 * Adds the CORS hook and the `OPTIONS *` route to `app` (the root, so every route has them).
 * `isStaff(url, method)` chooses the staff policy over the patient one.
 */
export function registerCors(
  app: FastifyInstance,
  policies: { patient: CorsPolicy; staff: CorsPolicy },
  isStaff: (url: string, method: string) => boolean,
): void {
  const patient = prepare(policies.patient);
  const staff = prepare(policies.staff);
  app.decorateRequest('corsPreflightEnabled', false);
  app.addHook('onRequest', (request, reply, done) => {
    const preflight = request.raw.method === 'OPTIONS';
    const intended = preflight ? request.headers['access-control-request-method'] : request.method;
    const policy = isStaff(request.url, String(intended ?? '')) ? staff : patient;
    addVary(reply, 'Origin');
    const origin = request.headers.origin;
    if (policy.any) reply.header('Access-Control-Allow-Origin', '*');
    else if (origin !== undefined && policy.origins.has(origin)) {
      reply.header('Access-Control-Allow-Origin', origin);
    }
    if (policy.credentials) reply.header('Access-Control-Allow-Credentials', 'true');
    if (policy.exposed) reply.header('Access-Control-Expose-Headers', policy.exposed);
    if (!preflight) return done();
    answerPreflight(request, reply, policy);
  });
  // Lets Fastify route an `OPTIONS` request to any path; the hook above has answered it.
  app.options('*', (request, reply) => {
    if (!request.corsPreflightEnabled) return reply.callNotFound();
    return reply.send();
  });
}

function answerPreflight(request: FastifyRequest, reply: FastifyReply, policy: Prepared): void {
  if (!request.headers.origin || !request.headers['access-control-request-method']) {
    reply.status(400).type('text/plain').send('Invalid Preflight Request');
    return;
  }
  request.corsPreflightEnabled = true;
  reply
    .header('Access-Control-Allow-Methods', policy.methods)
    .header('Access-Control-Allow-Headers', policy.allowed)
    .header('Access-Control-Max-Age', policy.maxAge)
    .code(204)
    .header('Content-Length', '0')
    .send();
}

/**
 * `field` added to the reply's `Vary`, keeping what is there: the answer differs by that request
 * header (`Origin` for CORS, `Accept-Encoding` for gzip), so shared caches keep such answers apart.
 */
export function addVary(reply: FastifyReply, field: string): void {
  const vary = reply.getHeader('vary');
  if (vary === undefined) {
    reply.header('Vary', field);
    return;
  }
  const value = String(vary);
  const listed = value.split(',').some((name) => name.trim().toLowerCase() === field.toLowerCase());
  if (value.trim() === '*' || listed) return;
  reply.header('Vary', `${value}, ${field}`);
}
