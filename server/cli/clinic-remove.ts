/**
 * `npm run clinic:remove -- --id riverside --confirm riverside`: removes a clinic from a
 * multi-clinic server with everything of it: its patients' bookings and details, its staff
 * accounts and sessions, its rules history and its messages waiting to be sent. For a clinic
 * that leaves the server; its id is repeated in `--confirm` so a slip of the keyboard cannot
 * remove another. The server's default clinic is not removed (every start creates it again).
 */
import { parseArgs } from 'node:util';
import { readConfig } from '../config.ts';
import { clinicIdProblem, removeClinic } from '../store/clinics.ts';
import { type CliIo, runAsEntry, withDatabase } from './cli-io.ts';

/** Runs the command on the database `env` names; the exit code. */
export async function runClinicRemove(args: string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  const config = readConfig(env);
  let id: string;
  try {
    const { values } = parseArgs({
      args,
      options: { id: { type: 'string' }, confirm: { type: 'string' } },
    });
    if (!values.id) throw new Error('Give --id CLINIC and --confirm CLINIC (the same id again).');
    id = values.id;
    const problem = clinicIdProblem(id);
    if (problem) throw new Error(problem);
    if (values.confirm !== id) {
      throw new Error(
        `Removing clinic ${id} removes its bookings with their patients' details, its staff accounts and its rules history; give --confirm ${id} to go ahead.`,
      );
    }
    if (id === config.defaultClinic) {
      throw new Error(
        `${id} is the server's default clinic (DEFAULT_CLINIC), which every start creates again; it is not removed.`,
      );
    }
  } catch (error) {
    io.stderr(`${(error as Error).message}\n`);
    return 1;
  }
  return withDatabase(io, config, async (db) => {
    const removed = await removeClinic(db, id);
    if (!removed) {
      io.stderr(`There is no clinic ${id} (npm run clinic:list lists them).\n`);
      return 1;
    }
    const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
    io.stdout(
      `Removed clinic ${id}: ${count(removed.bookings, 'booking')}, ${count(removed.staff, 'staff account')} ` +
        `(${count(removed.sessions, 'session')}), ${count(removed.rulesVersions, 'rules version')}, ` +
        `${count(removed.messages, 'message')} waiting or sent, ${count(removed.offers, 'earlier-time offer')}, ` +
        `${count(removed.idempotencyRecords, 'idempotency record')}. Running servers answer 404 for it within a minute (503 RULES_UNAVAILABLE until then).\n`,
    );
    return 0;
  });
}

runAsEntry(import.meta.url, runClinicRemove);
