import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';

/**
 * docs/openapi.yaml checked without a YAML library (none is installed): an outline of its block
 * mappings by indentation, enough to prove the structure is well-formed, every `$ref` resolves and
 * the documented operations and statuses are the ones the reference server implements.
 */
const text = readFileSync(resolve(import.meta.dirname, '../docs/openapi.yaml'), 'utf8');

/** Every mapping key's full path (`paths//rules/get/responses/200`), skipping block scalars. */
function outline(source: string): { keys: Set<string>; refs: string[] } {
  const keys = new Set<string>();
  const refs: string[] = [];
  const stack: { indent: number; key: string }[] = [];
  let scalarIndent = -1;
  for (const raw of source.split('\n')) {
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) continue;
    const indent = raw.length - raw.trimStart().length;
    if (scalarIndent >= 0 && indent > scalarIndent) continue;
    scalarIndent = -1;
    let line = raw.trim();
    let lineIndent = indent;
    if (line.startsWith('- ')) {
      line = line.slice(2);
      lineIndent += 2;
    }
    const match = /^('[^']+'|[^\s:'][^:]*?):(?:\s+(.*))?$/.exec(line);
    if (!match) continue;
    const key = (match[1] ?? '').replace(/^'|'$/g, '');
    const value = match[2] ?? '';
    while (stack.length > 0 && (stack.at(-1)?.indent ?? 0) >= lineIndent) stack.pop();
    stack.push({ indent: lineIndent, key });
    keys.add(stack.map((s) => s.key).join('/'));
    if (key === '$ref') refs.push(value.replace(/^'|'$/g, ''));
    if (value === '|' || value === '>') scalarIndent = lineIndent;
  }
  return { keys, refs };
}

const { keys, refs } = outline(text);

describe('docs/openapi.yaml', () => {
  it('is OpenAPI 3.1 in spaces only, with the API under /api', () => {
    expect(text.startsWith('openapi: 3.1.0\n')).toBe(true);
    expect(text).not.toContain('\t');
    expect(keys.has('servers/url')).toBe(true);
  });

  it('resolves every $ref to a defined component', () => {
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/(schemas|responses|parameters|headers)\/\w+$/);
      expect(keys.has(ref.slice(2)), ref).toBe(true);
    }
  });

  it('documents exactly the operations the clinic server declares under its API base', async () => {
    // Only the routes are read: no request reaches the context.
    const app = await buildApp({
      context: {
        db: null as never,
        catalog: null as never,
        now: Date.now,
        defaultClinic: 'default',
        transport: null,
        adminOrigins: [],
        outbox: null,
      },
    });
    await app.ready();
    const served = app.declaredRoutes
      .filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD')
      .map((r) => `paths/${r.url.slice(4).replace(/:(\w+)/g, '{$1}')}/${r.method.toLowerCase()}`);
    await app.close();
    const documented = [...keys].filter((k) =>
      /^paths\/\/[^/]+(\/[^/]+)*\/(get|put|post|delete|patch)$/.test(k),
    );
    expect(documented.sort()).toEqual(
      served.map((k) => k.replace('paths/', 'paths//').replace('paths///', 'paths//')).sort(),
    );
  });

  it('documents the statuses of the patient’s operations', () => {
    const operations: Record<string, string[]> = {
      'paths//rules/get': ['200', '304', '503'],
      'paths//rules/put': ['200', '400', '401', '403', '409', '412', '413', '422'],
      'paths//bookings/post': ['201', '400', '409', '413', '415', '422', '503'],
      'paths//bookings/{token}/get': ['200', '404', '410'],
      'paths//bookings/{token}/reschedule/post': ['200', '400', '403', '404', '409', '410', '422'],
      'paths//bookings/{token}/cancel/post': ['200', '400', '403', '404', '409', '410'],
    };
    for (const [operation, statuses] of Object.entries(operations)) {
      const found = [...keys]
        .filter(
          (k) =>
            k.startsWith(`${operation}/responses/`) &&
            k.split('/').length === operation.split('/').length + 2,
        )
        .map((k) => k.split('/').at(-1));
      expect(found, operation).toEqual(statuses);
    }
  });

  it('requires the Idempotency-Key on every booking mutation', () => {
    for (const operation of [
      'paths//bookings/post',
      'paths//bookings/{token}/reschedule/post',
      'paths//bookings/{token}/cancel/post',
    ]) {
      expect(keys.has(`${operation}/parameters/$ref`), operation).toBe(true);
    }
    expect(text).toContain("- $ref: '#/components/parameters/IdempotencyKey'");
  });
});
