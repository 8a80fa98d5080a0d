import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestPglite, tempDir } from '../testing.ts';
import { type Database, DatabaseTimeoutError } from './database.ts';

const temp = tempDir();
let db: Database;

beforeAll(async () => {
  db = await openTestPglite(temp.dir, { statementTimeoutMs: 200 });
  await db.exec('CREATE TABLE marks (name text PRIMARY KEY)');
}, 30_000);
afterAll(async () => {
  await db.close();
  temp.remove();
});

describe('timeouts on PGlite', () => {
  it('cannot cancel a running statement: statement_timeout is ignored', async () => {
    await db.query('SET statement_timeout = 50');
    // Under PostgreSQL this would fail with 57014 after 50 ms; PGlite runs it to the end.
    expect(await db.query<{ done: string }>('SELECT pg_sleep(0.3)::text AS done')).toEqual([{ done: '' }]);
    await db.query('SET statement_timeout = 0');
  });

  it('starts each turn after the I/O and timers already due, not straight after the last turn', async () => {
    const order: string[] = [];
    const first = db.query('SELECT 1').then(() => order.push('first'));
    const second = db.query('SELECT 2').then(() => order.push('second'));
    setImmediate(() => order.push('io'));
    await Promise.all([first, second]);
    expect(order).toEqual(['io', 'first', 'second']);
  });

  it('refuses a call that waited its turn longer than the timeout, and never runs it later', async () => {
    // Holds the one connection for 400 ms: the calls queued behind it wait longer than 200 ms.
    const busy = db.query('SELECT pg_sleep(0.4)');
    const write = db.query("INSERT INTO marks VALUES ('late-write')");
    const transaction = db.transaction((tx) => tx.query("INSERT INTO marks VALUES ('late-transaction')"));
    await busy;
    await expect(write).rejects.toBeInstanceOf(DatabaseTimeoutError);
    await expect(transaction).rejects.toThrow(
      /^The database did not answer in time \(waited \d+ ms for PGlite\)\.$/,
    );
    expect(await db.query('SELECT name FROM marks')).toEqual([]);
    // The queue goes on: the next call runs.
    await db.query("INSERT INTO marks VALUES ('on-time')");
    expect(await db.query('SELECT name FROM marks')).toEqual([{ name: 'on-time' }]);
  });
});
