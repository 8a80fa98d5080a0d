/**
 * `npm run bench:server`: the clinic server (`server/main.ts`, real processes on loopback) under
 * autocannon, on PGlite (a data folder) and on PostgreSQL (a throwaway cluster), with the sample
 * clinic and with the 30-provider benchmark clinic (its year of bookings in the bookings table).
 * Prints throughput and p50/p99 latency of `GET /rules` answered 304 and 200, of this month's busy
 * window (`GET /busy/{YYYY-MM}`, 304 and 200) and of bookings of
 * distinct slots, at 100 concurrent clients, with one instance and (PostgreSQL) two; the 304 of
 * `GET /rules` and the bookings also paced (arriving evenly at a set rate, each timed from when it
 * was due: the latency at that load rather than at saturation); then the
 * server's memory (RSS) before, during and after a 60-second run of reads and bookings together.
 * Each row ends with the machine's 1-minute load average when the run ended: on a shared machine
 * it says how far the figures are the server's own. The bookings' rows also give the server's own
 * time for them (p50 and p99 of its `Server-Timing`, `SERVER_TIMING=1`: from the request's arrival
 * at Fastify to the answer), which tells the server's work from the wait before it reaches the
 * server (its socket unread while the event loop is busy) and in the load generator. Every row
 * gives the CPU time a request cost each side (/proc/PID/stat around the run): the server
 * instances, PostgreSQL (its postmaster and backends; on PGlite the database is inside the
 * server), and this process, the load generator.
 *
 * `DURATION` (seconds per GET run, default 10), `BOOKINGS` (requests per booking run, default
 * 2,000), `BOOKING_RATE` (bookings a second of the paced run, default 100), `GET_RATE` (requests
 * a second of the paced `GET /rules` 304 run, default 5,000), `MEMORY_SECONDS`
 * (default 60), `ONLY=pglite|postgres`. PGlite runs one instance only:
 * its data folder belongs to one process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { DateTime } from 'luxon';
import { openDatabase } from '../server/store/database.ts';
import { savedRules } from '../src/api/rules-forms.ts';
import { generateSlots, type RulesDocument } from '../src/engine/index.ts';
import { freePort, startCluster } from '../test/support/postgres-cluster.ts';
import { type Clinic, clinics, PATIENT, seed } from './bench-clinics.ts';

const root = resolve(import.meta.dirname, '..');
const print = (line: string) => process.stdout.write(`${line}\n`);
const DURATION = Number(process.env.DURATION ?? 10);
const BOOKINGS = Number(process.env.BOOKINGS ?? 2_000);
const MEMORY_SECONDS = Number(process.env.MEMORY_SECONDS ?? 60);
const BOOKING_RATE = Number(process.env.BOOKING_RATE ?? 100);
const GET_RATE = Number(process.env.GET_RATE ?? 5_000);
const CONNECTIONS = 100;
const ONLY = process.env.ONLY;

/** Server processes still running: killed if the benchmark itself fails or is interrupted. */
const running = new Set<ChildProcess>();
/** Clusters and folders to remove on the way out, however the benchmark ends. */
const cleanups: (() => void)[] = [];
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
  for (const cleanup of cleanups.splice(0)) cleanup();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(1));

interface Instance {
  origin: string;
  pid: number;
  stop(): Promise<void>;
}

/** `server/main.ts` as its own process, as a clinic runs it; resolves once `/readyz` answers 200. */
async function startServer(env: Record<string, string>): Promise<Instance> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/main.ts')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      RATE_LIMIT_PER_CLINIC: '10000000',
      SERVER_TIMING: '1',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  running.add(child);
  const exited = new Promise<void>((done) =>
    child.once('exit', () => {
      running.delete(child);
      done();
    }),
  );
  const origin = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error('The server exited before it was ready.');
    const ready = await fetch(`${origin}/readyz`).then(
      (answer) => answer.status === 200,
      () => false,
    );
    if (ready) {
      return {
        origin,
        pid: child.pid ?? 0,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      };
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  child.kill('SIGKILL');
  throw new Error('The server did not become ready in 30 s.');
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** What autocannon printed, reduced to the table's columns. */
interface Figures {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  statuses: string;
  /** The server's own time for the answers (`Server-Timing`), where the run collected it. */
  server?: { p50: number; p99: number };
  /** CPU time per request, in microseconds, of each side of the run (`measured`). */
  cpu?: { server: number; database: number | null; client: number };
}

/** Which processes' CPU a run reads: the server instances' and PostgreSQL's (none: PGlite). */
interface Processes {
  servers: number[];
  postmaster: number | null;
}

/** Linux's clock ticks per second (USER_HZ) in /proc/PID/stat. */
const TICKS_PER_SECOND = 100;

/** The fields of /proc/PID/stat after the command's name, from the state (field 3) on. */
function statFields(pid: number | string): string[] {
  return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
}

/**
 * CPU seconds a process has used (fields 14 and 15 of /proc/PID/stat), with those of its children
 * that have exited (16 and 17) when `exitedChildren`.
 */
function cpuSeconds(pid: number, exitedChildren = false): number {
  const fields = statFields(pid);
  const ticks = (field: number) => Number(fields[field - 3] ?? 0);
  return (ticks(14) + ticks(15) + (exitedChildren ? ticks(16) + ticks(17) : 0)) / TICKS_PER_SECOND;
}

/** PostgreSQL's CPU seconds: the postmaster, its backends (its children), and the backends gone. */
function databaseSeconds(postmaster: number): number {
  let total = cpuSeconds(postmaster, true);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(statFields(entry)[1]);
      if (parent === postmaster) total += cpuSeconds(Number(entry));
    } catch {
      // The process exited between the listing and the read.
    }
  }
  return total;
}

/** This process's CPU seconds: the load generator's. */
function clientSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/**
 * Runs `run` and adds to its figures the CPU each side spent per request: the servers, PostgreSQL
 * (null on PGlite, whose database runs inside the server), and this process, which is the load
 * generator. What a request costs in CPU varies less on a shared machine than its latency does.
 */
async function measured(processes: Processes, run: () => Promise<Figures>): Promise<Figures> {
  const read = () => ({
    server: processes.servers.reduce((sum, pid) => sum + cpuSeconds(pid), 0),
    database: processes.postmaster === null ? null : databaseSeconds(processes.postmaster),
    client: clientSeconds(),
  });
  const before = read();
  const figures = await run();
  const after = read();
  const perRequest = (seconds: number) => Math.round((seconds * 1e6) / Math.max(1, figures.requests));
  return {
    ...figures,
    cpu: {
      server: perRequest(after.server - before.server),
      database:
        after.database === null || before.database === null
          ? null
          : perRequest(after.database - before.database),
      client: perRequest(after.client - before.client),
    },
  };
}

/** The `app;dur=` of a `Server-Timing` header, in milliseconds; null without one. */
function serverTime(header: string | null | undefined): number | null {
  const match = /\bapp;dur=([\d.]+)/.exec(header ?? '');
  return match ? Number(match[1]) : null;
}

/** The `q` quantile of `sorted` (ascending). */
function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** The p50 and p99 of `times` (sorted here), rounded to tenths; undefined when empty. */
function percentiles(times: number[]): { p50: number; p99: number } | undefined {
  if (times.length === 0) return undefined;
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round(quantile(times, q) * 10) / 10;
  return { p50: at(0.5), p99: at(0.99) };
}

async function load(options: autocannon.Options, serverTimes?: number[]): Promise<Figures> {
  // autocannon notices the end of a run on its sampling tick: every 100 ms rather than every
  // second, so a run of 1,000 bookings is not timed to the next whole second.
  const started = performance.now();
  const result = await autocannon({ connections: CONNECTIONS, sampleInt: 100, ...options });
  const seconds = (performance.now() - started) / 1_000;
  const statuses = Object.entries(result.statusCodeStats ?? {})
    .map(([code, { count }]) => `${code}×${count}`)
    .join(' ');
  const errors = result.errors + result.timeouts;
  const server = serverTimes && percentiles(serverTimes);
  return {
    requests: result.requests.total,
    perSecond: Math.round(result.requests.total / seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    statuses: errors ? `${statuses} errors×${errors}` : statuses,
    ...(server ? { server } : {}),
  };
}

/** Distinct, non-overlapping slots of `clinic`'s booking type, from the served document. */
async function bookableSlots(
  origin: string,
  clinic: Clinic,
): Promise<{ providerId: string; start: number }[]> {
  // The served document requires busy windows; the bench knows the bookings it loaded, so it
  // lists them as the document's own busy time instead of reading every month's window.
  const stored = savedRules(
    await (await fetch(`${origin}/c/${clinic.id}/api/rules`)).json(),
  ) as RulesDocument;
  const served = {
    ...stored,
    busy: [
      ...(stored.busy ?? []),
      ...clinic.bookings.map((row) => ({
        providerId: row.providerId,
        start: DateTime.fromMillis(row.start, { zone: 'UTC' }).toISO() ?? '',
        end: DateTime.fromMillis(row.end, { zone: 'UTC' }).toISO() ?? '',
      })),
    ],
  } as RulesDocument;
  const now = Date.now() + 10 * 60_000;
  const from = new Date(now).toISOString().slice(0, 10);
  const to = new Date(now + 300 * 86_400_000).toISOString().slice(0, 10);
  const result = generateSlots(served, {
    appointmentTypeId: clinic.typeId,
    from,
    to,
    now,
    maxSlots: 200_000,
  });
  if (!result.ok) throw new Error(`No slots: ${result.errors[0]?.message}`);
  const taken = new Map<string, number>();
  const slots: { providerId: string; start: number }[] = [];
  for (const slot of result.slots) {
    if ((taken.get(slot.providerId) ?? 0) > slot.start) continue;
    taken.set(slot.providerId, slot.end);
    slots.push({ providerId: slot.providerId, start: slot.start });
  }
  // Spread over providers, as patients are: one provider's bookings queue on its lock.
  return slots.sort((a, b) => hash(a.providerId, a.start) - hash(b.providerId, b.start));
}

function hash(text: string, value: number): number {
  let h = value % 2_147_483_647;
  for (const char of text) h = (h * 31 + char.charCodeAt(0)) % 2_147_483_647;
  return (h * 48_271) % 2_147_483_647;
}

const kib = (bytes: number) => Math.round(bytes / 1024).toLocaleString('en-US');

/**
 * Books `slots` one after another at `BOOKING_RATE` a second, whether or not earlier ones have
 * been answered, each timed from when it was due (so a slow answer cannot hide the ones behind it).
 */
async function paced(
  urls: string[],
  clinic: Clinic,
  slots: { providerId: string; start: number }[],
): Promise<Figures> {
  const latencies: number[] = [];
  const serverTimes: number[] = [];
  const statuses = new Map<number, number>();
  let errors = 0;
  const started = performance.now();
  const sent: Promise<void>[] = [];
  for (const [i, slot] of slots.entries()) {
    const due = started + (i * 1_000) / BOOKING_RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((done) => setTimeout(done, wait));
    const request = bookingRequests(clinic, [slot])[0]!.setupRequest({}) as {
      headers: Record<string, string>;
      body: string;
    };
    sent.push(
      fetch(urls[i % urls.length]!, { method: 'POST', headers: request.headers, body: request.body }).then(
        async (answer) => {
          await answer.arrayBuffer();
          latencies.push(performance.now() - due);
          const time = serverTime(answer.headers.get('server-timing'));
          if (time !== null) serverTimes.push(time);
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        },
        () => {
          errors++;
        },
      ),
    );
  }
  await Promise.all(sent);
  const server = percentiles(serverTimes);
  return {
    ...summary(latencies, statuses, errors, (performance.now() - started) / 1_000),
    ...(server ? { server } : {}),
  };
}

/** Latencies and answers, reduced to the table's columns. */
function summary(
  latencies: number[],
  statuses: Map<number, number>,
  errors: number,
  seconds: number,
): Figures {
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(quantile(latencies, q));
  const answers = [...statuses].map(([code, count]) => `${code}×${count}`).join(' ');
  return {
    requests: latencies.length,
    perSecond: Math.round(latencies.length / seconds),
    p50: at(0.5),
    p99: at(0.99),
    statuses: errors ? `${answers} errors×${errors}` : answers,
  };
}

/** One keep-alive connection of `pacedGets`: at most one request in flight. */
interface Connection {
  socket: Socket;
  request: Buffer;
  /** When the request in flight was due; null when idle. */
  due: number | null;
  received: Buffer;
}

/**
 * `GET` requests arriving evenly at `rate` a second for `seconds`, on `CONNECTIONS` keep-alive
 * connections (spread over `urls`), each timed from when it was due: a request finding every
 * connection busy waits for one, and that wait is in its time. autocannon's `overallRate` is no
 * such pacing: each connection sends its share of a second back to back when the second begins,
 * then waits for the next, and times each request from when it was sent. The answers are read
 * as bodiless or `Content-Length` ones, which is what `GET /rules` and `GET /busy` give.
 */
async function pacedGets(
  urls: string[],
  headers: Record<string, string>,
  rate: number,
  seconds: number,
): Promise<Figures> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const waiting: number[] = [];
  const idle: Connection[] = [];
  const send = (connection: Connection, due: number) => {
    connection.due = due;
    connection.socket.write(connection.request);
  };
  const connections = await Promise.all(
    Array.from({ length: CONNECTIONS }, (_, i) => {
      const url = new URL(urls[i % urls.length]!);
      const lines = Object.entries({ Host: url.host, ...headers }).map(
        ([name, value]) => `${name}: ${value}`,
      );
      const connection: Connection = {
        socket: connect(Number(url.port), url.hostname),
        request: Buffer.from(`GET ${url.pathname} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`),
        due: null,
        received: Buffer.alloc(0),
      };
      connection.socket.setNoDelay(true);
      connection.socket.on('data', (chunk: Buffer) => {
        connection.received = connection.received.length
          ? Buffer.concat([connection.received, chunk])
          : chunk;
        const end = connection.received.indexOf('\r\n\r\n');
        if (end < 0 || connection.due === null) return;
        const head = connection.received.subarray(0, end).toString('latin1');
        const status = Number(head.slice(9, 12));
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        if (connection.received.length < end + 4 + length) return;
        connection.received = connection.received.subarray(end + 4 + length);
        latencies.push(performance.now() - connection.due);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        const next = waiting.shift();
        if (next === undefined) {
          connection.due = null;
          idle.push(connection);
        } else send(connection, next);
      });
      // A connection that fails leaves its requests unanswered: they count as errors below.
      connection.socket.on('error', () => undefined);
      return new Promise<Connection>((done) => connection.socket.once('connect', () => done(connection)));
    }),
  );
  idle.push(...connections);
  const total = Math.round(rate * seconds);
  const started = performance.now();
  for (let next = 0; next < total; ) {
    const now = performance.now();
    for (; next < total && started + (next * 1_000) / rate <= now; next++) {
      const due = started + (next * 1_000) / rate;
      const connection = idle.pop();
      if (connection) send(connection, due);
      else waiting.push(due);
    }
    await new Promise((done) => setTimeout(done, 1));
  }
  // The last answers, for at most 10 s; those still missing count as errors.
  const deadline = performance.now() + 10_000;
  while (latencies.length < total && performance.now() < deadline) {
    await new Promise((done) => setTimeout(done, 5));
  }
  const elapsed = (performance.now() - started) / 1_000;
  for (const connection of connections) connection.socket.destroy();
  return summary(latencies, statuses, total - latencies.length, elapsed);
}

const loadAverage = () => (loadavg()[0] ?? 0).toFixed(1);

function row(label: string, figures: Figures): string {
  const server = figures.server ? `${figures.server.p50} | ${figures.server.p99}` : '| ';
  const { cpu } = figures;
  const spent = cpu ? `${cpu.server} · ${cpu.database ?? '–'} · ${cpu.client}` : '';
  return `| ${label} | ${figures.requests.toLocaleString('en-US')} | ${figures.perSecond.toLocaleString('en-US')} | ${figures.p50} | ${figures.p99} | ${server} | ${spent} | ${figures.statuses} | ${loadAverage()} |`;
}

/**
 * Booking requests of `clinic`, one per slot of `slots` in turn (past the last, the first again);
 * the server's time for each answer goes into `serverTimes`.
 */
function bookingRequests(
  clinic: Clinic,
  slots: { providerId: string; start: number }[],
  serverTimes: number[] = [],
) {
  let next = 0;
  return [
    {
      method: 'POST' as const,
      onResponse: (_status: number, _body: string, _context: unknown, headers?: Record<string, string>) => {
        const time = serverTime(headers?.['server-timing']);
        if (time !== null) serverTimes.push(time);
      },
      setupRequest: (request: autocannon.Request) => {
        const slot = slots[next++ % slots.length]!;
        request.headers = {
          ...request.headers,
          'Content-Type': 'application/json',
          'Idempotency-Key': randomBytes(12).toString('base64url'),
        };
        request.body = JSON.stringify({
          appointmentTypeId: clinic.typeId,
          providerId: slot.providerId,
          start: slot.start,
          patient: PATIENT,
        });
        return request;
      },
    },
  ];
}

async function benchClinic(
  instances: Instance[],
  processes: Processes,
  clinic: Clinic,
  slots: { providerId: string; start: number }[],
  label: string,
): Promise<string[]> {
  const urls = (path: string) => instances.map((instance) => `${instance.origin}/c/${clinic.id}/api${path}`);
  const rules = await fetch(urls('/rules')[0]!, { headers: { 'Accept-Encoding': 'gzip' } });
  const etag = rules.headers.get('etag') ?? '';
  const gzipped = Number(rules.headers.get('content-length') ?? 0);
  const size = (await rules.arrayBuffer()).byteLength;
  const lines: string[] = [];
  const timed = (run: () => Promise<Figures>) => measured(processes, run);
  const notModified = await timed(() =>
    load({
      url: urls('/rules'),
      duration: DURATION,
      headers: { 'If-None-Match': etag, 'Accept-Encoding': 'gzip' },
    }),
  );
  lines.push(row(`${label}, GET /rules 304`, notModified));
  const pacedNotModified = await timed(() =>
    pacedGets(urls('/rules'), { 'If-None-Match': etag, 'Accept-Encoding': 'gzip' }, GET_RATE, DURATION),
  );
  lines.push(row(`${label}, GET /rules 304, paced, ${GET_RATE.toLocaleString('en-US')}/s`, pacedNotModified));
  const full = await timed(() =>
    load({
      url: urls('/rules'),
      duration: DURATION,
      headers: { 'Accept-Encoding': 'gzip' },
    }),
  );
  lines.push(row(`${label}, GET /rules 200 (${kib(size)} KiB, ${kib(gzipped)} KiB gzip)`, full));
  // This month's busy window (the month most patients look at), 304 and 200.
  const month = DateTime.fromMillis(Date.now(), { zone: 'UTC' }).toFormat('yyyy-MM');
  const window = await fetch(urls(`/busy/${month}`)[0]!, { headers: { 'Accept-Encoding': 'gzip' } });
  const windowTag = window.headers.get('etag') ?? '';
  const windowSize = Number(window.headers.get('content-length') ?? 0);
  await window.arrayBuffer();
  const windowNotModified = await timed(() =>
    load({
      url: urls(`/busy/${month}`),
      duration: DURATION,
      headers: { 'If-None-Match': windowTag, 'Accept-Encoding': 'gzip' },
    }),
  );
  lines.push(row(`${label}, GET /busy/${month} 304`, windowNotModified));
  const windowFull = await timed(() =>
    load({
      url: urls(`/busy/${month}`),
      duration: DURATION,
      headers: { 'Accept-Encoding': 'gzip' },
    }),
  );
  lines.push(row(`${label}, GET /busy/${month} 200 (${kib(windowSize)} KiB gzip)`, windowFull));
  const book = async (connections: number, wanted: number) => {
    const amount = Math.min(wanted, slots.length);
    if (amount < 1) return null;
    const serverTimes: number[] = [];
    const figures = await timed(() =>
      load(
        {
          url: urls('/bookings'),
          connections,
          amount,
          requests: bookingRequests(clinic, slots.slice(0, amount), serverTimes),
        },
        serverTimes,
      ),
    );
    slots.splice(0, amount);
    return figures;
  };
  const booked = (run: string, figures: Figures | null) =>
    lines.push(
      figures
        ? row(`${label}, POST /bookings (distinct slots), ${run}`, figures)
        : `| ${label}: no slots left |`,
    );
  // Not reported: the first bookings after a start also time V8's optimising compilers (of the
  // server's code and of PGlite's WebAssembly), which a clinic's server has long finished.
  await book(10, 200);
  // As fast as 100 clients can book, each sending its next booking when answered: the
  // throughput, and the wait a queue of 100 gives (Little's law: 100 / throughput).
  booked('100 clients', await book(CONNECTIONS, Math.min(BOOKINGS, slots.length - 100 - BOOKING_RATE * 5)));
  // Bookings arriving evenly at BOOKING_RATE a second for 5 s, each on its own request: the
  // latency under a busy clinic's load rather than at the queue's limit.
  const pacedSlots = slots.splice(0, Math.min(BOOKING_RATE * 5, slots.length));
  booked(
    `paced, ${BOOKING_RATE}/s`,
    pacedSlots.length ? await timed(() => paced(urls('/bookings'), clinic, pacedSlots)) : null,
  );
  booked('1 client', await book(1, 100));
  return lines;
}

async function benchDatabase(kind: 'pglite' | 'postgres'): Promise<void> {
  const list = clinics();
  const folder = mkdtempSync(join(tmpdir(), 'clinic-bench-'));
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
  const cluster = kind === 'postgres' ? await startCluster('clinic_bench') : null;
  if (cluster) cleanups.push(cluster.stopNow);
  const env: Record<string, string> = cluster
    ? { DATABASE_URL: cluster.url }
    : { DATA_DIR: join(folder, 'pglite') };
  try {
    const started = performance.now();
    const db = await openDatabase({ url: cluster?.url, dataDir: env.DATA_DIR });
    await seed(db, list);
    await db.close();
    print(
      `\n## ${kind === 'postgres' ? `PostgreSQL ${cluster?.version}` : 'PGlite'} (seeded in ${Math.round(performance.now() - started)} ms: ${list[1]!.bookings.length.toLocaleString('en-US')} bookings of the 30-provider clinic)\n`,
    );
    print(
      '| run | requests | req/s | p50 ms | p99 ms | server p50 ms | server p99 ms | CPU µs a request: server · database · client | answers | load |',
    );
    print('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    const counts = kind === 'postgres' ? [1, 2] : [1];
    const one = await startServer(env);
    const slots = new Map<string, { providerId: string; start: number }[]>();
    try {
      for (const clinic of list) slots.set(clinic.id, await bookableSlots(one.origin, clinic));
    } finally {
      await one.stop();
    }
    // The memory run's bookings take the 30-provider clinic's last slots, at most 20,000.
    const largeSlots = slots.get(list[1]!.id)!;
    const memorySlots = largeSlots.splice(-Math.min(20_000, Math.floor(largeSlots.length / 3)));
    for (const count of counts) {
      const instances = await Promise.all(Array.from({ length: count }, () => startServer(env)));
      try {
        for (const clinic of list) {
          const label = `${clinic.label}, ${count} instance${count === 1 ? '' : 's'}`;
          // Each instance count gets an equal share of the clinic's free slots.
          const all = slots.get(clinic.id)!;
          const share = all.splice(0, Math.ceil(all.length / (counts.length - counts.indexOf(count))));
          const processes = {
            servers: instances.map((instance) => instance.pid),
            postmaster: cluster?.pid ?? null,
          };
          for (const line of await benchClinic(instances, processes, clinic, share, label)) print(line);
        }
      } finally {
        await Promise.all(instances.map((instance) => instance.stop()));
      }
    }
    // Memory over a long run: the heaviest read (the 30-provider clinic's document, 200) on 90
    // connections and bookings of the slots kept for it on 10, for MEMORY_SECONDS.
    const server = await startServer(env);
    try {
      const large = list[1]!;
      const url = `${server.origin}/c/${large.id}/api`;
      await fetch(`${url}/rules`);
      const before = rssMiB(server.pid);
      const samples: number[] = [];
      const every = Math.max(1, Math.round(MEMORY_SECONDS / 6));
      const sampling = setInterval(() => samples.push(rssMiB(server.pid)), every * 1_000);
      const [reads, bookings] = await Promise.all([
        load({
          url: `${url}/rules`,
          connections: CONNECTIONS - 10,
          duration: MEMORY_SECONDS,
          headers: { 'Accept-Encoding': 'gzip' },
        }),
        load({
          url: `${url}/bookings`,
          connections: 10,
          duration: MEMORY_SECONDS,
          requests: bookingRequests(large, memorySlots),
        }),
      ]).finally(() => clearInterval(sampling));
      const after = rssMiB(server.pid);
      await new Promise((done) => setTimeout(done, 5_000));
      const settled = rssMiB(server.pid);
      print(
        `\nMemory, 1 instance, ${MEMORY_SECONDS} s on the 30-provider clinic of GET /rules 200 (90 connections: ${reads.requests.toLocaleString('en-US')} requests, ${reads.perSecond} req/s, p99 ${reads.p99} ms) and POST /bookings (10 connections: ${bookings.statuses}, ${bookings.perSecond} req/s, p99 ${bookings.p99} ms): RSS ${before} MiB before, ${samples.join(', ')} MiB every ${every} s, ${after} MiB after, ${settled} MiB 5 s later; load average ${loadAverage()}.`,
      );
    } finally {
      await server.stop();
    }
  } finally {
    for (const child of running) child.kill('SIGKILL');
    for (const cleanup of cleanups.splice(0)) cleanup();
  }
}

print(
  `Clinic server benchmark: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}, load average ${loadAverage()} at the start; ${CONNECTIONS} connections, ${DURATION} s per GET run, ${BOOKINGS.toLocaleString('en-US')} bookings per booking run.`,
);
for (const kind of ['pglite', 'postgres'] as const) {
  if (ONLY && ONLY !== kind) continue;
  await benchDatabase(kind);
}
print(`\nLoad average ${loadAverage()} at the end.`);
