import { gzipSync } from 'node:zlib';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CorsPolicy, registerCors } from './cors.ts';
import { sendCacheable } from './routes/cacheable.ts';

const patient: CorsPolicy = {
  origins: ['https://clinic-site.example'],
  credentials: false,
  methods: ['GET', 'POST'],
  allowedHeaders: ['Content-Type', 'If-None-Match'],
  exposedHeaders: ['ETag'],
  maxAge: 600,
};
const staff: CorsPolicy = {
  origins: ['https://admin.clinic.example'],
  credentials: true,
  methods: ['GET', 'PUT'],
  allowedHeaders: ['Content-Type', 'X-CSRF-Token'],
  exposedHeaders: [],
  maxAge: 60,
};

const app = Fastify();
beforeAll(async () => {
  registerCors(app, { patient, staff }, (url, method) => url.startsWith('/staff') || method === 'PUT');
  app.get('/rules', async () => ({ ok: true }));
  app.get('/staff/session', async () => ({ ok: true }));
  app.get('/cached', (request, reply) =>
    sendCacheable(request, reply, { text: '{}', etag: '"v1"', gzip: () => gzipSync('{}') }),
  );
  await app.ready();
});
afterAll(() => app.close());

describe('registerCors', () => {
  it('reflects a listed origin, varies by origin, and gives an unlisted origin no Allow-Origin', async () => {
    const listed = await app.inject({ url: '/rules', headers: { origin: 'https://clinic-site.example' } });
    expect(listed.statusCode).toBe(200);
    expect(listed.headers['access-control-allow-origin']).toBe('https://clinic-site.example');
    expect(listed.headers['access-control-expose-headers']).toBe('ETag');
    expect(listed.headers['access-control-allow-credentials']).toBeUndefined();
    expect(listed.headers.vary).toBe('Origin');
    const other = await app.inject({ url: '/rules', headers: { origin: 'https://elsewhere.example' } });
    expect(other.statusCode).toBe(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('keeps Origin in Vary beside Accept-Encoding on a cacheable answer, so no cache mixes two sites', async () => {
    const cached = await app.inject({ url: '/cached', headers: { origin: 'https://clinic-site.example' } });
    expect(cached.headers['access-control-allow-origin']).toBe('https://clinic-site.example');
    expect(cached.headers.vary).toBe('Origin, Accept-Encoding');
    const notModified = await app.inject({
      url: '/cached',
      headers: { origin: 'https://clinic-site.example', 'if-none-match': '"v1"' },
    });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.headers.vary).toBe('Origin, Accept-Encoding');
  });

  it('answers any origin with * when the policy lists *', async () => {
    const any = Fastify();
    registerCors(any, { patient: { ...patient, origins: '*' }, staff }, () => false);
    any.get('/rules', async () => ({ ok: true }));
    const answer = await any.inject({ url: '/rules', headers: { origin: 'https://anywhere.example' } });
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    await any.close();
  });

  it('answers a preflight with 204 under the policy of the method it asks about', async () => {
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/rules',
      headers: { origin: 'https://admin.clinic.example', 'access-control-request-method': 'PUT' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['content-length']).toBe('0');
    expect(preflight.headers['access-control-allow-origin']).toBe('https://admin.clinic.example');
    expect(preflight.headers['access-control-allow-credentials']).toBe('true');
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, PUT');
    expect(preflight.headers['access-control-allow-headers']).toBe('Content-Type, X-CSRF-Token');
    expect(preflight.headers['access-control-max-age']).toBe('60');
    expect(preflight.headers['access-control-expose-headers']).toBeUndefined();
  });

  it('refuses an OPTIONS request that is no preflight with 400', async () => {
    const answer = await app.inject({
      method: 'OPTIONS',
      url: '/rules',
      headers: { origin: 'https://clinic-site.example' },
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.body).toBe('Invalid Preflight Request');
  });
});
