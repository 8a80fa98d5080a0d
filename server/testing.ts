/**
 * Test helpers for the clinic server: the real app over real HTTP on a free port, on a real
 * database (PGlite in a temporary folder, or the PostgreSQL server of `TEST_DATABASE_URL`), with a
 * settable clock. Each test gets a clinic of its own on a shared database and a server its file
 * shares, so tests never see each other's rows and the slow parts (opening a database, building
 * the app) happen once per file (the database once per worker on PGlite).
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
} from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterAll, beforeEach, inject } from 'vitest';
import type { BookingRequest } from '../src/api/types.ts';
import { readConfig, type ServerConfig } from './config.ts';
import { MemoryOutbox } from './messages/transport.ts';
import { createStaffMember } from './routes/staff.ts';
import { seedRules } from './rules/seed.ts';
import { type OpenedServer, type OpenOverrides, openServer } from './server.ts';
import { createClinic } from './store/clinics.ts';
import { type Database, openDatabase } from './store/database.ts';
import { migrate, readMigrations } from './store/migrate.ts';
import { insertRulesVersion } from './store/rules.ts';
import type { Role } from './store/staff.ts';

export const FIXTURE_RULES = resolve(import.meta.dirname, 'fixtures/small-clinic.json');

/** Tuesday 1 December 2026, 07:00 in New York. */
export const NOW = Date.parse('2026-12-01T12:00:00Z');
/** Wednesday 2 December 2026, 09:00 in New York: Dr. Lee's first follow-up slot that day. */
export const WED_9AM = Date.parse('2026-12-02T14:00:00Z');

/** Which database the server tests run on: `TEST_DATABASE_URL` (PostgreSQL) or PGlite. */
export const TEST_DATABASE = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'clinic-api-test-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Opens the test database (migrated): PostgreSQL when `TEST_DATABASE_URL` is set, else PGlite in
 * `dir`, from a copy of the migrated template; `statementTimeoutMs` as the server's setting.
 */
export async function openTestDatabase(
  dir: string,
  options: { statementTimeoutMs?: number } = {},
): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return openTestPglite(dir, options);
  const db = await openDatabase({ url, ...options });
  await migrate(db);
  return db;
}

/** Opens a PGlite in `dir`, from a copy of the migrated template, whichever database the tests run on. */
export async function openTestPglite(
  dir: string,
  options: { statementTimeoutMs?: number } = {},
): Promise<Database> {
  const dataDir = join(dir, 'pglite');
  await copyMigratedPglite(dataDir);
  const db = await openDatabase({ dataDir, ...options });
  await migrate(db);
  return db;
}

/**
 * The database of one test file, and how to let it go. On PostgreSQL, a pool of the file's own on
 * the project's one database, closed after the file. On PGlite, the worker's one database (the
 * `node` and `dom` projects share a module graph per worker): opened for the first file that asks
 * and kept for the next, as copying and opening a PGlite folder per file was a third of the
 * project's time. Files share it the way they share the PostgreSQL database, each test on a clinic
 * of its own.
 */
export async function fileDatabase(): Promise<{ db: Database; release(): Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const db = await openDatabase({ url });
    await migrate(db);
    return { db, release: () => db.close() };
  }
  // A folder per module graph, not per worker: a worker process that runs another project's files
  // (the `dom` project after `node`) evaluates this module again, and the PGlite of the first graph
  // still holds its folder (store/folder-lock.ts).
  workerPglite ??= openTestDatabase(
    join(pgliteRoot(), `worker-${process.pid}-${threadId}-${randomUUID().slice(0, 8)}`),
  ).catch((error) => {
    workerPglite = undefined;
    throw error;
  });
  return { db: await workerPglite, release: async () => undefined };
}

let workerPglite: Promise<Database> | undefined;

function pgliteRoot(): string {
  const root = inject('pgliteRoot');
  if (!root)
    throw new Error('The shared PGlite needs test/support/pglite-setup.ts as the project’s globalSetup.');
  return root;
}

/**
 * Fills `dataDir` with a copy of an empty, migrated PGlite folder. Creating a folder runs initdb in
 * WebAssembly (about 4 s here); copying one and opening the copy takes about 0.5 s, which is most
 * of a server test file's time. The template is made once per migrations and PGlite version, in
 * the system's temporary folder: built under a name of its own and renamed into place, so a test
 * process that dies while building it leaves no half-made template, and processes that build one
 * at the same moment keep whichever lands first. The path from an empty folder stays tested by the
 * tests that open their own (the demo, the store, the crash test). Each use marks the template as
 * used; building one removes the others that no checkout has used for a week (older migrations,
 * another PGlite), and what a killed build left, so the temporary folder does not fill up.
 */
async function copyMigratedPglite(dataDir: string): Promise<void> {
  const template = join(tmpdir(), `${TEMPLATE_PREFIX}${templateKey()}`);
  if (!existsSync(template)) {
    removeUnusedTemplates(Date.now());
    const building = mkdtempSync(`${template}.building-`);
    const db = await openDatabase({ dataDir: join(building, 'pglite') });
    await migrate(db);
    await db.close();
    try {
      renameSync(join(building, 'pglite'), template);
    } catch (error) {
      if (!existsSync(template)) throw error;
    } finally {
      rmSync(building, { recursive: true, force: true });
    }
  }
  const now = new Date();
  utimesSync(template, now, now);
  cpSync(template, dataDir, { recursive: true });
}

const TEMPLATE_PREFIX = 'clinic-scheduler-pglite-';
const UNUSED_TEMPLATE_MS = 7 * 24 * 3_600_000;

/** Removes the templates (and half-built ones) in the temporary folder untouched for `UNUSED_TEMPLATE_MS`. */
function removeUnusedTemplates(now: number): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(TEMPLATE_PREFIX)) continue;
    const path = join(tmpdir(), name);
    try {
      if (now - statSync(path).mtimeMs > UNUSED_TEMPLATE_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another process removed or renamed it meanwhile.
    }
  }
}

/** What a template depends on: the migrations' text and the PGlite version (the lock's) that wrote it. */
function templateKey(): string {
  const hash = createHash('sha256');
  for (const migration of readMigrations()) hash.update(`${migration.version}\0${migration.sql}\0`);
  const lock = JSON.parse(readFileSync(resolve(import.meta.dirname, '../package-lock.json'), 'utf8'));
  hash.update(lock.packages['node_modules/@electric-sql/pglite'].version);
  return hash.digest('hex').slice(0, 16);
}

export function testConfig(dir: string, extra: Partial<ServerConfig> = {}): ServerConfig {
  return {
    ...readConfig({}, dir),
    dataDir: join(dir, 'pglite'),
    databaseUrl: process.env.TEST_DATABASE_URL,
    ...extra,
  };
}

export interface RunningApi {
  /** The clinic's API base, e.g. `http://127.0.0.1:PORT/c/t-3/api`. */
  url: string;
  origin: string;
  clinicId: string;
  server: OpenedServer;
  outbox: MemoryOutbox;
  clock: { now: number };
  /**
   * Resolves once the messages of the requests answered so far have been sent: they go out after
   * the answer, one after another, each recorded in the database before the next.
   */
  messagesSent(): Promise<void>;
  close(): Promise<void>;
}

let clinics = 0;

/** A new clinic with the fixture's rules on `db`. */
export async function newClinic(db: Database, rulesFile: string | null = FIXTURE_RULES): Promise<string> {
  const id = `t-${process.pid}-${++clinics}-${Math.random().toString(36).slice(2, 8)}`;
  await createClinic(db, id, 'Small Test Clinic', NOW);
  if (rulesFile) await seedRules(db, id, rulesFile, NOW);
  return id;
}

/**
 * Stores the fixture's rules with a zone that does not exist as the clinic's current version,
 * around the server's checks (as a broken migration or a hand edit would), at `now`: what every
 * route must answer 503 `RULES_INVALID` to rather than serve or book.
 */
export async function storeInvalidRules(db: Database, clinicId: string, now: number): Promise<void> {
  const fixture = JSON.parse(readFileSync(FIXTURE_RULES, 'utf8'));
  await insertRulesVersion(db, clinicId, {
    document: JSON.stringify({ ...fixture, timezone: 'Mars/Olympus' }),
    etag: '"invalid"',
    warnings: [],
    savedBy: null,
    note: 'written around the server',
    now,
  });
}

/** Starts the app on `db`, listening on a free port, for the clinic `clinicId`. */
export async function startApi(
  db: Database,
  clinicId: string,
  clock = { now: NOW },
  overrides: OpenOverrides & { config?: Partial<ServerConfig> } = {},
): Promise<RunningApi> {
  const outbox = new MemoryOutbox();
  const dir = tmpdir();
  const server = await openServer(testConfig(dir, overrides.config), {
    db,
    now: () => clock.now,
    transport: outbox,
    logger: false,
    ...overrides,
    // The reminders of earlier bookings are written across all clinics of the database, which
    // other test files share: only the tests of that, on a database of their own, ask for them.
    outbox: { remindEarlierBookings: false, ...overrides.outbox },
  });
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = server.app.server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/c/${clinicId}/api`,
    origin,
    clinicId,
    server,
    outbox,
    clock,
    messagesSent: async () => await server.context.outbox?.settled(),
    close: () => server.close(),
  };
}

export interface TempApi {
  /** The running API of the current test: the file's server, on the test's own clinic. */
  api: RunningApi;
  db: Database;
  /** Stops the file's server and starts a new one on the same database, for the rest of the file. */
  restart(): Promise<void>;
}

/**
 * Registers hooks that give each test a clinic of its own, on the file's database and one server
 * the file's tests share, its clock set back to `NOW` before each. Building the app (its plugins,
 * its routes' schemas: 30 to 80 ms) costs more than most tests; a clinic per test keeps them
 * apart as well as a server each would: every row, rate-limit key and message belongs to a clinic.
 * A test that needs other settings starts a server of its own with `startApi`.
 */
export function useTempApi(): TempApi {
  let release: (() => Promise<void>) | undefined;
  let server: RunningApi | undefined;
  const onClinic = (running: RunningApi, clinicId: string): RunningApi => ({
    ...running,
    clinicId,
    url: `${running.origin}/c/${clinicId}/api`,
  });
  const context: TempApi = {
    api: undefined as unknown as RunningApi,
    db: undefined as unknown as Database,
    restart: async () => {
      await server?.close();
      server = await startApi(context.db, context.api.clinicId, context.api.clock);
      context.api = server;
    },
  };
  beforeEach(async () => {
    if (!release) ({ db: context.db, release } = await fileDatabase());
    const clinicId = await newClinic(context.db);
    server ??= await startApi(context.db, clinicId);
    server.clock.now = NOW;
    context.api = onClinic(server, clinicId);
  }, 30_000);
  afterAll(async () => {
    await server?.close();
    await release?.();
  });
  return context;
}

/** The test staff accounts' password (a test fixture, not a secret). */
export const TEST_PASSWORD = 'correct horse battery staple';

/** Creates a staff member of the API's clinic and signs in: the headers to send with writes. */
export async function signIn(api: RunningApi, role: Role = 'admin', email = `${role}@clinic.example`) {
  const password = TEST_PASSWORD;
  await createStaffMember(api.server.db, api.clinicId, { email, password, role }, api.clock.now).catch(
    () => undefined,
  );
  const answer = await fetch(`${api.url}/staff/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (answer.status !== 200) throw new Error(`sign-in failed: ${answer.status} ${await answer.text()}`);
  const { csrfToken } = (await answer.json()) as { csrfToken: string };
  const cookie = (answer.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { Cookie: cookie, 'X-CSRF-Token': csrfToken };
}

/** Saves the fixture rules with `changePolicy` on the follow-up type, as a signed-in admin. */
export async function saveWithChangePolicy(api: RunningApi, changePolicy: Record<string, unknown>) {
  const fixture = JSON.parse(readFileSync(FIXTURE_RULES, 'utf8'));
  const document = {
    ...fixture,
    appointmentTypes: fixture.appointmentTypes.map((type: { id: string }) =>
      type.id === 'follow-up' ? { ...type, changePolicy } : type,
    ),
  };
  const saved = await fetch(`${api.url}/rules`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...(await signIn(api)) },
    body: JSON.stringify(document),
  });
  if (saved.status !== 200) throw new Error(`rules save failed: ${saved.status} ${await saved.text()}`);
}

export function bookingRequest(overrides: Partial<BookingRequest> = {}): BookingRequest {
  return {
    appointmentTypeId: 'follow-up',
    providerId: 'dr-lee',
    start: WED_9AM,
    patient: {
      name: 'Maria Garcia',
      dateOfBirth: '1984-03-09',
      email: 'maria@example.com',
      phone: '+1 555 010 2030',
      patientStatus: 'existing',
      consent: true,
    },
    ...overrides,
  };
}

/** POSTs JSON with an idempotency key and returns the status, headers and parsed body. */
export async function post(
  url: string,
  body: unknown,
  key: string | null,
  headers: Record<string, string> = {},
) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : null };
}

export async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: response.status, headers: response.headers, text, body: body as Record<string, unknown> };
}
