/**
 * The durable store of the reference API: one JSON file holding bookings, idempotency records,
 * the saved rules and the demo's email outbox. Writes are atomic (a temporary file, fsync, then
 * rename), mutations run one at a time, and a file that cannot be read stops startup with a clear
 * error after being moved aside, so a bad file is never silently overwritten.
 */
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Booking, PatientDetails } from '../src/api/types.ts';

/** A booking as stored: what the API shows, plus what only the clinic keeps. */
export interface StoredBooking extends Booking {
  /** SHA-256 of the manage token: bookings are looked up by it, never by the token itself. */
  tokenHash: string;
  patient: PatientDetails;
  createdAt: number;
  updatedAt: number;
}

/** The first answer to an idempotency key, replayed for every repeat of the same request. */
export interface IdempotencyRecord {
  key: string;
  fingerprint: string;
  status: number;
  body: unknown;
  at: number;
}

/** What the reference server would have emailed: the demo's reminder page shows the latest. */
export interface OutboxMessage {
  kind: 'booked' | 'rescheduled' | 'cancelled';
  bookingId: string;
  manageToken: string;
  at: number;
}

export interface StoreData {
  version: 1;
  bookings: StoredBooking[];
  idempotency: IdempotencyRecord[];
  savedRules: unknown | null;
  outbox: OutboxMessage[];
}

export class StoreCorruptError extends Error {
  override name = 'StoreCorruptError';
}

export class StoreLockedError extends Error {
  override name = 'StoreLockedError';
}

export interface Store {
  /** The current state. Read it; change it only through `mutate`. */
  readonly data: StoreData;
  /**
   * Runs `change` on a copy of the state, after every earlier mutation, then writes the copy to disk
   * and makes it current. When the write fails the state stays as it was and the promise rejects.
   */
  mutate<T>(change: (draft: StoreData) => T): Promise<T>;
  /** Resolves once every mutation queued so far has finished. */
  idle(): Promise<void>;
}

function emptyData(): StoreData {
  return { version: 1, bookings: [], idempotency: [], savedRules: null, outbox: [] };
}

/** Opens (or creates) the store at `file`. Throws `StoreCorruptError` when the file cannot be read as a store. */
export function openStore(file: string): Store {
  mkdirSync(dirname(file), { recursive: true });
  claimFile(file);
  removeStaleTemporaries(file);
  let data = existsSync(file) ? readStoreFile(file) : emptyData();
  let queue: Promise<unknown> = Promise.resolve();

  function mutate<T>(change: (draft: StoreData) => T): Promise<T> {
    const run = queue.then(async () => {
      const draft = structuredClone(data);
      const result = change(draft);
      await writeAtomically(file, `${JSON.stringify(draft)}\n`);
      data = draft;
      return result;
    });
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    get data() {
      return data;
    },
    mutate,
    idle: () => queue.then(() => undefined),
  };
}

function readStoreFile(file: string): StoreData {
  const text = readFileSync(file, 'utf8');
  let problem: string | null = null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (isStoreData(parsed)) return parsed;
    problem =
      'it is JSON but not a bookings store (version 1 with bookings, idempotency, savedRules, outbox)';
  } catch (error) {
    problem = `it is not valid JSON (${(error as Error).message})`;
  }
  const aside = `${file}.corrupt-${Date.now()}`;
  renameSync(file, aside);
  throw new StoreCorruptError(
    `The bookings file ${file} could not be read: ${problem}. It was moved to ${aside} so nothing is ` +
      'overwritten. Repair it and move it back, or start again without it to begin with an empty store.',
  );
}

function isStoreData(value: unknown): value is StoreData {
  if (typeof value !== 'object' || value === null) return false;
  const data = value as Record<string, unknown>;
  return (
    data.version === 1 &&
    Array.isArray(data.bookings) &&
    Array.isArray(data.idempotency) &&
    Array.isArray(data.outbox) &&
    'savedRules' in data
  );
}

/**
 * Marks the file as this process's (`FILE.lock` holds the pid). Each process keeps the store in
 * memory, so a second process on the same file would silently overwrite the first one's bookings:
 * it is refused instead. A lock left by a process that no longer runs is taken over.
 */
function claimFile(file: string): void {
  const lock = `${file}.lock`;
  const owner = existsSync(lock) ? Number.parseInt(readFileSync(lock, 'utf8'), 10) : Number.NaN;
  if (Number.isInteger(owner) && owner !== process.pid && isRunning(owner)) {
    throw new StoreLockedError(
      `The bookings file ${file} is in use by another server (process ${owner}). Stop that server, or ` +
        `give this one another file. If no such server runs, delete ${lock}.`,
    );
  }
  writeFileSync(lock, String(process.pid));
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Temporary files left by a crash mid-write are incomplete by definition: the real file is intact. */
function removeStaleTemporaries(file: string): void {
  const prefix = `${basename(file)}.tmp-`;
  for (const name of readdirSync(dirname(file))) {
    if (name.startsWith(prefix)) unlinkSync(join(dirname(file), name));
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
