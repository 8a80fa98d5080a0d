/**
 * What `openDatabase` does with a PostgreSQL server's connections: how many it opens, and how it
 * sends statements. PostgreSQL only: PGlite has one connection and no pool.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from './database.ts';

const url = process.env.TEST_DATABASE_URL;

describe.runIf(url)('a PostgreSQL pool', () => {
  let db: Database;

  beforeAll(async () => {
    db = await openDatabase({ url, poolSize: 3 });
  });
  afterAll(async () => {
    await db?.close();
  });

  it('opens at most poolSize connections: ten statements at once run on three', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid, pg_sleep(0.1), $1::int AS n', [index]),
      ),
    );
    expect(new Set(answers.map(([row]) => row?.pid)).size).toBe(3);
  });

  it('prepares a statement with parameters once per connection, and runs it again by name', async () => {
    const sql = 'SELECT $1::int + 1 AS next';
    const seen = await db.transaction(async (tx) => {
      expect(await tx.query(sql, [1])).toEqual([{ next: 2 }]);
      expect(await tx.query(sql, [41])).toEqual([{ next: 42 }]);
      return tx.query<{ name: string }>('SELECT name FROM pg_prepared_statements WHERE statement = $1', [
        sql,
      ]);
    });
    expect(seen).toEqual([{ name: expect.stringMatching(/^cs\d+$/) }]);
  });
});
