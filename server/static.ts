/**
 * The built files a production server serves beside its API: the widget's (`dist/*.js`, `*.mjs`,
 * for `<script type="module" src=".../clinic-scheduler/clinic-scheduler.mjs">`) and the admin page
 * (`dist/admin/`, at `/admin/`). Only those are ever served: never the data folder, the
 * repository or anything else on disk.
 */
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** A chunk of the widget's module, named by the bundler with its content's hash (vite.config.ts). */
const HASHED_CHUNK = /[\\/]clinic-scheduler-[a-z]+-[\w-]{8}\.mjs$/;

export function staticFiles(distDir: string) {
  return async (app: FastifyInstance): Promise<void> => {
    await app.register(fastifyStatic, {
      root: distDir,
      prefix: '/clinic-scheduler/',
      // The widget's files, embedded by other sites: any origin may load them (a module from
      // another origin runs only with CORS). The entries' names are fixed, so caches revalidate
      // them after five minutes; the chunks' names carry their content's hash, so they never change.
      allowedPath: (path) => /^\/[\w.-]+\.(m?js|css|map)$/.test(path),
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
      index: false,
      maxAge: 300_000,
      setHeaders: (res) => res.setHeader('Access-Control-Allow-Origin', '*'),
    });
    await app.register(fastifyStatic, {
      root: join(distDir, 'admin'),
      prefix: '/admin/',
      decorateReply: false,
      index: ['admin.html'],
      dotfiles: 'deny',
      setHeaders: (res) => {
        res.setHeader('Cache-Control', 'no-cache');
        // Staff pages are never framed and run only their own scripts ('unsafe-eval' because the
        // raw JSON tab's schema check compiles its validator, as Ajv does).
        res.setHeader('X-Frame-Options', 'DENY');
        res.setHeader(
          'Content-Security-Policy',
          "default-src 'self'; script-src 'self' 'unsafe-eval'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:; frame-ancestors 'none'",
        );
      },
    });
  };
}
