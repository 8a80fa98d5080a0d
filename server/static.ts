/**
 * The built files a production server serves beside its API: the widget's (`dist/*.js`, `*.mjs`,
 * for `<script type="module" src=".../clinic-scheduler/clinic-scheduler.mjs">`), the rules' JSON
 * Schemas (`/schema/`) and the admin page (`dist/admin/`: the default clinic's at `/admin/`, each
 * other clinic's at `/c/{id}/admin/`). Only those are ever served: never the data folder, the
 * repository or anything else on disk.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { addVary } from './cors.ts';
import { HttpError } from './errors.ts';
import { CLINIC_ID, findClinic } from './store/clinics.ts';

/**
 * A chunk of the widget's module, named by the bundler with its content's hash (vite.config.ts),
 * or its brotli or gzip copy (the path `setHeaders` sees is the file sent).
 */
const HASHED_CHUNK = /[\\/]clinic-scheduler-[a-z]+-[\w-]{8}\.mjs(\.br|\.gz)?$/;

export function staticFiles(distDir: string) {
  return async (app: FastifyInstance): Promise<void> => {
    // Security headers on the files and pages (nosniff, no referrer, and helmet's other defaults).
    // The admin page sets its own Content-Security-Policy and framing below; the widget's files are
    // for other sites' pages, so other origins may load them. Strict-Transport-Security is for the
    // TLS proxy in front to send: only it knows whether every host of the domain has TLS.
    await app.register(helmet, {
      contentSecurityPolicy: false,
      crossOriginResourcePolicy: { policy: 'cross-origin' },
      strictTransportSecurity: false,
    });
    // Each file's answer depends on the encodings the browser accepts (its brotli or gzip copy, or
    // itself): a shared cache must keep them apart.
    app.addHook('onSend', (_request, reply, payload, done) => {
      addVary(reply, 'Accept-Encoding');
      done(null, payload);
    });
    await app.register(fastifyStatic, {
      root: distDir,
      prefix: '/clinic-scheduler/',
      // The widget's files, embedded by other sites: any origin may load them (a module from
      // another origin runs only with CORS). The entries' names are fixed, so caches revalidate
      // them after five minutes; the chunks' names carry their content's hash, so they never change.
      allowedPath: (path) => /^\/[\w.-]+\.(m?js|css|map)$/.test(path),
      // The build's brotli and gzip copies (scripts/build.ts), to browsers that accept them.
      preCompressed: true,
      index: false,
      dotfiles: 'deny',
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader('Access-Control-Allow-Origin', '*');
        res.setHeader(
          'Cache-Control',
          HASHED_CHUNK.test(path) ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
        );
      },
    });
    await app.register(fastifyStatic, {
      root: join(distDir, 'schema'),
      prefix: '/schema/',
      decorateReply: false,
      preCompressed: true,
      index: false,
      maxAge: 300_000,
      setHeaders: (res) => res.setHeader('Access-Control-Allow-Origin', '*'),
    });
    await app.register(fastifyStatic, {
      root: join(distDir, 'admin'),
      prefix: '/admin/',
      decorateReply: false,
      index: ['admin.html'],
      preCompressed: true,
      dotfiles: 'deny',
      setHeaders: (res) => {
        for (const [name, value] of Object.entries(ADMIN_HEADERS)) res.setHeader(name, value);
      },
    });
    // The address staff type, without the folder's slash: the page's relative URLs need it.
    app.get('/admin', (_request, reply) => reply.redirect('/admin/', 308));
    const page = join(distDir, 'admin/admin.html');
    if (existsSync(page)) clinicAdminPages(app, readFileSync(page, 'utf8'));
  };
}

/** The admin page's own headers: staff pages are never framed and run only their own scripts. */
const ADMIN_HEADERS = {
  'Cache-Control': 'no-cache',
  'X-Frame-Options': 'DENY',
  // 'unsafe-eval' because the raw JSON tab's schema check compiles its validator, as Ajv does.
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self' 'unsafe-eval'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:; frame-ancestors 'none'",
};

/**
 * Each clinic's admin page, `/c/{id}/admin/`: the default clinic's page (its scripts and styles
 * stay at `/admin/assets/`) talking to that clinic's API, where its staff sign in. A clinic the
 * server does not hold has no page.
 */
function clinicAdminPages(app: FastifyInstance, html: string): void {
  const defaultBase = 'data-api-base="/api"';
  if (!html.includes(defaultBase))
    throw new Error(`admin.html: no ${defaultBase} to point at a clinic's API.`);
  const pageOf = async (clinicId: string): Promise<string> => {
    if (!CLINIC_ID.test(clinicId) || !(await findClinic(app.clinic.db, clinicId))) {
      throw new HttpError(404, { code: 'NOT_FOUND', message: 'There is no such clinic on this server.' });
    }
    return html.replace(defaultBase, `data-api-base="/c/${clinicId}/api"`);
  };
  app.get<{ Params: { clinicId: string } }>('/c/:clinicId/admin/', async (request, reply) => {
    const body = await pageOf(request.params.clinicId);
    return reply.headers(ADMIN_HEADERS).type('text/html; charset=utf-8').send(body);
  });
  app.get<{ Params: { clinicId: string } }>('/c/:clinicId/admin', async (request, reply) => {
    await pageOf(request.params.clinicId);
    return reply.redirect(`/c/${request.params.clinicId}/admin/`, 308);
  });
}
