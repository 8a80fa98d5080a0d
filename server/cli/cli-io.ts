/**
 * What the CLIs work with, injected so tests can read what they said: their output, the clock and
 * the database.
 */
import { pathToFileURL } from 'node:url';
import { databaseOptions, type ServerConfig } from '../config.ts';
import { type Database, openDatabase } from '../store/database.ts';
import { migrate } from '../store/migrate.ts';

/** A CLI's output, clock and database. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The clock, when `--now` is not given. */
  now: () => number;
  /**
   * An open database to use instead of the one the environment names, left open: a test's, so that
   * its commands share one open PGlite folder rather than each opening it again (half a second).
   */
  database?: Database;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  now: () => Date.now(),
};

/**
 * Runs `command` when `moduleUrl` is the process's entry (`node server/cli/x.ts`), with the
 * process's arguments, io and environment; its code is the exit code. A failure it did not word
 * itself (a folder in use, a server that cannot be reached) prints its own message.
 */
export function runAsEntry(
  moduleUrl: string,
  command: (args: string[], io: CliIo, env: NodeJS.ProcessEnv) => Promise<number>,
): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  command(process.argv.slice(2), processIo, process.env).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error((error as Error).message);
      process.exitCode = 1;
    },
  );
}

/**
 * Runs `work` on the database of `config` (or `io.database`), migrated: a command that starts
 * before the server's first start finds the tables it needs. The database is closed after, also
 * when `work` fails, so a PGlite folder is free for the server again.
 */
export async function withDatabase<T>(
  io: CliIo,
  config: ServerConfig,
  work: (db: Database) => Promise<T>,
): Promise<T> {
  if (io.database) {
    await migrate(io.database);
    return work(io.database);
  }
  const db = await openDatabase(databaseOptions(config));
  try {
    await migrate(db);
    return await work(db);
  } finally {
    await db.close();
  }
}
