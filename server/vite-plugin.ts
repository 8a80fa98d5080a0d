/**
 * Mounts the reference clinic API in Vite's dev (and preview) server, for `npm start`: the API at
 * `/api`, and the demo's sample reminder email at `/demo/reminder`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import type { Plugin, PreviewServer, ViteDevServer } from 'vite';
import { type ApiHandler, createApiHandler } from './api-handler.ts';
import { renderReminderEmail } from './reminder-page.ts';

export interface ClinicApiPluginOptions {
  /** Default `public/sample-clinic.json`. */
  rulesFile?: string;
  /** Default `.data/bookings.json` (gitignored). */
  dataFile?: string;
  /** Where the API is mounted. Default `/api`. */
  mount?: string;
  /** The clock, for tests. Default `Date.now`. */
  now?: () => number;
}

export function clinicApiPlugin(options: ClinicApiPluginOptions = {}): Plugin {
  const mount = options.mount ?? '/api';
  let handler: ApiHandler | null = null;

  function install(server: ViteDevServer | PreviewServer): void {
    const root = server.config.root;
    const dataFile = resolve(root, options.dataFile ?? '.data/bookings.json');
    // Opened now: an unreadable bookings file stops `npm start` with its explanation.
    handler = createApiHandler({
      rulesFile: resolve(root, options.rulesFile ?? 'public/sample-clinic.json'),
      dataFile,
      now: options.now,
    });
    const api = handler;
    server.middlewares.use(mount, (req: IncomingMessage, res: ServerResponse) => {
      void api(req, res);
    });
    // First in the stack: Vite's own CORS middleware would otherwise answer the API's preflights
    // for localhost origins only, and the API (unlike the dev server's source files) is for any origin.
    const stack = server.middlewares.stack;
    const own = stack.pop();
    if (own) stack.unshift(own);
    server.middlewares.use(
      '/demo/reminder',
      (req: IncomingMessage, res: ServerResponse, next: () => void) => {
        if (req.method !== 'GET' || (req.url ?? '/').split('?')[0] !== '/') return next();
        const html = renderReminderEmail(api.latestEmail());
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(html);
      },
    );
    server.httpServer?.once('listening', () => {
      setTimeout(() => printWhere(server, mount, dataFile), 0);
    });
  }

  return {
    name: 'clinic-scheduler:reference-api',
    configureServer: install,
    configurePreviewServer: install,
  };
}

function printWhere(server: ViteDevServer | PreviewServer, mount: string, dataFile: string): void {
  const base = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
  if (!base) return;
  const lines = [
    '',
    '  Riverside Family Clinic demo',
    `  ➜ Clinic website:  ${base}/`,
    `  ➜ Admin editor:    ${base}/admin.html`,
    `  ➜ Reminder email:  ${base}/demo/reminder`,
    `  ➜ Clinic API:      ${base}${mount}/rules`,
    `  ➜ Bookings file:   ${dataFile}`,
    '',
  ];
  server.config.logger.info(lines.join('\n'));
}
