import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../testing.ts';
import { openDatabase } from './database.ts';
import { DataFolderInUseError, holdDataFolder, LOCK_NAME } from './folder-lock.ts';

const folders: ReturnType<typeof tempDir>[] = [];
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  for (const folder of folders.splice(0)) folder.remove();
});

function folder(): string {
  const temp = tempDir();
  folders.push(temp);
  const dir = join(temp.dir, 'pglite');
  mkdirSync(dir);
  return dir;
}

/** Another process that listens on the folder's lock, as a server holding it does; resolves once it does. */
async function holderProcess(dir: string): Promise<ChildProcess> {
  const path = join(dir, LOCK_NAME);
  const child = spawn(
    process.execPath,
    [
      '-e',
      `require('node:net').createServer((s) => s.destroy()).listen(${JSON.stringify(path)}, () => console.log('held'))`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  await new Promise<void>((done, fail) => {
    child.stdout?.once('data', () => done());
    child.once('exit', (code) => fail(new Error(`the holder exited with ${code}`)));
  });
  return child;
}

const IN_USE = (dir: string) =>
  `The data folder ${dir} is open in another process (a running server, or a command). PGlite runs in one process only: stop that process first (for a command such as admin:create, stop the server, run the command, then start the server again), or use PostgreSQL (DATABASE_URL), where commands and several servers share the database.`;

describe('the PGlite data folder lock', () => {
  it('refuses a second holder while the first lives, and lets the folder go on release', async () => {
    const dir = folder();
    const first = await holdDataFolder(dir);
    const second = holdDataFolder(dir);
    await expect(second).rejects.toBeInstanceOf(DataFolderInUseError);
    await expect(second).rejects.toMatchObject({ code: 'DATA_FOLDER_IN_USE', message: IN_USE(dir) });
    await first.release();
    expect(existsSync(join(dir, LOCK_NAME))).toBe(false);
    const again = await holdDataFolder(dir);
    await again.release();
  });

  it('refuses the folder to this process while another process holds it', async () => {
    const dir = folder();
    await holderProcess(dir);
    await expect(holdDataFolder(dir)).rejects.toMatchObject({ code: 'DATA_FOLDER_IN_USE' });
  });

  it('takes over the lock of a holder killed outright, which left its socket behind', async () => {
    const dir = folder();
    const holder = await holderProcess(dir);
    holder.kill('SIGKILL');
    await new Promise((done) => holder.once('exit', done));
    expect(existsSync(join(dir, LOCK_NAME))).toBe(true);
    const lock = await holdDataFolder(dir);
    await expect(holdDataFolder(dir)).rejects.toMatchObject({ code: 'DATA_FOLDER_IN_USE' });
    await lock.release();
  });

  it('lets one of several openers take a dead holder’s lock, and refuses the others', async () => {
    const dir = folder();
    const holder = await holderProcess(dir);
    holder.kill('SIGKILL');
    await new Promise((done) => holder.once('exit', done));
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => holdDataFolder(dir)));
    const held = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(held).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toHaveLength(7);
    await (held[0] as PromiseFulfilledResult<{ release(): Promise<void> }>).value.release();
  });

  it('clears a takeover left by an opener that died in the middle of one', async () => {
    const dir = folder();
    const holder = await holderProcess(dir);
    holder.kill('SIGKILL');
    await new Promise((done) => holder.once('exit', done));
    const takeover = join(dir, `${LOCK_NAME}.takeover`);
    writeFileSync(takeover, '');
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(takeover, longAgo, longAgo);
    const lock = await holdDataFolder(dir);
    expect(existsSync(takeover)).toBe(false);
    await lock.release();
  });

  it('warns and goes on unlocked where the folder cannot hold a socket (a path too long for one)', async () => {
    const dir = join(folder(), 'a'.repeat(60), 'b'.repeat(60));
    mkdirSync(dir, { recursive: true });
    const warned = new Promise<Error>((done) => process.once('warning', done));
    const lock = await holdDataFolder(dir);
    expect(await warned).toMatchObject({
      name: 'Warning',
      code: 'DATA_FOLDER_UNLOCKED',
      message: `The data folder ${dir} is not locked against a second process (its path is too long for a Unix socket): run one process on it at a time.`,
    });
    expect(existsSync(join(dir, LOCK_NAME))).toBe(false);
    await lock.release();
  });

  it('keeps PGlite from opening a folder another process holds, before touching its files', async () => {
    const dir = folder();
    await holderProcess(dir);
    await expect(openDatabase({ dataDir: dir })).rejects.toMatchObject({ code: 'DATA_FOLDER_IN_USE' });
    expect(existsSync(join(dir, 'PG_VERSION'))).toBe(false);
  });
});
