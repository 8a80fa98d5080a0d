/**
 * `npm run clinic:list`: the server's clinics, one line each, for the operator of a server with
 * many: id, name, where its API and admin page are, its accounts, its rules version and its
 * upcoming bookings. Reads only; with PGlite, while the server is stopped (one process at a time).
 */
import { readConfig } from '../config.ts';
import { clinicSummaries } from '../store/clinics.ts';
import { type CliIo, runAsEntry, withDatabase } from './cli-io.ts';

/** Lists the clinics of the database `env` names; the exit code. */
export async function runClinicList(args: string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  if (args.length > 0) {
    io.stderr(
      'clinic:list takes no arguments; the database comes from the environment (DATABASE_URL, DATA_DIR).\n',
    );
    return 1;
  }
  const config = readConfig(env);
  return withDatabase(io, config, async (db) => {
    const clinics = await clinicSummaries(db, io.now());
    if (clinics.length === 0)
      io.stdout('No clinics yet: the server creates the default one at its first start.\n');
    for (const clinic of clinics) {
      const base = clinic.id === config.defaultClinic ? '' : `/c/${clinic.id}`;
      const rules = clinic.rulesVersion === null ? 'no rules yet' : `rules version ${clinic.rulesVersion}`;
      io.stdout(
        `${clinic.id}\t${clinic.name}\t${base}/api\t${base}/admin/\t${count(clinic.admins, 'admin')}, ${count(clinic.staff, 'staff member')}\t${rules}\t${count(clinic.upcomingBookings, 'upcoming booking')}\n`,
      );
    }
    return 0;
  });
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

runAsEntry(import.meta.url, runClinicList);
