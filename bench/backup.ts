/**
 * `npm run bench:backup`: what a backup of a running server's PGlite folder costs its patients.
 * The server (in this process, as `npm run serve` opens it) holds the sample clinic and the
 * 30-provider benchmark clinic with its year of bookings; `GET /readyz`, which asks the database,
 * goes every `EVERY_MS` (5) while `ROUNDS` (5) backups are taken, one a second. Prints the
 * folder's size, how long each backup held the database (its checkpoint and copy: requests wait
 * that long), the
 * backup's whole time with flushing it to disk, and the readiness answers' latency outside the
 * copies and the slowest answer of those sent meanwhile.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '../server/config.ts';
import { openServer } from '../server/server.ts';
import { backUpDataFolder } from '../server/store/backup.ts';
import { openDatabase } from '../server/store/database.ts';
import { clinics, seed } from './bench-clinics.ts';
import { median } from './stats.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const EVERY_MS = Number(process.env.EVERY_MS ?? 5);
const print = (line: string) => process.stdout.write(`${line}\n`);

const folder = mkdtempSync(join(tmpdir(), 'clinic-bench-backup-'));
process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
const dataDir = join(folder, 'data');
const backups = join(folder, 'backups');

const list = clinics();
const seeding = await openDatabase({ dataDir });
await seed(seeding, list);
await seeding.close();

const server = await openServer(readConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' }));
await server.app.listen({ port: 0, host: '127.0.0.1' });
const { port } = server.app.server.address() as AddressInfo;
const ready = `http://127.0.0.1:${port}/readyz`;

const files = readdirSync(dataDir, { recursive: true, withFileTypes: true }).filter((entry) =>
  entry.isFile(),
);
const bytes = files.reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
print(
  `PGlite backup benchmark: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}; data folder ${(bytes / 2 ** 20).toFixed(1)} MiB in ${files.length} files (${list[1]!.bookings.length.toLocaleString('en-US')} bookings of the 30-provider clinic); GET /readyz every ${EVERY_MS} ms.\n`,
);
print(
  '| backup | database held (checkpoint, copy) ms | whole backup ms | readyz p50 outside ms | readyz slowest meanwhile ms | load |',
);
print('| --- | --- | --- | --- | --- | --- |');

for (let round = 1; round <= ROUNDS; round++) {
  const answers: { sent: number; ms: number }[] = [];
  let probing = true;
  const probe = async () => {
    while (probing) {
      const sent = performance.now();
      const answer = await fetch(ready);
      await answer.arrayBuffer();
      answers.push({ sent, ms: performance.now() - sent });
      await new Promise((done) => setTimeout(done, EVERY_MS));
    }
  };
  const probes = probe();
  await new Promise((done) => setTimeout(done, 300));
  const started = performance.now();
  const backup = await backUpDataFolder(server.db, backups, 2, Date.now());
  const whole = performance.now() - started;
  await new Promise((done) => setTimeout(done, 300));
  probing = false;
  await probes;
  // A request overlaps the copy when it was sent before the copy ended and answered after it began.
  const copyEnd = started + backup.pausedMs;
  const during = answers.filter((a) => a.sent <= copyEnd && a.sent + a.ms >= started).map((a) => a.ms);
  const outside = answers.filter((a) => a.sent + a.ms < started || a.sent > started + whole).map((a) => a.ms);
  print(
    `| ${round} | ${Math.round(backup.pausedMs)} | ${Math.round(whole)} | ${median(outside).toFixed(1)} | ${Math.round(Math.max(0, ...during))} | ${loadavg()[0]!.toFixed(1)} |`,
  );
  await new Promise((done) => setTimeout(done, 1_000));
}
await server.close();
