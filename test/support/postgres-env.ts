import { beforeEach, inject } from 'vitest';

/**
 * Setup file of the `server-postgres` project: points `server/testing.ts` at the project's
 * PostgreSQL database before the test file loads, or skips every test when there is none (the
 * global setup has already said why, loudly, and fails the run instead under CI).
 */
const url = inject('postgresUrl');
if (url) {
  process.env.TEST_DATABASE_URL = url;
} else {
  beforeEach((context) => {
    context.skip('no PostgreSQL server (see the warning at the start of the run)');
  });
}
