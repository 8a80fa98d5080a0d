/**
 * The clinic API's read side as the benchmarks need it, served the way a server with busy windows
 * serves it (docs/api.md): `GET /api/rules` as format version 2 without bookings and
 * `GET /api/busy/{YYYY-MM}` built by `server/busy-window.ts` from the clinic's bookings, each with
 * a strong ETag, `Cache-Control: public, no-cache`, `304` on a match and gzip compressed once per
 * ETag. Bookings are not taken: the benchmarks only show the first slots. Also the CDN that serves
 * the built files, and a listener for both.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { type BusyRow, buildBusyWindow, monthRange } from '../server/busy-window.ts';
import { windowedRules } from '../src/api/rules-forms.ts';
import type { RulesDocument } from '../src/engine/types.ts';

/** Answers `/api/...` requests (true), or leaves the request alone (false). */
export function contractApi(rules: RulesDocument, rows: readonly BusyRow[]) {
  const bodies = new Map<string, { text: string; etag: string; gzip: Buffer }>();
  const body = (key: string, make: () => unknown) => {
    let known = bodies.get(key);
    if (!known) {
      const text = JSON.stringify(make());
      const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 32)}"`;
      known = { text, etag, gzip: gzipSync(text) };
      bodies.set(key, known);
    }
    return known;
  };
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (!path.startsWith('/api/')) return false;
    const month = /^\/api\/busy\/([^/]+)$/.exec(path)?.[1];
    let served: { text: string; etag: string; gzip: Buffer } | null = null;
    if (path === '/api/rules') served = body('rules', () => windowedRules(rules));
    else if (month !== undefined && monthRange(month) !== null)
      served = body(month, () => buildBusyWindow(rules, month, rows));
    if (served === null) {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"code":"NOT_FOUND"}');
      return true;
    }
    const headers = { ETag: served.etag, 'Cache-Control': 'public, no-cache', Vary: 'Accept-Encoding' };
    if (req.headers['if-none-match'] === served.etag) {
      res.writeHead(304, headers).end();
      return true;
    }
    res.writeHead(200, {
      ...headers,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Encoding': 'gzip',
      'Content-Length': String(served.gzip.length),
    });
    res.end(served.gzip);
    return true;
  };
}

const dist = resolve(import.meta.dirname, '../dist');

/** Serves `handler` on a free port of `host`; a handler that throws answers 500. */
export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  host = '127.0.0.1',
) {
  const server = createServer((req, res) => {
    handler(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((done) => server.listen(0, host, done));
  return { server, port: (server.address() as AddressInfo).port };
}

/** The built files under `/dist/`, compressed and immutable as a CDN serves release files, to any origin. */
export function serveDist(encoding: 'gzip' | 'br') {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const name = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/dist\//, '');
    if (!/^[\w.-]+\.m?js$/.test(name)) {
      res.writeHead(404).end();
      return;
    }
    const file = await readFile(join(dist, name));
    const body = encoding === 'br' ? brotliCompressSync(file) : gzipSync(file);
    res.writeHead(200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Content-Encoding': encoding,
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': 'public, max-age=31536000, immutable',
    });
    res.end(body);
  };
}

/**
 * The embed snippet a benchmark's page uses (docs/embedding.md): `module` (the documented one,
 * `<script type="module">`) or, with `SNIPPET=classic`, the classic `<script src>`, which imports
 * the module after it has itself arrived: one more request in a row.
 */
export const SNIPPET = process.env.SNIPPET === 'classic' ? 'classic' : 'module';

/** The script tag of `SNIPPET` for the built files at `cdn`, and the URL of the file it names. */
export function snippetScript(cdn: string): { tag: string; url: string } {
  const url = `${cdn}/dist/${SNIPPET === 'module' ? 'clinic-scheduler.mjs' : 'clinic-scheduler.js'}`;
  return { url, tag: `<script ${SNIPPET === 'module' ? 'type="module"' : 'defer'} src="${url}"></script>` };
}

/** A clinic's home page: some text, and optionally the widget's snippet, its space reserved (docs/embedding.md). */
export function hostPage(cdn: string | null): string {
  const widget =
    cdn === null
      ? ''
      : `<clinic-scheduler api-base="/api" appointment-type="new-patient" provider="lee"></clinic-scheduler>
${snippetScript(cdn).tag}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Riverside Family Clinic</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:40rem;padding:1rem}
clinic-scheduler{display:block;min-height:960px}@media (min-width:768px){clinic-scheduler{min-height:760px}}</style>
</head><body>
<h1>Riverside Family Clinic</h1>
<p>Family medicine, pediatrics and telehealth in Riverside since 1998. Book a visit online below,
or call us at +1 555 0100 on weekdays from 8 to 6.</p>
${widget}
<h2>Our locations</h2>
<p>120 Main Street, Riverside. 48 Harbor Road, Riverside (children's center).</p>
</body></html>`;
}
