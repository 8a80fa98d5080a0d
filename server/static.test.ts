import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticFiles } from './static.ts';
import { FIXTURE_RULES, newClinic, openTestDatabase, type RunningApi, startApi, tempDir } from './testing.ts';

const dist = resolve(import.meta.dirname, '../dist');
let temp: ReturnType<typeof tempDir>;
let api: RunningApi;

beforeAll(async () => {
  temp = tempDir();
  const db = await openTestDatabase(temp.dir);
  // Rules as a file beside the format's schemas would have them (public/sample-clinic.json).
  const rules = join(temp.dir, 'rules.json');
  const fixture = JSON.parse(readFileSync(FIXTURE_RULES, 'utf8'));
  writeFileSync(rules, JSON.stringify({ $schema: './schema/rules-v1.json', ...fixture }));
  api = await startApi(db, await newClinic(db, rules), undefined, { extra: staticFiles(dist) });
}, 30_000);
afterAll(async () => {
  await api.close();
  await api.server.db.close();
  temp.remove();
});

function raw(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string; bytes: Buffer }> {
  const { hostname, port } = new URL(api.origin);
  return new Promise((done, fail) => {
    request({ hostname, port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        done({ status: res.statusCode ?? 0, headers: res.headers, body: bytes.toString('utf8'), bytes });
      });
    })
      .on('error', fail)
      .end();
  });
}

describe.runIf(existsSync(resolve(dist, 'admin/admin.html')))('the built files on the clinic server', () => {
  it('serves the widget’s files to any origin, and the admin page with its workers', async () => {
    const script = await raw('/clinic-scheduler/clinic-scheduler.mjs');
    expect(script.status).toBe(200);
    expect(script.headers['access-control-allow-origin']).toBe('*');
    expect(script.headers['cache-control']).toBe('public, max-age=300');
    expect((await raw('/clinic-scheduler/clinic-scheduler.js')).status).toBe(200);
    // A chunk's name changes with its content: a cache may keep it for good.
    const chunk = readdirSync(dist).find((file) => /^clinic-scheduler-later-[\w-]+\.mjs$/.test(file))!;
    const later = await raw(`/clinic-scheduler/${chunk}`);
    expect(later.status).toBe(200);
    expect(later.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // Its compressed copies are the same file.
    for (const encoding of ['br', 'gzip']) {
      const compressed = await raw(`/clinic-scheduler/${chunk}`, { 'Accept-Encoding': encoding });
      expect([compressed.headers['content-encoding'], compressed.headers['cache-control']]).toEqual([
        encoding,
        'public, max-age=31536000, immutable',
      ]);
    }
    const entry = await raw('/clinic-scheduler/clinic-scheduler.mjs', { 'Accept-Encoding': 'br' });
    expect(entry.headers['cache-control']).toBe('public, max-age=300');
    expect((await raw('/clinic-scheduler/slots-worker.js')).status).toBe(200);
    const admin = await raw('/admin/');
    expect(admin.status).toBe(200);
    expect(admin.headers['x-frame-options']).toBe('DENY');
    expect(admin.body).toContain('<div id="admin"');
    expect((await raw('/admin/assets/admin-worker.js')).status).toBe(200);
    // The schema of each rules version, as the admin page's raw JSON tab fetches it.
    expect((await raw('/schema/rules-v1.json')).status).toBe(200);
    expect(JSON.parse((await raw('/schema/rules-v2.json')).body).properties.version).toMatchObject({
      const: 2,
    });
  });

  it('sends each file compressed to a browser that accepts it, as the build compressed it, and says it varies', async () => {
    const file = readFileSync(resolve(dist, 'clinic-scheduler.mjs'));
    const answers = {
      br: await raw('/clinic-scheduler/clinic-scheduler.mjs', { 'Accept-Encoding': 'gzip, deflate, br' }),
      gzip: await raw('/clinic-scheduler/clinic-scheduler.mjs', { 'Accept-Encoding': 'gzip' }),
      none: await raw('/clinic-scheduler/clinic-scheduler.mjs'),
    };
    expect(answers.br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(answers.br.bytes).equals(file)).toBe(true);
    expect(answers.br.bytes.length).toBeLessThan(file.length / 3);
    expect(answers.gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(answers.gzip.bytes).equals(file)).toBe(true);
    expect(answers.none.headers['content-encoding']).toBeUndefined();
    expect(answers.none.bytes.equals(file)).toBe(true);
    for (const answer of Object.values(answers)) {
      expect(answer.headers.vary).toBe('Origin, Accept-Encoding');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['referrer-policy']).toBe('no-referrer');
      expect(answer.headers['strict-transport-security']).toBeUndefined();
      // Other sites' pages load the widget's files.
      expect(answer.headers['cross-origin-resource-policy']).toBe('cross-origin');
    }
    const page = await raw('/admin/', { 'Accept-Encoding': 'br' });
    expect([page.headers['content-encoding'], page.headers['x-frame-options']]).toEqual(['br', 'DENY']);
    expect(brotliDecompressSync(page.bytes).toString('utf8')).toContain('<div id="admin"');
  });

  it('sends /admin to /admin/, and serves each clinic’s admin page on its own API', async () => {
    const bare = await raw('/admin');
    expect([bare.status, bare.headers.location]).toEqual([308, '/admin/']);
    const page = await raw(`/c/${api.clinicId}/admin/`);
    expect(page.status).toBe(200);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.body).toContain(`data-api-base="/c/${api.clinicId}/api"`);
    const bareClinic = await raw(`/c/${api.clinicId}/admin`);
    expect([bareClinic.status, bareClinic.headers.location]).toEqual([308, `/c/${api.clinicId}/admin/`]);
    for (const path of ['/c/no-such-clinic/admin/', '/c/no-such-clinic/admin', '/c/Not..Valid/admin/']) {
      const answer = await raw(path);
      expect({ path, status: answer.status, body: JSON.parse(answer.body) }).toEqual({
        path,
        status: 404,
        body: { code: 'NOT_FOUND', message: 'There is no such clinic on this server.' },
      });
    }
  });

  it('serves nothing else from the disk, by any path', async () => {
    for (const path of [
      '/package.json',
      '/clinic-scheduler/../package.json',
      '/clinic-scheduler/%2e%2e/package.json',
      '/clinic-scheduler/types/engine/index.d.ts',
      '/admin/../../package.json',
      '/admin/%2e%2e/%2e%2e/server/config.ts',
      '/server/config.ts',
      '/.data/',
      '/data/',
      '/schema/',
      '/admin/..%5c..%5cpackage.json',
    ]) {
      const answer = await raw(path);
      // A climb out of a folder, or a folder itself, names nothing here either.
      expect({ path, status: answer.status, code: JSON.parse(answer.body).code }).toEqual({
        path,
        status: 404,
        code: 'NOT_FOUND',
      });
    }
  });

  it('serves the rules with a $schema that resolves, from their URL, to the schema it serves', async () => {
    const rulesUrl = `${api.url}/rules`;
    const { $schema } = (await (await fetch(rulesUrl)).json()) as { $schema: string };
    expect($schema).toBe('/schema/rules-v2.json');
    const schema = await raw(new URL($schema, rulesUrl).pathname);
    expect(schema.status).toBe(200);
    expect(JSON.parse(schema.body).title).toBe('Clinic scheduler rules document, version 2');
  });
});
