/**
 * Mounts the reference clinic API in Vite's dev (and preview) server, for `npm start`: the API at
 * `/api`, and the demo's sample reminder email at `/demo/reminder`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { posix, relative, resolve, sep } from 'node:path';
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
    const dataDir = resolve(dataFile, '..');
    // Before every other middleware, Vite's static files, transforms and CORS included: the data
    // folder holds patients' details and manage tokens, and must not be readable by any path.
    server.middlewares.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
      if (!reachesFolder(req.url ?? '/', root, dataDir)) return next();
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end('Not found');
    });
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
    const ours = stack.splice(stack.length - 2, 2);
    stack.unshift(...ours);
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
    // Vite's own check as a second lock: its deny list covers `/@fs/`, `?raw` and `?import` too.
    config: () => ({ server: { fs: { deny: [...VITE_DEFAULT_DENY, '**/.data/**'] } } }),
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

/** Vite's default `server.fs.deny`, which a plugin's list would otherwise replace. */
const VITE_DEFAULT_DENY = ['.env', '.env.*', '*.{crt,pem}', '**/.git/**'];

/**
 * Whether a request path names the folder or anything in it, as Vite would resolve it: the path
 * decoded (twice, for `%252E`), `.` and `..` segments collapsed, `/@fs/` taken as a file-system
 * path and anything else as relative to the root. Compared case-insensitively, since a data folder
 * on a case-insensitive disk answers to `.DATA` as well.
 */
export function reachesFolder(url: string, root: string, folder: string): boolean {
  let path = url.split(/[?#]/)[0] ?? '/';
  for (let pass = 0; pass < 2; pass++) {
    try {
      path = decodeURIComponent(path);
    } catch {
      return true;
    }
  }
  path = posix.normalize(`/${path.replaceAll('\\', '/')}`);
  const onDisk = path.startsWith('/@fs/') ? path.slice('/@fs'.length) : resolve(root, `.${path}`);
  const inside = relative(folder.toLowerCase(), resolve(onDisk).toLowerCase());
  return inside === '' || (!inside.startsWith(`..${sep}`) && inside !== '..' && !inside.startsWith(sep));
}
