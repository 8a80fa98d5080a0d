import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../server/store/database.ts';
import { migrate } from '../../server/store/migrate.ts';
import { startCluster } from './postgres-cluster.ts';

/**
 * Global setup of the `server-postgres` project: a throwaway PostgreSQL cluster (or the server of
 * an outside `TEST_DATABASE_URL`), migrated once before any test file opens it, its URL provided
 * to the tests as `postgresUrl`. When no server can start, the project's tests skip with a loud
 * message, except under `CI=true`, where the run fails: CI must never pass without PostgreSQL.
 */
export default async function setup(project: TestProject) {
  let url = process.env.TEST_DATABASE_URL ?? '';
  let stop: () => Promise<void> = async () => undefined;
  let problem = '';
  if (!url) {
    try {
      const cluster = await startCluster();
      url = cluster.url;
      stop = cluster.stop;
    } catch (error) {
      problem = (error as Error).message;
    }
  }
  if (url) {
    const db = await openDatabase({ url });
    try {
      await migrate(db);
    } finally {
      await db.close();
    }
  } else if (process.env.CI === 'true') {
    throw new Error(`server-postgres: no PostgreSQL server could start, and CI must not skip: ${problem}`);
  } else {
    const line = '!'.repeat(100);
    console.warn(
      `\n${line}\n!! server-postgres: SKIPPING the API suite on PostgreSQL: ${problem}\n!! Install Debian's postgresql (apt-get install postgresql) or set TEST_DATABASE_URL.\n${line}\n`,
    );
  }
  project.provide('postgresUrl', url);
  return stop;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL test database's URL; empty when none could start (the tests skip). */
    postgresUrl: string;
  }
}
