/**
 * Backups of a PGlite data folder while the server runs (`BACKUP_DIR`). Only the process that
 * holds the folder can read it consistently, so the server takes them itself: every
 * `BACKUP_HOURS` (or each day at `BACKUP_AT`), a copy of the folder, made while the database is quiet, that is itself a data
 * folder (restoring is pointing `DATA_DIR` at it, or copying it back). The newest `BACKUP_KEEP`
 * are kept. A backup that fails (a full disk) leaves the earlier ones as they were; one that would
 * not fit is refused before a byte is copied (`BACKUP_NO_SPACE`).
 *
 * The copy is taken inside the database's turn (requests wait for it: 0.3 to 0.6 s for the
 * benchmark clinic's 92 MiB folder, see docs/benchmarks.md); making it durable happens after,
 * while the server serves again.
 */
import { randomBytes } from 'node:crypto';
import { type Dirent, readdirSync, statSync } from 'node:fs';
import { constants, copyFile, mkdir, open, readdir, rename, rm, statfs } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { DateTime } from 'luxon';
import type { Database } from './database.ts';
import { LOCK_NAME } from './folder-lock.ts';

export interface BackupSettings {
  /** Where the copies go: a folder of its own, outside the data folder and the served files. */
  dir: string;
  intervalMs: number;
  keep: number;
  /** A time of day for the backups (`BACKUP_AT` in `BACKUP_ZONE`), one a day; null: every `intervalMs`. */
  at: { hour: number; minute: number; zone: string } | null;
}

export interface Backup {
  /** The copy's folder. */
  path: string;
  takenAt: number;
  /** How long the backup held the database (its turn, the checkpoint and the copy): what a request may wait. */
  pausedMs: number;
}

/** A backup's folder name: `clinic-data-` and its UTC time, with no colons (Windows' folders cannot have them). */
const PREFIX = 'clinic-data-';
const STAMP = "yyyy-LL-dd'T'HH-mm-ss'Z'";
/** A copy being made; a process stopped mid-copy leaves one, which the next backup removes. */
const PARTIAL = '.partial-';

export function backupName(takenAt: number): string {
  return PREFIX + DateTime.fromMillis(takenAt, { zone: 'utc' }).toFormat(STAMP);
}

/** The backups in `dir`, newest first (none when the folder does not exist yet). */
export async function listBackups(dir: string): Promise<{ name: string; takenAt: number }[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return names
    .filter((name) => name.startsWith(PREFIX))
    .map((name) => ({
      name,
      takenAt: DateTime.fromFormat(name.slice(PREFIX.length), STAMP, { zone: 'utc' }).toMillis(),
    }))
    .filter((backup) => Number.isFinite(backup.takenAt))
    .sort((a, b) => b.takenAt - a.takenAt);
}

/**
 * Copies the data folder of `db` into `dir` as `clinic-data-{time}`, durably, then removes all
 * but the newest `keep`. Throws (leaving the earlier backups) when it cannot; `free` is how much
 * room the file system of `dir` has (`freeBytes`).
 */
export async function backUpDataFolder(
  db: Database,
  dir: string,
  keep: number,
  now: number,
  free: (dir: string) => Promise<number> = freeBytes,
): Promise<Backup> {
  if (!db.whileQuiet || !db.dataDir)
    throw new Error('Only a PGlite data folder is backed up by the server; use pg_dump.');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  for (const name of await readdir(dir)) {
    if (name.startsWith(PARTIAL)) await rm(join(dir, name), { recursive: true, force: true });
  }
  await makeRoom(dir, keep, folderBytes(db.dataDir), free);
  const partial = join(dir, PARTIAL + randomBytes(6).toString('hex'));
  try {
    const started = performance.now();
    await db.whileQuiet((dataDir) => copyFolder(dataDir, partial));
    const pausedMs = performance.now() - started;
    await syncTree(partial);
    const path = join(dir, backupName(now));
    await rename(partial, path);
    await syncFile(dir);
    for (const old of (await listBackups(dir)).slice(keep)) {
      await rm(join(dir, old.name), { recursive: true, force: true });
    }
    return { path, takenAt: now, pausedMs };
  } catch (error) {
    await rm(partial, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
}

/** A backup refused before anything was copied: too little room where it would go. */
export class BackupSpaceError extends Error {
  override name = 'BackupSpaceError';
  readonly code = 'BACKUP_NO_SPACE';
}

/**
 * Room that stays free beside a new backup: a copy never fills its disk to the last byte, which on
 * the data folder's own disk would leave the database unable to write the next booking.
 */
export const SPARE_BYTES = 64 * 1024 * 1024;

/** The bytes the file system holding `dir` has free for the server's user (`statfs`). */
export async function freeBytes(dir: string): Promise<number> {
  const space = await statfs(dir);
  return space.bavail * space.bsize;
}

/**
 * Makes sure a copy of `bytes` fits in `dir` with `SPARE_BYTES` to spare. When it does not but
 * would once the backups this one retires are gone (all but the newest `keep - 1`), those go
 * first, oldest first: a disk with room for `keep` backups keeps `keep`. Otherwise it throws
 * BackupSpaceError and removes nothing.
 */
async function makeRoom(
  dir: string,
  keep: number,
  bytes: number,
  free: (dir: string) => Promise<number>,
): Promise<void> {
  const needed = bytes + SPARE_BYTES;
  let available = await free(dir);
  if (available >= needed) return;
  const retiring = (await listBackups(dir)).slice(Math.max(keep - 1, 0)).reverse();
  let freeing = 0;
  for (const old of retiring) freeing += folderBytes(join(dir, old.name));
  let removed = 0;
  if (available + freeing >= needed) {
    for (const old of retiring) {
      await rm(join(dir, old.name), { recursive: true, force: true });
      removed++;
      // Copies that share blocks with each other (a cloning file system) free less than their size.
      available = await free(dir);
      if (available >= needed) return;
    }
  }
  const earlier =
    removed === 0
      ? 'the earlier backups are kept'
      : `the ${removed} oldest, which it would have replaced, are removed and the others kept`;
  throw new BackupSpaceError(
    `Not enough free space for a backup in ${dir}: it needs ${mib(needed)} (the data folder's ` +
      `${mib(bytes)} and ${mib(SPARE_BYTES)} to spare) and ${mib(available)} are free; ${earlier}.`,
  );
}

const mib = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024))} MiB`;

/**
 * The bytes of the files under `root`. Read synchronously: a thousand `stat` calls take 5 to 15 ms
 * here at once, where one callback at a time between a busy server's requests took longer than the
 * copy itself.
 */
export function folderBytes(root: string): number {
  let bytes = 0;
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) bytes += statSync(pathOf(entry)).size;
  }
  return bytes;
}

/**
 * Copies the folder's files (a thousand or so, PostgreSQL's) several at a time: about 0.2 s for
 * 40 MB here against 0.5 to 1.2 s one at a time (`fs.cp`), and requests wait while it runs. A
 * file system that can share blocks between files (btrfs, XFS) clones them instead of copying.
 * The folder's lock is a socket, meaningless in a copy, and is left out.
 */
async function copyFolder(from: string, to: string): Promise<void> {
  const entries = await readdir(from, { withFileTypes: true, recursive: true });
  await mkdir(to, { mode: 0o700 });
  for (const entry of entries) {
    if (entry.isDirectory()) await mkdir(join(to, relative(from, pathOf(entry))), { recursive: true });
  }
  const files = entries.filter((entry) => entry.isFile() && pathOf(entry) !== join(from, LOCK_NAME));
  await eachAtOnce(files, (entry) =>
    copyFile(pathOf(entry), join(to, relative(from, pathOf(entry))), constants.COPYFILE_FICLONE),
  );
}

/** Flushes every file and folder under `root` to the disk, so a power cut after the rename keeps the copy whole. */
async function syncTree(root: string): Promise<void> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  await eachAtOnce(
    entries.filter((entry) => entry.isFile() || entry.isDirectory()),
    (entry) => syncFile(pathOf(entry)),
  );
  await syncFile(root);
}

const pathOf = (entry: Dirent) => join(entry.parentPath, entry.name);

/** Runs `work` on every item, `FILES_AT_ONCE` at a time. */
async function eachAtOnce<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: FILES_AT_ONCE }, worker));
}

/** Files copied or flushed at once: enough to keep the disk busy, well under the process's open-file limit. */
const FILES_AT_ONCE = 16;

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * How long until the next backup is due: at once with none yet or the newest `intervalMs` old;
 * else at the next `at` of the day in its zone (when a local time does not exist that day, the
 * clocks having sprung forward over it, as soon as it has passed), or `intervalMs` after the newest.
 */
export function backupDelay(
  settings: Pick<BackupSettings, 'intervalMs' | 'at'>,
  newestTakenAt: number | undefined,
  now: number,
): number {
  if (newestTakenAt === undefined || now - newestTakenAt >= settings.intervalMs) return 0;
  if (!settings.at) return newestTakenAt + settings.intervalMs - now;
  const { hour, minute, zone } = settings.at;
  const today = DateTime.fromMillis(now, { zone });
  const time = { hour, minute, second: 0, millisecond: 0 };
  let next = today.set(time);
  if (next.toMillis() <= now) next = today.plus({ days: 1 }).set(time);
  return next.toMillis() - now;
}

export interface BackupSchedule {
  /** Waits for a backup under way, then takes no more. */
  stop(): Promise<void>;
}

/**
 * Takes a backup when `backupDelay` says (at once at the first start), and again each time it is
 * due; after a failure, it tries again in an hour (or the interval, if shorter).
 */
export function scheduleBackups(
  db: Database,
  settings: BackupSettings,
  now: () => number,
  log: { written(backup: Backup): void; failed(error: unknown): void },
): BackupSchedule {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const later = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = take();
    }, delayMs);
    timer.unref();
  };
  const take = async () => {
    try {
      const backup = await backUpDataFolder(db, settings.dir, settings.keep, now());
      log.written(backup);
      later(backupDelay(settings, backup.takenAt, now()));
    } catch (error) {
      log.failed(error);
      later(Math.min(settings.intervalMs, 3_600_000));
    }
  };
  running = listBackups(settings.dir).then(
    ([newest]) => later(backupDelay(settings, newest?.takenAt, now())),
    (error: unknown) => {
      log.failed(error);
      later(Math.min(settings.intervalMs, 3_600_000));
    },
  );
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
