/**
 * Answers a served text that any cache may keep and must revalidate (`GET /rules`, `GET /busy/…`):
 * a strong ETag, `304` on a matching `If-None-Match`, and the gzip made once per text.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { addVary } from '../cors.ts';
import type { ServedText } from '../rules/served.ts';

/** Shared caches (a CDN in front of the server) may store it; every use asks the server first. */
export const CACHEABLE = 'public, no-cache';

export function sendCacheable(request: FastifyRequest, reply: FastifyReply, served: ServedText) {
  reply.header('ETag', served.etag).header('Cache-Control', CACHEABLE);
  // Beside the CORS hook's `Origin`: a shared cache must not hand one site's answer to another.
  addVary(reply, 'Accept-Encoding');
  if (etagMatches(request.headers['if-none-match'], served.etag)) return reply.code(304).send();
  reply.type('application/json; charset=utf-8');
  if (!/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) return reply.send(served.text);
  return reply.header('Content-Encoding', 'gzip').send(served.gzip());
}

/** Whether `If-None-Match` names `etag` (weak comparison, as RFC 9110 asks for this header). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  // A browser revalidating sends back the one ETag it was given: no list to split.
  if (header === etag) return true;
  if (header.trim() === '*') return true;
  const wanted = bare(etag);
  return header.split(',').some((tag) => bare(tag) === wanted);
}

function bare(tag: string): string {
  return tag.trim().replace(/^W\//, '');
}
