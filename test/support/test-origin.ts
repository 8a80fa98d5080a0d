import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import type { DemoServer } from '../../server/demo.ts';

const root = resolve(import.meta.dirname, '../..');

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** A handler that may answer a request before the static files are looked at (the reference API). */
export type OriginRoute = (req: IncomingMessage, res: ServerResponse) => Promise<boolean> | boolean;

export interface TestOrigin {
  url: string;
  close(): Promise<void>;
}

/**
 * The clinic server on the test origin: `/api` is shared by every browser test of a run (a fresh
 * PGlite database per run, the sample clinic's rules), and `/sandbox/NAME/api` gives a test a clinic
 * of its own (created on first use with the same rules), when it must not see other tests' bookings.
 * The sandbox's session cookie is scoped to `/sandbox/NAME/api`, the path the browser sees.
 *
 * `POST /sandbox/NAME/test-staff` with `{"role":"admin"|"staff"}` creates a staff account of that
 * sandbox clinic with a random password and answers `{ email, password }` (201), so a browser test
 * can sign in for real. It exists only here, in the test origin: the clinic server has no route
 * that creates an account without an administrator's session (accounts come from
 * `npm run admin:create` or `POST /staff/members`).
 *
 * `GET /sandbox/NAME/test-offers` answers `{ tokens }`: the tokens of the earlier-time offers the
 * server has sent for that sandbox clinic, oldest first, once the messages in flight have gone out,
 * so a browser test can follow an offer's email link as a patient would. The server keeps offer
 * tokens only as hashes: only its outbox, here the demo's memory, has them.
 */
export async function apiRoutes(): Promise<{
  route: OriginRoute;
  warm(): Promise<void>;
  close(): Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'clinic-api-'));
  const sample = join(root, 'public/sample-clinic.json');
  const rulesFile = existsSync(sample) ? sample : join(root, 'server/fixtures/small-clinic.json');
  // Opened on first use, so a broken server module answers 503 on /api instead of failing every browser test.
  let opened: Promise<{ demo: DemoServer; sandboxes: Map<string, Promise<void>> }> | null = null;
  const open = () => {
    opened ??= import('../../server/demo.ts').then(async ({ openDemo }) => ({
      demo: await openDemo({ dataDir: dir, rulesFile }),
      sandboxes: new Map<string, Promise<void>>(),
    }));
    return opened;
  };

  const route: OriginRoute = async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const staff = /^\/sandbox\/([\w-]{1,64})\/test-staff$/.exec(path);
    const offers = /^\/sandbox\/([\w-]{1,64})\/test-offers$/.exec(path);
    const sandbox = staff ?? offers ?? /^\/sandbox\/([\w-]{1,64})\/api(?:\/|$)/.exec(path);
    if (!sandbox && path !== '/api' && !path.startsWith('/api/')) return false;
    try {
      const { demo, sandboxes } = await open();
      if (sandbox) {
        const name = sandbox[1] ?? '';
        const clinicId = `sb-${name.toLowerCase().replaceAll('_', '-')}`.slice(0, 63);
        let ready = sandboxes.get(clinicId);
        if (!ready) {
          ready = (async () => {
            const { createClinic } = await import('../../server/store/clinics.ts');
            const { seedRules } = await import('../../server/rules/seed.ts');
            await createClinic(demo.server.db, clinicId, 'Sandbox clinic', Date.now());
            await seedRules(demo.server.db, clinicId, rulesFile, Date.now());
          })();
          sandboxes.set(clinicId, ready);
        }
        await ready;
        if (staff) {
          await createTestStaff(req, res, demo, clinicId);
          return true;
        }
        if (offers) {
          await demo.server.context.outbox?.settled();
          const tokens = demo.outbox.offers(clinicId).map((message) => message.offer?.token ?? '');
          res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
          res.end(JSON.stringify({ tokens }));
          return true;
        }
        req.url = (req.url ?? '/').replace(`/sandbox/${name}/api`, `/c/${clinicId}/api`);
        cookiesAt(res, `/c/${clinicId}/api`, `/sandbox/${name}/api`);
      }
      return demo.handle(req, res);
    } catch (error) {
      res.writeHead(503, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify({ code: 'SERVER', message: `Reference API unavailable: ${(error as Error).message}` }),
      );
      return true;
    }
  };
  return {
    route,
    // Opening PGlite and migrating takes seconds on a busy machine: done at setup, so the first
    // test's request does not pay for it inside its own timeout. A failure still shows as 503 on
    // the first request, as before.
    warm: () =>
      open().then(
        () => undefined,
        () => undefined,
      ),
    close: async () => {
      if (opened) await (await opened).demo.server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** `POST /sandbox/NAME/test-staff` (see `apiRoutes`): a staff account with a random password. */
async function createTestStaff(
  req: IncomingMessage,
  res: ServerResponse,
  demo: DemoServer,
  clinicId: string,
) {
  let body = '';
  for await (const chunk of req) body += chunk;
  const role = req.method === 'POST' ? (JSON.parse(body || '{}') as { role?: unknown }).role : null;
  if (role !== 'admin' && role !== 'staff') {
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end('test-staff: POST {"role":"admin"|"staff"}');
    return;
  }
  const { createStaffMember } = await import('../../server/routes/staff.ts');
  const email = `${role}-${randomBytes(6).toString('hex')}@sandbox.example`;
  const password = randomBytes(18).toString('base64url');
  await createStaffMember(demo.server.db, clinicId, { email, password, role }, Date.now());
  res.writeHead(201, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify({ email, password }));
}

/** Rewrites the `Path` of the cookies `res` sets from the server's path to the one the browser asked for. */
function cookiesAt(res: ServerResponse, serverPath: string, browserPath: string): void {
  const rewrite = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(rewrite);
    return typeof value === 'string' ? value.replace(`Path=${serverPath}`, `Path=${browserPath}`) : value;
  };
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) =>
    setHeader(name, name.toLowerCase() === 'set-cookie' ? (rewrite(value) as string[]) : value);
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((...args: unknown[]) => {
    for (const arg of args) {
      if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) continue;
      const headers = arg as Record<string, unknown>;
      for (const key of Object.keys(headers))
        if (key.toLowerCase() === 'set-cookie') headers[key] = rewrite(headers[key]);
    }
    return writeHead(...args);
  }) as ServerResponse['writeHead'];
}

/**
 * `/csp-page?csp=POLICY&widget=self|cdn[&nonce=N][&worker-url=self]`: a clinic's page with the
 * built widget, served with `Content-Security-Policy: POLICY`, for test/embed/strict-csp.browser.test.ts.
 * The widget's script comes from this origin (`self`) or from the other name of this server, as
 * from a CDN (`cdn`, through a small loader script); `nonce` marks the page's scripts;
 * `worker-url=self` points the widget at the self-hosted worker. The reporter script
 * (test/fixtures/embed/strict-csp.js) runs first and posts what it saw to the parent frame.
 */
export const cspPageRoute: OriginRoute = (req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname !== '/csp-page') return false;
  const csp = url.searchParams.get('csp');
  const widget = url.searchParams.get('widget');
  const nonce = url.searchParams.get('nonce');
  const workerUrl = url.searchParams.get('worker-url');
  if (!csp || (widget !== 'self' && widget !== 'cdn') || (nonce !== null && !/^\w+$/.test(nonce))) {
    res.writeHead(400).end('csp-page: needs csp, widget=self|cdn and an alphanumeric nonce if any');
    return true;
  }
  const nonceAttribute = nonce === null ? '' : ` nonce="${nonce}"`;
  const script = widget === 'cdn' ? '/test/fixtures/embed/cdn-loader.js' : '/dist/clinic-scheduler.js';
  const workerAttribute = workerUrl === 'self' ? ' worker-url="/dist/slots-worker.js"' : '';
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Clinic page under a Content-Security-Policy</title>
    <!-- The reporter first: it must hear every violation the widget could cause. -->
    <script${nonceAttribute} src="/test/fixtures/embed/strict-csp.js"></script>
    <script${nonceAttribute} src="${script}"></script>
  </head>
  <body>
    <h1>Book a visit</h1>
    <clinic-scheduler api-base="/sandbox/csp-page/api"${workerAttribute}></clinic-scheduler>
  </body>
</html>
`;
  res.writeHead(200, {
    'Content-Type': contentTypes['.html']!,
    'Cache-Control': 'no-store',
    'Content-Security-Policy': csp,
  });
  res.end(html);
  return true;
};

/**
 * A plain static server over the repository (dist/, test/fixtures/, public/), on another origin
 * than the Vitest page. Every response allows any origin, like a CDN would. An HTML file
 * `x.html` with a sibling `x.html.headers.json` gets those headers too: that is how the worker
 * client's fixture pages (test/fixtures/workers/) set their Content-Security-Policy. Under
 * `/no-cors/` the same files come WITHOUT that header, as from a misconfigured CDN.
 */
export async function startTestOrigin(routes: OriginRoute[] = []): Promise<TestOrigin> {
  const server = createServer(async (req, res) => {
    const requested = new URL(req.url ?? '/', 'http://x').pathname;
    const withoutCors = requested.startsWith('/no-cors/');
    if (!withoutCors) res.setHeader('Access-Control-Allow-Origin', '*');
    for (const route of routes) if (await route(req, res)) return;
    const path = normalize(decodeURIComponent(withoutCors ? requested.slice('/no-cors'.length) : requested));
    const file = join(root, path);
    if (!file.startsWith(root) || path.includes('node_modules')) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      const headers: Record<string, string> = {
        'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
      };
      if (file.endsWith('.html')) {
        const extra = await readFile(`${file}.headers.json`, 'utf8').catch(() => '{}');
        Object.assign(headers, JSON.parse(extra));
      }
      res.writeHead(200, headers).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
