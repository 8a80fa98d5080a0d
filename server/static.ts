/**
 * The built files a production server serves beside its API: the widget's (`dist/*.js`, `*.mjs`,
 * for `<script src=".../clinic-scheduler/clinic-scheduler.js">`). Only those files are ever
 * served: never the data folder, the repository or anything else on disk.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export function staticFiles(distDir: string) {
  return async (app: FastifyInstance): Promise<void> => {
    await app.register(fastifyStatic, {
      root: distDir,
      prefix: '/clinic-scheduler/',
      // The widget's files, embedded by other sites: any origin may load them; names are not
      // content-hashed, so caches revalidate after five minutes.
      allowedPath: (path) => /^\/[\w.-]+\.(m?js|css|map)$/.test(path),
      index: false,
      dotfiles: 'deny',
      maxAge: 300_000,
      setHeaders: (res) => res.setHeader('Access-Control-Allow-Origin', '*'),
    });
  };
}
