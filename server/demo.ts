/**
 * The demo clinic (`npm start`): the clinic server in demo mode on PGlite in the demo's data
 * folder, with the sample clinic's rules, a demo admin account created (and its password printed)
 * once, the old JSON store imported once, and the sample reminder email page.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { readConfig } from './config.ts';
import { MemoryOutbox } from './messages/transport.ts';
import { renderReminderEmail, sentEmail } from './reminder-page.ts';
import { createStaffMember } from './routes/staff.ts';
import { type OpenedServer, openServer } from './server.ts';
import { listStaff } from './store/staff.ts';

export const DEMO_ADMIN_EMAIL = 'admin@demo.clinic';

export interface DemoServer {
  server: OpenedServer;
  outbox: MemoryOutbox;
  /** The demo admin's password, only on the start that created the account. */
  newAdminPassword: string | null;
  /** Answers the API, health and demo pages; returns false for anything else. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

export interface DemoOptions {
  /** The data folder (PGlite's files); never inside what a web server serves. */
  dataDir: string;
  rulesFile: string;
  now?: () => number;
  /** The old demo's JSON store to import once, if it exists. */
  legacyJsonStore?: string;
}

export async function openDemo(options: DemoOptions): Promise<DemoServer> {
  const outbox = new MemoryOutbox();
  const config = {
    ...readConfig({}),
    dataDir: join(options.dataDir, 'pglite'),
    databaseUrl: undefined,
    rulesFile: options.rulesFile,
    defaultClinicName: 'Riverside Family Clinic',
    demo: true,
    legacyJsonStore:
      options.legacyJsonStore && existsSync(options.legacyJsonStore) ? options.legacyJsonStore : undefined,
  };
  const server = await openServer(config, {
    transport: outbox,
    logger: false,
    ...(options.now ? { now: options.now } : {}),
  });
  const now = options.now ?? Date.now;
  let newAdminPassword: string | null = null;
  if ((await listStaff(server.db, config.defaultClinic)).length === 0) {
    newAdminPassword = randomBytes(12).toString('base64url');
    await createStaffMember(
      server.db,
      config.defaultClinic,
      { email: DEMO_ADMIN_EMAIL, password: newAdminPassword, role: 'admin' },
      now(),
    );
  }
  const ours = /^\/(api|c|healthz|readyz)(\/|\?|$)/;
  return {
    server,
    outbox,
    newAdminPassword,
    handle(req, res) {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (path === '/demo/reminder' && req.method === 'GET') {
        const html = renderReminderEmail(sentEmail(outbox.latest(config.defaultClinic)));
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(html);
        return true;
      }
      if (!ours.test(path)) return false;
      server.app.routing(req, res);
      return true;
    },
  };
}
