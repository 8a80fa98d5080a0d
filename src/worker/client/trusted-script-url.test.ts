import { afterEach, describe, expect, it, vi } from 'vitest';

/** A fresh copy of the module: it makes its policy once per page. */
async function freshModule() {
  vi.resetModules();
  return import('./trusted-script-url.ts');
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('trustedScriptUrl', () => {
  it('passes the string through where the browser has no Trusted Types', async () => {
    vi.stubGlobal('trustedTypes', undefined);
    const { trustedScriptUrl } = await freshModule();
    expect(trustedScriptUrl('https://cdn.example/slots-worker.js')).toBe(
      'https://cdn.example/slots-worker.js',
    );
  });

  it('makes one policy named clinic-scheduler and wraps every URL through it', async () => {
    const made: string[] = [];
    const createPolicy = vi.fn((name: string, rules: { createScriptURL(url: string): string }) => {
      made.push(name);
      return { createScriptURL: (url: string) => ({ trusted: rules.createScriptURL(url) }) };
    });
    vi.stubGlobal('trustedTypes', { createPolicy });
    const { trustedScriptUrl } = await freshModule();
    expect(trustedScriptUrl('https://cdn.example/slots-worker.js')).toEqual({
      trusted: 'https://cdn.example/slots-worker.js',
    });
    expect(trustedScriptUrl('blob:https://clinic.example/1234')).toEqual({
      trusted: 'blob:https://clinic.example/1234',
    });
    expect(made).toEqual(['clinic-scheduler']);
  });

  it('vouches for http(s) and blob: URLs only', async () => {
    vi.stubGlobal('trustedTypes', {
      createPolicy: (_name: string, rules: { createScriptURL(url: string): string }) => rules,
    });
    const { trustedScriptUrl } = await freshModule();
    expect(() => trustedScriptUrl('javascript:alert(1)')).toThrow(
      new TypeError('javascript:alert(1) is not an http(s) or blob: URL.'),
    );
    expect(() => trustedScriptUrl('data:text/javascript,1')).toThrow(TypeError);
  });

  it('passes the string when the page does not allow the policy (the sink then decides)', async () => {
    const createPolicy = vi.fn(() => {
      throw new TypeError('Policy "clinic-scheduler" disallowed.');
    });
    vi.stubGlobal('trustedTypes', { createPolicy });
    const { trustedScriptUrl } = await freshModule();
    expect(trustedScriptUrl('https://cdn.example/a.js')).toBe('https://cdn.example/a.js');
    expect(trustedScriptUrl('https://cdn.example/b.js')).toBe('https://cdn.example/b.js');
    expect(createPolicy).toHaveBeenCalledTimes(1);
  });
});

describe('bootstrapSource', () => {
  it('imports the worker through a policy of its own, or the plain URL without one', async () => {
    const { bootstrapSource } = await freshModule();
    const source = bootstrapSource('https://cdn.example/slots-worker.js?v="3"');
    const imported: unknown[] = [];
    const run = (trustedTypes: unknown) =>
      new Function('trustedTypes', 'importScripts', source)(trustedTypes, (url: unknown) =>
        imported.push(url),
      );
    run(undefined);
    run({
      createPolicy: (name: string, rules: { createScriptURL(url: string): string }) => ({
        createScriptURL: (url: string) => ({ name, url: rules.createScriptURL(url) }),
      }),
    });
    run({
      createPolicy: () => {
        throw new TypeError('disallowed');
      },
    });
    expect(imported).toEqual([
      'https://cdn.example/slots-worker.js?v="3"',
      { name: 'clinic-scheduler', url: 'https://cdn.example/slots-worker.js?v="3"' },
      'https://cdn.example/slots-worker.js?v="3"',
    ]);
  });
});
