/**
 * One way to run SQL, whatever is behind it: PGlite (PostgreSQL in WebAssembly, data in a folder,
 * the embedded default) or a PostgreSQL server through `pg`. The store is written once against
 * this interface, with the same SQL for both.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import pg from 'pg';
import { holdDataFolder } from './folder-lock.ts';
import { namedQueries, preparedOnPglite } from './prepared.ts';

export interface Queryable {
  /** Runs one statement with bound parameters (`$1`, `$2`, ...): values are never spliced into SQL. */
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface Database extends Queryable {
  /** `pglite` or `postgres`, for logs and test names. */
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations), without parameters. */
  exec(sql: string): Promise<void>;
  /**
   * PGlite only: runs `copy` with the data folder's path while the database is quiet (checkpointed,
   * no statement running, none starting until `copy` settles), so the files it reads are one
   * consistent database. How `store/backup.ts` backs up a running server; PostgreSQL is backed up
   * with its own tools.
   */
  whileQuiet?<T>(copy: (dataDir: string) => Promise<T>): Promise<T>;
  /** PGlite only: the data folder's absolute path, for what may read it without the turn (its size). */
  readonly dataDir?: string;
  close(): Promise<void>;
}

export class DatabaseTimeoutError extends Error {
  override name = 'DatabaseTimeoutError';
}

export interface OpenOptions {
  /** A `postgres://` URL; absent: PGlite in `dataDir`. */
  url?: string | undefined;
  /** PGlite's data folder (created when missing). Ignored with `url`. */
  dataDir?: string | undefined;
  /**
   * A PostgreSQL statement that runs longer is cancelled (server side). PGlite cannot cancel a
   * running statement, so there it bounds the wait for the one connection instead (see
   * `openPglite`). Default 5 s.
   */
  statementTimeoutMs?: number;
  /** Connections in the pool. Default 10. */
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options);
  if (!options.dataDir) throw new Error('openDatabase: give a DATABASE_URL or a data folder for PGlite.');
  return openPglite(options.dataDir, options.statementTimeoutMs ?? 5_000);
}

/**
 * Resolves in a macrotask of its own, after the I/O the event loop has waiting. Each PGlite turn
 * starts there. Chained in microtasks alone, turns would run back to back while requests wait
 * unread in their sockets: at 100 clients booking at once, a few connections then wait seconds for
 * their turn while the others cycle (docs/benchmarks.md, "PGlite's turns").
 */
const afterPendingIo = () => new Promise<void>((done) => setImmediate(done));

/**
 * PGlite runs each statement synchronously on this thread: it ignores `statement_timeout` (a
 * `SELECT pg_sleep(10)` under `SET statement_timeout = 500` returns after 10 s) and no timer can
 * interrupt it. What can be bounded is the wait, with the same `DatabaseTimeoutError` PostgreSQL's
 * timeouts give: calls wait their turn for the one connection in a queue here, and a call that has
 * waited longer than `timeoutMs` when its turn comes is refused without running, so a refused write
 * never happens later. A request therefore waits at most `timeoutMs` behind others, then answers
 * `503 DATABASE_TIMEOUT`, as on PostgreSQL.
 */
async function openPglite(dataDir: string, timeoutMs: number): Promise<Database> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lock = await holdDataFolder(dataDir);
  let db: PGlite;
  try {
    db = await PGlite.create({ dataDir, extensions: { btree_gist } });
  } catch (error) {
    await lock.release();
    throw error;
  }
  const prepared = preparedOnPglite(db);
  const run = async <Row>(sql: string, params?: readonly unknown[]) =>
    params?.length ? prepared<Row>(sql, params) : (await db.query<Row>(sql)).rows;
  let tail: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const queuedAt = performance.now();
    const turn = tail.then(afterPendingIo).then(() => {
      const waited = performance.now() - queuedAt;
      if (waited > timeoutMs) {
        throw new DatabaseTimeoutError(
          `The database did not answer in time (waited ${Math.round(waited)} ms for PGlite).`,
        );
      }
      return work();
    });
    tail = turn.catch(() => undefined);
    return turn;
  };
  return {
    kind: 'pglite',
    dataDir: resolve(dataDir),
    query: (sql, params) => inTurn(() => run(sql, params)),
    // The queue also runs transactions one at a time, as PGlite's one connection needs: within the
    // turn nothing else runs, so its statements need no lock of PGlite's.
    transaction: (work) =>
      inTurn(async () => {
        await db.exec('BEGIN');
        try {
          const result = await work({ query: run });
          await db.exec('COMMIT');
          return result;
        } catch (error) {
          await db.exec('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }),
    exec: (sql) =>
      inTurn(async () => {
        await db.exec(sql);
      }),
    // In turn, so no transaction is open and none starts. After the checkpoint the files hold every
    // committed row, so a copy opens without replaying much WAL.
    whileQuiet: (copy) =>
      inTurn(async () => {
        await db.exec('CHECKPOINT');
        return copy(resolve(dataDir));
      }),
    // The folder is let go once PGlite has written and closed its files.
    close: () => inTurn(() => db.close()).finally(() => lock.release()),
  };
}

async function openPostgres(url: string, options: OpenOptions): Promise<Database> {
  const timeout = options.statementTimeoutMs ?? 5_000;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: timeout,
    statement_timeout: timeout,
    // A lock wait counts against the statement's time too, but a row lock should never be held long.
    lock_timeout: timeout,
  });
  // An idle client that loses its connection must not crash the process: the pool replaces it.
  pool.on('error', () => undefined);
  const prepared = namedQueries();
  const run = async <Row>(on: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]) => {
    try {
      return (await on.query(prepared(sql, params))).rows as Row[];
    } catch (error) {
      throw translate(error);
    }
  };
  // Fails now, with the server's own reason, rather than on the first patient's request.
  await run(pool, 'SELECT 1');
  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    transaction: async (work) => {
      const client = await pool.connect().catch((error) => {
        throw translate(error);
      });
      try {
        await client.query('BEGIN');
        const result = await work({ query: (sql, params) => run(client, sql, params) });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      await run(pool, sql);
    },
    close: () => pool.end(),
  };
}

/** PostgreSQL's "canceling statement due to statement timeout" and the pool's wait, as one error. */
function translate(error: unknown): unknown {
  const code = (error as { code?: string })?.code;
  const message = (error as Error)?.message ?? '';
  if (code === '57014' || code === '55P03' || /timeout exceeded when trying to connect/i.test(message)) {
    return new DatabaseTimeoutError(`The database did not answer in time (${code ?? 'pool'}).`);
  }
  return error;
}
