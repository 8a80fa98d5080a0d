import { mkdirSync, writeFileSync } from 'node:fs';
import { type IncomingHttpHeaders, request } from 'node:http';
import { join } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingRequest, FIXTURE_RULES, NOW, tempDir, WED_9AM } from './testing.ts';
import { clinicApiPlugin } from './vite-plugin.ts';

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
        dataFile: join(temp.dir, '.data/bookings.json'),
        now: () => NOW,
      }),
    ],
  });
  await server.listen();
  base = server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? '';
}, 20_000);

afterAll(async () => {
  await server.close();
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
      'Content-Type, Idempotency-Key, If-None-Match',
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
    expect(html).toContain(`href="/#booking=${manageToken}"`);
  });

  it('never serves the bookings folder, by any of the paths Vite resolves', async () => {
    // The test server's data folder is inside its root, as `.data/` is in the repository.
    const booked = await fetch(`${base}/api/bookings`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'leak-test' },
      body: JSON.stringify(bookingRequest({ start: WED_9AM + 30 * 60_000 })),
    });
    expect(booked.status).toBe(201);
    const file = join(temp.dir, '.data/bookings.json');
    const probes = [
      '/.data/bookings.json',
      '/.data/bookings.json?raw',
      '/.data/bookings.json?import',
      '/.data/bookings.json?url',
      '/.data/bookings.json?inline',
      '/%2Edata/bookings.json',
      '/%2edata%2Fbookings.json',
      '/.data//bookings.json',
      '/./.data/bookings.json',
      '/x/../.data/bookings.json',
      '/.DATA/bookings.json',
      '/.data/',
      '/.data',
      `/@fs${file}`,
      `/@fs${file}?raw`,
      `/@fs${temp.dir}/./.data/bookings.json`,
    ];
    for (const path of probes) {
      const response = await rawGet(`${base}${path}`, { Origin: 'http://localhost:3000' });
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.body).not.toContain('Maria');
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('stops the dev server from starting on a damaged bookings file, saying why', async () => {
    const dataFile = join(temp.dir, 'damaged/bookings.json');
    mkdirSync(join(temp.dir, 'damaged'));
    writeFileSync(dataFile, 'not json');
    await expect(
      createServer({
        configFile: false,
        root: temp.dir,
        logLevel: 'silent',
        server: { ws: false, watch: null },
        plugins: [clinicApiPlugin({ rulesFile: FIXTURE_RULES, dataFile })],
      }),
    ).rejects.toThrow(`The bookings file ${dataFile} could not be read: it is not valid JSON`);
  });
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
