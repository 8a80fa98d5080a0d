/**
 * Passes the Vitest page's `/sandbox/…` requests on to the test origin, so a browser test reaches
 * a sandbox clinic's API on the page's own origin: what the admin page needs, since its session
 * cookie is HttpOnly, SameSite=Strict and path-scoped, and a cross-site API never receives it.
 * The test origin's address comes from global-setup.ts (`CS_TEST_ORIGIN`), at request time.
 */
import { request } from 'node:http';
import type { Plugin } from 'vite';

export const TEST_ORIGIN_ENV = 'CS_TEST_ORIGIN';

export function sandboxProxy(): Plugin {
  return {
    name: 'clinic-scheduler:sandbox-proxy',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (!req.url?.startsWith('/sandbox/')) return next();
        const origin = process.env[TEST_ORIGIN_ENV];
        if (!origin) {
          res.writeHead(503, { 'Content-Type': 'text/plain' }).end('sandbox proxy: no test origin');
          return;
        }
        const target = new URL(req.url, origin);
        const upstream = request(
          target,
          { method: req.method, headers: { ...req.headers, host: target.host } },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        upstream.on('error', (error) => {
          if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
          res.end(`sandbox proxy: ${error.message}`);
        });
        req.pipe(upstream);
      });
    },
  };
}
