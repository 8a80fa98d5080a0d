/**
 * Mounts the clinic server (demo mode, PGlite) in Vite's dev (and preview) server, for `npm start`:
 * the API at `/api` (and `/c/{clinicId}/api`), health checks, and the demo's sample reminder email
 * at `/demo/reminder`. The data folder lives outside the repository (`demoDataDir`), and it and
 * the old demo's `.data/` folder are never served, by any path Vite resolves.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { homedir } from 'node:os';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import type { Plugin, PreviewServer, ViteDevServer } from 'vite';
import { DEMO_ADMIN_EMAIL, type DemoServer, openDemo } from './demo.ts';

export interface ClinicApiPluginOptions {
  /** Default `public/sample-clinic.json`: the rules a new demo database starts with. */
  rulesFile?: string;
  /** The demo's data folder. Default `demoDataDir()`, outside the repository. */
  dataDir?: string;
  /**
   * The old demo's data folder inside the root, whose `bookings.json` is imported once (then
   * renamed). Default `.data`. Denied like the data folder: it holds patients' details.
   */
  legacyDataDir?: string;
  /** The clock, for tests. Default `Date.now`. */
  now?: () => number;
}

/**
 * Where the demo keeps its database: `DEMO_DATA_DIR` when set, else
 * `$XDG_DATA_HOME/clinic-scheduler/demo` (`~/.local/share/clinic-scheduler/demo` without it):
 * outside the repository, so outside what the dev server serves.
 */
export function demoDataDir(
  env: NodeJS.ProcessEnv = process.env,
  home = homedir(),
  cwd = process.cwd(),
): string {
  if (env.DEMO_DATA_DIR) return resolve(cwd, env.DEMO_DATA_DIR);
  const xdg =
    env.XDG_DATA_HOME && isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : join(home, '.local', 'share');
  return join(xdg, 'clinic-scheduler', 'demo');
}

/**
 * The demo opened on each data folder in this process, with how many dev servers use it. A
 * folder is PGlite's, one opener at a time, and Vite restarts a dev server (a config edit, `r`)
 * by starting the new one before closing the old: the new one takes the open demo over, as it
 * is (rules file and clock included), rather than open the folder a second time.
 */
const openDemos = new Map<string, { demo: Promise<DemoServer>; users: number }>();

function acquireDemo(dataDir: string, open: () => Promise<DemoServer>): Promise<DemoServer> {
  const known = openDemos.get(dataDir);
  if (known) {
    known.users += 1;
    return known.demo;
  }
  const demo = open();
  openDemos.set(dataDir, { demo, users: 1 });
  demo.catch(() => openDemos.delete(dataDir));
  return demo;
}

async function releaseDemo(dataDir: string): Promise<void> {
  const known = openDemos.get(dataDir);
  if (!known) return;
  known.users -= 1;
  if (known.users > 0) return;
  openDemos.delete(dataDir);
  await (await known.demo).server.close();
}

export function clinicApiPlugin(options: ClinicApiPluginOptions = {}): Plugin {
  const dataDirFor = (root: string) => (options.dataDir ? resolve(root, options.dataDir) : demoDataDir());

  async function install(server: ViteDevServer | PreviewServer): Promise<void> {
    const root = server.config.root;
    const dataDir = dataDirFor(root);
    const legacyDir = resolve(root, options.legacyDataDir ?? '.data');
    // Before every other middleware, Vite's static files, transforms and CORS included: both
    // folders hold patients' details, and must not be readable by any path.
    server.middlewares.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
      const url = req.url ?? '/';
      if (!reachesFolder(url, root, dataDir) && !reachesFolder(url, root, legacyDir)) return next();
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end('Not found');
    });
    // Opened now: a database that cannot be opened stops `npm start` with its explanation.
    const opened = await acquireDemo(dataDir, () =>
      openDemo({
        dataDir,
        rulesFile: resolve(root, options.rulesFile ?? 'public/sample-clinic.json'),
        legacyJsonStore: join(legacyDir, 'bookings.json'),
        ...(options.now ? { now: options.now } : {}),
      }),
    );
    // Let go when this dev server closes (a restart closes the old one without `close()`), and
    // Vite's own `close()` waits for the database's.
    let released: Promise<void> | null = null;
    const release = () => {
      released ??= releaseDemo(dataDir);
      return released;
    };
    server.httpServer?.once('close', () => void release());
    const closeVite = server.close.bind(server);
    server.close = async () => {
      try {
        await closeVite();
      } finally {
        await release();
      }
    };
    server.middlewares.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
      if (!opened.handle(req, res)) next();
    });
    // First in the stack: Vite's own CORS middleware would otherwise answer the API's preflights
    // for localhost origins only, and the API (unlike the dev server's source files) is for any origin.
    const stack = server.middlewares.stack;
    const ours = stack.splice(stack.length - 2, 2);
    stack.unshift(...ours);
    server.httpServer?.once('listening', () => {
      setTimeout(() => printWhere(server, dataDir, opened.newAdminPassword), 0);
    });
  }

  return {
    name: 'clinic-scheduler:clinic-server',
    // Vite's own check as a second lock: its deny list covers `/@fs/`, `?raw` and `?import` too.
    config: (user) => ({
      server: {
        fs: {
          deny: [
            ...VITE_DEFAULT_DENY,
            '**/.data/**',
            `${dataDirFor(resolve(user.root ?? process.cwd())).replaceAll('\\', '/')}/**`,
          ],
        },
      },
    }),
    configureServer: install,
    configurePreviewServer: install,
  };
}

function printWhere(
  server: ViteDevServer | PreviewServer,
  dataDir: string,
  newPassword: string | null,
): void {
  const base = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
  if (!base) return;
  const lines = [
    '',
    '  Riverside Family Clinic demo',
    `  ➜ Clinic website:  ${base}/`,
    `  ➜ Admin editor:    ${base}/admin.html`,
    `  ➜ Reminder email:  ${base}/demo/reminder`,
    `  ➜ Clinic API:      ${base}/api/rules`,
    `  ➜ Data folder:     ${dataDir}`,
    newPassword
      ? `  ➜ Admin sign-in:   ${DEMO_ADMIN_EMAIL} / ${newPassword}  (shown once; keep it)`
      : `  ➜ Admin sign-in:   ${DEMO_ADMIN_EMAIL} (password shown at first start; npm run admin:create -- --email … makes another)`,
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
