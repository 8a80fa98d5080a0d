import type { TestProject } from 'vitest/node';
import { startTestOrigin } from './test-origin.ts';

/**
 * Starts a second origin for browser tests (127.0.0.1 on a free port, while Vitest serves the
 * test page from localhost): cross-origin workers, CSP pages and the reference API are tested
 * against it. Tests read its address with `inject('testOrigin')`.
 */
export default async function setup(project: TestProject) {
  const origin = await startTestOrigin();
  project.provide('testOrigin', origin.url);
  return () => origin.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    testOrigin: string;
  }
}
