import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * Global setup of the projects that run the server on PGlite with one module graph per worker
 * (`node`, `dom`): one temporary folder for the database each worker shares across its test files
 * (`server/testing.ts`), removed once every worker is done, whichever way the workers end.
 */
export default function setup(project: TestProject) {
  const root = mkdtempSync(join(tmpdir(), 'clinic-api-pglite-'));
  project.provide('pgliteRoot', root);
  return () => rmSync(root, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder that holds each worker's shared PGlite database. */
    pgliteRoot: string;
  }
}
