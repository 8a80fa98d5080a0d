import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookingRequest, FIXTURE_RULES, NOW, tempDir } from './testing.ts';
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
