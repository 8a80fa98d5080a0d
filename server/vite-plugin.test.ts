import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { type IncomingHttpHeaders, request } from 'node:http';
import { join } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingRequest, FIXTURE_RULES, NOW, tempDir, WED_9AM } from './testing.ts';
import { clinicApiPlugin, demoDataDir } from './vite-plugin.ts';

let temp: ReturnType<typeof tempDir>;
let server: ViteDevServer;
let base: string;

beforeAll(async () => {
  temp = tempDir();
  server = await createServer({
    configFile: false,
    root: temp.dir,
    logLevel: 'silent',
    optimizeDeps: { noDiscovery: true, include: [] },
    server: { host: '127.0.0.1', port: 0, ws: false, watch: null },
    plugins: [
      clinicApiPlugin({
        rulesFile: FIXTURE_RULES,
        dataDir: join(temp.dir, '.data'),
        now: () => NOW,
      }),
    ],
  });
  await server.listen();
  base = server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? '';
  // A new PGlite folder takes seconds to open, more on a loaded machine.
}, 60_000);

afterAll(async () => {
  await server?.close();
  temp.remove();
});

describe('the Vite plugin', () => {
  it('serves the API at /api, before Vite answers preflights for localhost only', async () => {
    const rules = await fetch(`${base}/api/rules`);
    expect(rules.status).toBe(200);
    expect(rules.headers.get('ETag')).toMatch(/^"[\w-]{32}"$/);
    const preflight = await fetch(`${base}/api/bookings`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://another-clinic-site.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,idempotency-key',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(preflight.headers.get('Access-Control-Allow-Headers')).toBe(
      'Content-Type, Idempotency-Key, If-None-Match, If-Match, X-CSRF-Token',
    );
  });

  it('shows the latest booking in the sample reminder email at /demo/reminder', async () => {
    const booked = await fetch(`${base}/api/bookings`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'plugin-test' },
      body: JSON.stringify(bookingRequest()),
    });
    expect(booked.status).toBe(201);
    const { manageToken } = (await booked.json()) as { manageToken: string };
    const page = await fetch(`${base}/demo/reminder`);
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('<td>Wednesday, December 2, 2026 at 9:00 AM (Eastern Standard Time)</td>');
    expect(html).toContain(`href="/#booking=${manageToken}&#38;action=reschedule"`);
  });

  it('keeps the API on its database through a restart, which opens the new server before closing the old', async () => {
    const booked = await fetch(`${base}/api/bookings`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'restart-test' },
      body: JSON.stringify(bookingRequest({ start: WED_9AM + 3_600_000 })),
    });
    expect(booked.status).toBe(201);
    const { manageToken } = (await booked.json()) as { manageToken: string };
    const before = server.config;
    await server.restart();
    // A failed restart leaves the old server serving, and says so only in Vite's log.
    expect(server.config).not.toBe(before);
    base = server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? '';
    expect((await fetch(`${base}/api/bookings/${manageToken}`)).status).toBe(200);
  }, 60_000);

  it('never serves the bookings folder, by any of the paths Vite resolves', async () => {
    // The test server's data folder is inside its root, as `.data/` is in the repository.
    const booked = await fetch(`${base}/api/bookings`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'leak-test' },
      body: JSON.stringify(bookingRequest({ start: WED_9AM + 30 * 60_000 })),
    });
    expect(booked.status).toBe(201);
    const file = join(temp.dir, '.data/pglite/PG_VERSION');
    const probes = [
      '/.data/pglite/PG_VERSION',
      '/.data/pglite/PG_VERSION?raw',
      '/.data/pglite/PG_VERSION?import',
      '/.data/pglite/PG_VERSION?url',
      '/.data/pglite/PG_VERSION?inline',
      '/%2Edata/pglite/PG_VERSION',
      '/%2edata%2Fpglite/PG_VERSION',
      '/.data//pglite/PG_VERSION',
      '/./.data/pglite/PG_VERSION',
      '/x/../.data/pglite/PG_VERSION',
      '/.DATA/pglite/PG_VERSION',
      '/.data/',
      '/.data',
      `/@fs${file}`,
      `/@fs${file}?raw`,
      `/@fs${temp.dir}/./.data/pglite/PG_VERSION`,
    ];
    for (const path of probes) {
      const response = await rawGet(`${base}${path}`, { Origin: 'http://localhost:3000' });
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.body).not.toContain('Maria');
      expect(response.body).not.toMatch(/^1[5-7]$/m);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('stops the dev server from starting on rules that do not validate, saying why', async () => {
    const rulesFile = join(temp.dir, 'broken-rules.json');
    writeFileSync(rulesFile, JSON.stringify({ version: 1 }));
    await expect(
      createServer({
        configFile: false,
        root: temp.dir,
        logLevel: 'silent',
        server: { ws: false, watch: null },
        plugins: [clinicApiPlugin({ rulesFile, dataDir: join(temp.dir, 'other-data') })],
      }),
    ).rejects.toThrow('The rules do not validate');
  }, 30_000);
});

describe('the demo data folder', () => {
  it('is outside the repository by default, under XDG_DATA_HOME, or where DEMO_DATA_DIR says', () => {
    expect(demoDataDir({}, '/home/ana', '/src/clinic-scheduler')).toBe(
      '/home/ana/.local/share/clinic-scheduler/demo',
    );
    expect(demoDataDir({ XDG_DATA_HOME: '/var/lib/ana' }, '/home/ana')).toBe(
      '/var/lib/ana/clinic-scheduler/demo',
    );
    // The XDG rule: a relative XDG_DATA_HOME is ignored.
    expect(demoDataDir({ XDG_DATA_HOME: 'data' }, '/home/ana')).toBe(
      '/home/ana/.local/share/clinic-scheduler/demo',
    );
    expect(demoDataDir({ DEMO_DATA_DIR: '../demo-data', XDG_DATA_HOME: '/x' }, '/home/ana', '/src/app')).toBe(
      '/src/demo-data',
    );
  });

  it('imports the old .data/bookings.json once, and serves neither folder', async () => {
    const root = tempDir();
    const outside = tempDir();
    const token = 'FocfGooYpSYs9TFNgNrzhw0CJfOlRbA_OH-tBdBULR0';
    mkdirSync(join(root.dir, '.data'));
    const old = {
      version: 1,
      bookings: [
        {
          id: 'old-1',
          tokenHash: createHash('sha256').update(token).digest('base64url'),
          appointmentTypeId: 'follow-up',
          providerId: 'dr-lee',
          start: WED_9AM,
          end: WED_9AM + 1_800_000,
          status: 'confirmed',
          mode: 'in-person',
          locationId: 'main',
          patient: bookingRequest().patient,
          createdAt: NOW - 1_000,
          updatedAt: NOW - 1_000,
        },
      ],
      idempotency: [],
      savedRules: null,
      outbox: [],
    };
    writeFileSync(join(root.dir, '.data/bookings.json'), JSON.stringify(old));
    const dataDir = join(outside.dir, 'demo');
    const start = () =>
      createServer({
        configFile: false,
        root: root.dir,
        logLevel: 'silent',
        optimizeDeps: { noDiscovery: true, include: [] },
        server: { host: '127.0.0.1', port: 0, ws: false, watch: null },
        plugins: [clinicApiPlugin({ rulesFile: FIXTURE_RULES, dataDir, now: () => NOW })],
      });
    let vite = await start();
    try {
      await vite.listen();
      let url = vite.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? '';
      expect(existsSync(join(dataDir, 'pglite/PG_VERSION'))).toBe(true);
      const renamed = readdirSync(join(root.dir, '.data'));
      expect(renamed).toEqual([`bookings.json.imported-${NOW}`]);
      const opened = await fetch(`${url}/api/bookings/${token}`);
      expect(opened.status).toBe(200);
      for (const path of [
        `/.data/${renamed[0]}`,
        `/.data/${renamed[0]}?raw`,
        `/@fs${root.dir}/.data/${renamed[0]}`,
        `/@fs${dataDir}/pglite/PG_VERSION`,
        `/@fs${dataDir}/pglite/PG_VERSION?raw`,
      ]) {
        const response = await rawGet(`${url}${path}`, {});
        expect({ path, status: response.status }).toEqual({ path, status: 404 });
        expect(response.body).not.toContain('Maria');
      }
      // A second start finds the database and imports nothing again.
      await vite.close();
      vite = await start();
      await vite.listen();
      url = vite.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? '';
      expect((await fetch(`${url}/api/bookings/${token}`)).status).toBe(200);
      expect(readdirSync(join(root.dir, '.data'))).toEqual(renamed);
    } finally {
      await vite.close();
      root.remove();
      outside.remove();
    }
  }, 60_000);
});

/** A GET that sends the path exactly as written (`fetch` would normalise `..` and `.`). */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  const { host } = new URL(url);
  const path = url.slice(url.indexOf(host) + host.length);
  return new Promise((done, fail) => {
    const [hostname, port] = host.split(':');
    const req = request({ hostname, port: Number(port), path, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}
