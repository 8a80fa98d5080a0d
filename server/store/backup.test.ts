/**
 * Backups of a running server's PGlite folder: taken while bookings stream in over HTTP, each is
 * a data folder that opens with every booking answered before it began. PGlite only (the
 * `server-postgres` project leaves this file out: PostgreSQL is backed up with pg_dump).
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  bookingRequest,
  NOW,
  newClinic,
  openTestDatabase,
  post,
  type RunningApi,
  startApi,
  tempDir,
} from '../testing.ts';
import { backUpDataFolder, backupName, folderBytes, listBackups, SPARE_BYTES } from './backup.ts';
import { type Database, openDatabase } from './database.ts';
import { LOCK_NAME } from './folder-lock.ts';

const HOUR = 3_600_000;
/** One server on a PGlite folder of its own for the file (opening one is most of a test's time). */
let temp: ReturnType<typeof tempDir>;
let db: Database;
let api: RunningApi;
let folders = 0;
beforeAll(async () => {
  temp = tempDir();
  db = await openTestDatabase(temp.dir);
  api = await startApi(db, await newClinic(db));
}, 30_000);
afterAll(async () => {
  await api.close();
  await db.close();
  temp.remove();
});

/** A folder for one test's backups, not there yet. */
function backupFolder(): string {
  return join(temp.dir, `backups-${++folders}`);
}

/** Opens a backup as a data folder, runs `read` on it and closes it. */
async function inBackup<T>(path: string, read: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase({ dataDir: path });
  try {
    return await read(db);
  } finally {
    await db.close();
  }
}

/** Dr. Lee's follow-up slots, 30 minutes apart from Wednesday 09:00 in New York (weekdays, 09:00–12:00). */
function followUpSlots(count: number): number[] {
  const slots: number[] = [];
  const first = Date.parse('2026-12-02T14:00:00Z');
  for (let day = 0; slots.length < count; day++) {
    const weekday = new Date(first + day * 24 * HOUR).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (let index = 0; index < 6 && slots.length < count; index++)
      slots.push(first + day * 24 * HOUR + index * 30 * 60_000);
  }
  return slots;
}

async function book(api: RunningApi, start: number): Promise<string> {
  const answer = await post(`${api.url}/bookings`, bookingRequest({ start }), `key-${start}`);
  if (answer.status !== 201) throw new Error(`booking at ${start} answered ${answer.status}: ${answer.text}`);
  return answer.body.booking.id;
}

describe('backups of a running server’s PGlite folder', () => {
  it('holds every booking answered before it began, taken while more stream in, and opens as a data folder', async () => {
    const backups = backupFolder();
    const slots = followUpSlots(60);
    const answered: string[] = [];
    let next = 0;
    const client = async () => {
      while (next < slots.length) answered.push(await book(api, slots[next++]!));
    };
    const streaming = Promise.all([client(), client(), client()]);
    await vi.waitFor(() => expect(answered.length).toBeGreaterThanOrEqual(15), { timeout: 20_000 });
    const before = [...answered];
    const backup = await backUpDataFolder(db, backups, 7, NOW);
    await streaming;

    expect(backup.path).toBe(join(backups, 'clinic-data-2026-12-01T12-00-00Z'));
    expect(existsSync(join(backup.path, LOCK_NAME))).toBe(false);
    const inCopy = await inBackup(backup.path, (copy) =>
      copy.query<{ id: string }>('SELECT id FROM bookings WHERE clinic_id = $1', [api.clinicId]),
    );
    const ids = new Set(inCopy.map((row) => row.id));
    for (const id of before) expect(ids.has(id)).toBe(true);
    // Nothing in the copy that was not booked, and the server went on booking through it.
    for (const id of ids) expect(answered).toContain(id);
    expect(answered).toHaveLength(60);
    expect(ids.size).toBeLessThan(60);
  }, 60_000);

  it('keeps the newest few, named by their UTC time, and removes a copy a stopped process left half made', async () => {
    const backups = backupFolder();
    mkdirSync(join(backups, '.partial-left-by-a-kill'), { recursive: true });
    for (const hours of [0, 1, 2]) await backUpDataFolder(db, backups, 2, NOW + hours * HOUR);
    expect(readdirSync(backups).sort()).toEqual([
      'clinic-data-2026-12-01T13-00-00Z',
      'clinic-data-2026-12-01T14-00-00Z',
    ]);
    expect(await listBackups(backups)).toEqual([
      { name: 'clinic-data-2026-12-01T14-00-00Z', takenAt: NOW + 2 * HOUR },
      { name: 'clinic-data-2026-12-01T13-00-00Z', takenAt: NOW + HOUR },
    ]);
  }, 60_000);

  it('leaves the earlier backups whole and no half-made copy when one fails', async () => {
    const backups = backupFolder();
    await backUpDataFolder(db, backups, 7, NOW);
    const taken = join(backups, backupName(NOW));
    const files = () =>
      readdirSync(taken, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map(
          (entry) =>
            `${join(entry.parentPath, entry.name)} ${statSync(join(entry.parentPath, entry.name)).size}`,
        )
        .sort();
    const before = files();
    // A second backup in the same second finds its name taken: the rename fails after the copy.
    await expect(backUpDataFolder(db, backups, 7, NOW)).rejects.toMatchObject({ code: 'ENOTEMPTY' });
    expect(readdirSync(backups)).toEqual([backupName(NOW)]);
    expect(files()).toEqual(before);
  }, 60_000);

  it('fits where the backups it replaces were, else is refused before a byte is copied, removing nothing', async () => {
    const backups = backupFolder();
    for (const hours of [0, 1]) await backUpDataFolder(db, backups, 2, NOW + hours * HOUR);
    // A disk with room for two backups and the spare, not three: the oldest, which this one
    // replaces, goes first.
    const capacity = 2 * folderBytes(join(backups, backupName(NOW))) + SPARE_BYTES + 4 * 2 ** 20;
    const roomForTwo = async (dir: string) => capacity - folderBytes(dir);
    await backUpDataFolder(db, backups, 2, NOW + 2 * HOUR, roomForTwo);
    const kept = ['clinic-data-2026-12-01T13-00-00Z', 'clinic-data-2026-12-01T14-00-00Z'];
    expect(readdirSync(backups).sort()).toEqual(kept);

    // A full disk: removing the replaced backup would not make room either, so nothing is removed.
    await expect(backUpDataFolder(db, backups, 2, NOW + 3 * HOUR, async () => 0)).rejects.toMatchObject({
      name: 'BackupSpaceError',
      code: 'BACKUP_NO_SPACE',
      message: expect.stringMatching(
        new RegExp(
          `^Not enough free space for a backup in ${backups}: it needs (\\d+) MiB \\(the data folder's (\\d+) MiB ` +
            'and 64 MiB to spare\\) and 0 MiB are free; the earlier backups are kept\\.$',
        ),
      ),
    });
    expect(readdirSync(backups).sort()).toEqual(kept);
  }, 60_000);

  it('is taken by the server at its start when none is BACKUP_HOURS old or newer, and not otherwise', async () => {
    const backups = backupFolder();
    const backup = { dir: backups, intervalMs: 24 * HOUR, keep: 7, at: null };
    const restart = async (now: number) => {
      const restarted = await startApi(db, api.clinicId, { now }, { config: { backup } });
      return restarted;
    };
    const first = await restart(NOW);
    await vi.waitFor(async () => expect(await listBackups(backups)).toHaveLength(1), { timeout: 20_000 });
    await first.close();
    // An hour later the newest is recent: the next start takes none (close waits for one under way).
    await (await restart(NOW + HOUR)).close();
    expect((await listBackups(backups)).map((taken) => taken.takenAt)).toEqual([NOW]);
    const dayLater = await restart(NOW + 24 * HOUR);
    await vi.waitFor(async () => expect(await listBackups(backups)).toHaveLength(2), { timeout: 20_000 });
    await dayLater.close();
    expect((await listBackups(backups)).map((taken) => taken.takenAt)).toEqual([NOW + 24 * HOUR, NOW]);
  }, 60_000);
});
