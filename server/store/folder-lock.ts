/**
 * One process at a time in a PGlite data folder. PGlite is PostgreSQL in this process's memory:
 * a second process that opens the same folder (a command such as `admin:create` beside a running
 * server, a second server on the same volume) runs a second PostgreSQL on the same files. Its
 * writes never reach the first, and both write the same WAL, which corrupts the folder. So the
 * opener holds the folder by listening on a Unix socket inside it, and a second opener, finding
 * the socket answering, is refused with `DataFolderInUseError`.
 *
 * A socket rather than a file with a process id: whether it answers is the holder's liveness
 * itself, across the process-id namespaces of containers sharing a volume on one host, with no
 * process id to be reused and no heartbeat to miss while PGlite holds the thread. A holder killed
 * outright leaves a socket that no longer answers: the next opener takes it over. Takeovers go
 * one at a time (a `takeover` file created exclusively, held for milliseconds), so two openers
 * after a crash cannot both take the folder.
 */
import { closeSync, openSync, statSync, unlinkSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { join, resolve } from 'node:path';

/** The lock's name inside the data folder (PostgreSQL ignores files it does not know there). */
export const LOCK_NAME = 'clinic-scheduler.lock';

/** A takeover file older than this was left by an opener that died mid-takeover. */
const TAKEOVER_STALE_MS = 10_000;
const ATTEMPTS = 100;
const RETRY_MS = 50;

/** A Unix socket's path, at most this long on Linux and macOS. */
const MAX_SOCKET_PATH = 103;

export class DataFolderInUseError extends Error {
  readonly code = 'DATA_FOLDER_IN_USE';
  constructor(readonly dataDir: string) {
    super(
      `The data folder ${dataDir} is open in another process (a running server, or a command). PGlite ` +
        'runs in one process only: stop that process first (for a command such as admin:create, stop ' +
        'the server, run the command, then start the server again), or use PostgreSQL (DATABASE_URL), ' +
        'where commands and several servers share the database.',
    );
  }
}

export interface FolderLock {
  release(): Promise<void>;
}

/**
 * Holds `dataDir` for this process until `release()`; throws `DataFolderInUseError` when another
 * process holds it. Where the folder cannot hold a socket (a path too long for one, a file system
 * without them), warns and goes on unlocked, as PGlite itself would.
 */
export async function holdDataFolder(dataDir: string): Promise<FolderLock> {
  const path = join(resolve(dataDir), LOCK_NAME);
  if (path.length > MAX_SOCKET_PATH) return unlocked(dataDir, 'its path is too long for a Unix socket');
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const server = await listenOn(path);
    if (server instanceof Error) {
      if ((server as NodeJS.ErrnoException).code !== 'EADDRINUSE') return unlocked(dataDir, server.message);
    } else {
      return lockHeldBy(server);
    }
    if (await answers(path)) throw new DataFolderInUseError(dataDir);
    // A socket nobody listens on: its holder died. Take it over, one opener at a time.
    const takeover = `${path}.takeover`;
    if (!createExclusive(takeover)) {
      if (olderThan(takeover, TAKEOVER_STALE_MS)) removeIfThere(takeover);
      await new Promise((done) => setTimeout(done, RETRY_MS));
      continue;
    }
    try {
      if (await answers(path)) throw new DataFolderInUseError(dataDir);
      removeIfThere(path);
    } finally {
      removeIfThere(takeover);
    }
  }
  throw new DataFolderInUseError(dataDir);
}

function listenOn(path: string): Promise<Server | Error> {
  return new Promise((done) => {
    // Whoever connects learns the folder is held; nothing is said on the socket.
    const server = createServer((socket) => socket.destroy());
    server.once('error', (error) => done(error));
    server.listen(path, () => {
      // The lock never keeps the process alive by itself.
      server.unref();
      done(server);
    });
  });
}

function lockHeldBy(server: Server): FolderLock {
  let released: Promise<void> | null = null;
  return {
    release() {
      // Closing removes the socket file; removing it again could remove the next holder's.
      released ??= new Promise<void>((done) => server.close(() => done()));
      return released;
    },
  };
}

function unlocked(dataDir: string, why: string): FolderLock {
  process.emitWarning(
    `The data folder ${dataDir} is not locked against a second process (${why}): run one process on it at a time.`,
    { code: 'DATA_FOLDER_UNLOCKED' },
  );
  return { release: async () => {} };
}

/**
 * Whether a process listens on the socket at `path`. Only a refusal (or no socket at all) says
 * nobody does; a socket that cannot be tried (another user's) counts as held.
 */
function answers(path: string): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection(path);
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      done(error.code !== 'ECONNREFUSED' && error.code !== 'ENOENT');
    });
  });
}

function createExclusive(path: string): boolean {
  try {
    closeSync(openSync(path, 'wx'));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function olderThan(path: string, ms: number): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > ms;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

function removeIfThere(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
