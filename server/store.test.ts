import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiHandler } from './api-handler.ts';
import { openStore, StoreCorruptError, StoreLockedError } from './store.ts';
import { bookingRequest, FIXTURE_RULES, get, post, startApi, tempDir } from './testing.ts';

let temp: ReturnType<typeof tempDir>;
beforeEach(() => {
  temp = tempDir();
});
afterEach(() => temp.remove());

describe('the bookings store', () => {
  it('keeps bookings across a restart: the token still opens the booking and the slot stays taken', async () => {
    const file = join(temp.dir, 'bookings.json');
    const first = await startApi(file);
    const booked = await post(`${first.url}/bookings`, bookingRequest(), 'before-restart');
    await first.close();

    const second = await startApi(file);
    const found = await get(`${second.url}/bookings/${booked.body.manageToken}`);
    expect(found.status).toBe(200);
    expect(found.body.booking).toEqual(booked.body.booking);
    const retry = await post(`${second.url}/bookings`, bookingRequest(), 'before-restart');
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(booked.body);
    expect((await post(`${second.url}/bookings`, bookingRequest(), 'other')).status).toBe(409);
    await second.close();
  });

  it('writes through a temporary file and leaves none behind; stores only a hash of the token', async () => {
    const file = join(temp.dir, 'bookings.json');
    const api = await startApi(file);
    const booked = await post(`${api.url}/bookings`, bookingRequest(), 'k');
    await api.close();
    expect(readdirSync(temp.dir).sort()).toEqual(['bookings.json', 'bookings.json.lock']);
    const stored = JSON.parse(readFileSync(file, 'utf8'));
    expect(stored.bookings[0].tokenHash).toMatch(/^[\w-]{43}$/);
    expect(stored.bookings[0].tokenHash).not.toBe(booked.body.manageToken);
  });

  it('removes temporary files left by a crash mid-write and keeps the real file', () => {
    const file = join(temp.dir, 'bookings.json');
    writeFileSync(
      file,
      JSON.stringify({ version: 1, bookings: [], idempotency: [], savedRules: null, outbox: [] }),
    );
    writeFileSync(`${file}.tmp-123-abcd`, '{"version":1,"bookin');
    const store = openStore(file);
    expect(store.data.bookings).toEqual([]);
    expect(readdirSync(temp.dir).sort()).toEqual(['bookings.json', 'bookings.json.lock']);
  });

  it('refuses to start on a corrupt file with a clear error, keeping the bad file aside', () => {
    const file = join(temp.dir, 'bookings.json');
    writeFileSync(file, '{"version":1,"bookings":[');
    let error: unknown;
    try {
      createApiHandler({ rulesFile: FIXTURE_RULES, dataFile: file });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StoreCorruptError);
    const aside = readdirSync(temp.dir).find((name) => name.startsWith('bookings.json.corrupt-'));
    expect(aside).toBeDefined();
    expect((error as Error).message).toMatch(
      new RegExp(
        `^The bookings file ${file} could not be read: it is not valid JSON \\(.+\\)\\. It was moved to ${join(temp.dir, aside ?? '')} so nothing is overwritten\\.`,
      ),
    );
    expect(readFileSync(join(temp.dir, aside ?? ''), 'utf8')).toBe('{"version":1,"bookings":[');
    expect(existsSync(file)).toBe(false);
  });

  it('refuses JSON that is not a store', () => {
    const file = join(temp.dir, 'bookings.json');
    writeFileSync(file, '[]');
    expect(() => openStore(file)).toThrow(/it is JSON but not a bookings store/);
  });

  it('keeps the state unchanged when a change throws', async () => {
    const store = openStore(join(temp.dir, 'bookings.json'));
    await expect(
      store.mutate((draft) => {
        draft.outbox.push({ kind: 'booked', bookingId: 'x', manageToken: 't', at: 0 });
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(store.data.outbox).toEqual([]);
    await store.mutate((draft) => {
      draft.savedRules = { version: 1 };
    });
    expect(store.data.savedRules).toEqual({ version: 1 });
  });

  it('refuses a file another running server holds, and takes over a lock left by a dead one', () => {
    const file = join(temp.dir, 'bookings.json');
    writeFileSync(`${file}.lock`, String(process.ppid));
    expect(() => openStore(file)).toThrow(StoreLockedError);
    expect(() => openStore(file)).toThrow(
      `The bookings file ${file} is in use by another server (process ${process.ppid}).`,
    );
    const finished = spawnSync(process.execPath, ['-e', '0']);
    writeFileSync(`${file}.lock`, String(finished.pid));
    expect(openStore(file).data.bookings).toEqual([]);
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(String(process.pid));
  });
});
