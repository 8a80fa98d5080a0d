import type { TestProject } from 'vitest/node';
import { TEST_ORIGIN_ENV } from './sandbox-proxy.ts';
import { apiRoutes, cspPageRoute, startTestOrigin } from './test-origin.ts';

/**
 * Starts a second origin for browser tests (127.0.0.1 on a free port, while Vitest serves the
 * test page from localhost): cross-origin workers, CSP pages (`/csp-page`) and the reference API
 * are tested against it. Tests read its address with `inject('testOrigin')`; the reference clinic
 * API is at `${testOrigin}/api` (fresh store per run) and `${testOrigin}/sandbox/NAME/api` (a
 * store per NAME), the latter also at the Vitest page's own `/sandbox/NAME/api` (sandbox-proxy.ts).
 */
export default async function setup(project: TestProject) {
  const api = await apiRoutes();
  await api.warm();
  const origin = await startTestOrigin([api.route, cspPageRoute]);
  project.provide('testOrigin', origin.url);
  // For the Vitest page's own `/sandbox/…` (sandbox-proxy.ts).
  process.env[TEST_ORIGIN_ENV] = origin.url;
  return async () => {
    await origin.close();
    await api.close();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    testOrigin: string;
  }
}
