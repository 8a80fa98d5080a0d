/**
 * A throwaway PostgreSQL cluster in a temporary folder, for the PostgreSQL test project and the
 * server benchmark: `initdb` (as the `postgres` user when this process is root, since initdb
 * refuses root), `pg_ctl start` on a free loopback port with its socket in the folder, one
 * database, and `stop()` that shuts it down and removes the folder. Debian's binaries are found
 * under `/usr/lib/postgresql/VERSION/bin` (the newest version wins), or on the PATH.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';

export interface Cluster {
  /** `postgres://postgres@127.0.0.1:PORT/DATABASE` */
  url: string;
  /** The server's major version, e.g. `15`. */
  version: string;
  /** The postmaster's process id: its backends are its children (the server benchmark reads their CPU). */
  pid: number;
  stop(): Promise<void>;
  /** The same, synchronously: for a process's `exit` handler. */
  stopNow(): void;
}

/** The folder holding `initdb` and `pg_ctl`, or null when PostgreSQL's server is not installed. */
export function findPostgresBin(root = '/usr/lib/postgresql'): string | null {
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((name) => /^\d+(\.\d+)?$/.test(name) && existsSync(join(root, name, 'bin', 'initdb')))
      .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  try {
    const initdb = execFileSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).trim();
    return initdb ? dirname(realpathSync(initdb)) : null;
  } catch {
    return null;
  }
}

/** A TCP port free on loopback right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function postgresIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/**
 * Starts a cluster and creates `database` in it. Throws with initdb's or pg_ctl's own output when
 * either fails (not installed, no `postgres` user while root, no free port).
 */
export async function startCluster(database = 'clinic_test'): Promise<Cluster> {
  const bin = findPostgresBin();
  if (!bin)
    throw new Error('PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin or on PATH).');
  const version = bin.split('/').at(-2) ?? '?';
  const folder = mkdtempSync(join(tmpdir(), 'clinic-pg-'));
  const data = join(folder, 'data');
  const asRoot = userInfo().uid === 0;
  // initdb and the server refuse to run as root: as root, they run as the `postgres` user.
  const run = (program: string, args: string[]) => {
    const command = asRoot ? 'runuser' : join(bin, program);
    const argv = asRoot ? ['-u', 'postgres', '--', join(bin, program), ...args] : args;
    try {
      return execFileSync(command, argv, {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        cwd: folder,
      });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`${program} failed: ${(stderr || stdout || (error as Error).message).trim()}`);
    }
  };
  let started = false;
  const remove = () => rmSync(folder, { recursive: true, force: true });
  try {
    if (asRoot) {
      const { uid, gid } = postgresIds();
      chownSync(folder, uid, gid);
    }
    chmodSync(folder, 0o700);
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
    const port = await freePort();
    // fsync stays on: the crash tests rely on what a real server promises.
    const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c max_connections=200`;
    run('pg_ctl', ['-D', data, '-o', options, '-l', join(folder, 'server.log'), '-w', '-t', '30', 'start']);
    started = true;
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${database}`);
    } finally {
      await admin.end();
    }
    let stopped = false;
    const stopNow = () => {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        remove();
      }
    };
    return {
      url: `postgres://postgres@127.0.0.1:${port}/${database}`,
      version,
      // postmaster.pid's first line is the postmaster's pid.
      pid: Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
      stop: async () => stopNow(),
      stopNow,
    };
  } catch (error) {
    if (started) {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // Already down: the folder goes anyway.
      }
    }
    remove();
    throw error;
  }
}
