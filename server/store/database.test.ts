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

describe('statements on PGlite', () => {
  it('prepares a statement with parameters on its first call and runs it by name after', async () => {
    const sql = 'SELECT $1::int + 1 AS next';
    expect(await db.query(sql, [1])).toEqual([{ next: 2 }]);
    expect(await db.query(sql, [41])).toEqual([{ next: 42 }]);
    expect(await db.query('SELECT name FROM pg_prepared_statements WHERE statement = $1', [sql])).toEqual([
      { name: expect.stringMatching(/^cs\d+$/) },
    ]);
  });

  it('serializes values and parses rows by their types, as PGlite’s own query does', async () => {
    const [row] = await db.query(
      'SELECT $1::jsonb AS doc, $2::bool AS flag, $3::float8 AS x, $4::text AS quoted, $5::int AS none, $6::jsonb AS list',
      [{ a: [1, 'b'] }, false, 1.5, 'it\'s "here"', null, [1, 2]],
    );
    expect(row).toEqual({
      doc: { a: [1, 'b'] },
      flag: false,
      x: 1.5,
      quoted: 'it\'s "here"',
      none: null,
      list: [1, 2],
    });
  });

  it('throws PostgreSQL’s error with its code, and the connection goes on', async () => {
    await db.query('INSERT INTO marks VALUES ($1)', ['unique']);
    await expect(db.query('INSERT INTO marks VALUES ($1)', ['unique'])).rejects.toMatchObject({
      code: '23505',
    });
    await expect(db.query('SELEC $1', [1])).rejects.toMatchObject({ code: '42601' });
    expect(await db.query('SELECT name FROM marks WHERE name = $1', ['unique'])).toEqual([
      { name: 'unique' },
    ]);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await db.transaction((tx) => tx.query('INSERT INTO marks VALUES ($1)', ['kept']));
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO marks VALUES ($1)', ['undone']);
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(
      await db.query('SELECT name FROM marks WHERE name = ANY($1) ORDER BY name', [['kept', 'undone']]),
    ).toEqual([{ name: 'kept' }]);
  });
});
