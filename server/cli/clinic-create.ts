/**
 * `npm run clinic:create -- --id riverside --name "Riverside Family Clinic" --rules rules.json`:
 * adds a clinic to a multi-clinic server, served at `/c/riverside/api`, with its first rules.
 */
import { parseArgs } from 'node:util';
import { readConfig } from '../config.ts';
import { readSeed, type Seed, storeSeed } from '../rules/seed.ts';
import { clinicIdProblem, createClinic } from '../store/clinics.ts';
import { type CliIo, runAsEntry, withDatabase } from './cli-io.ts';

/** Runs the command on the database `env` names; the exit code. */
export async function runClinicCreate(args: string[], io: CliIo, env: NodeJS.ProcessEnv): Promise<number> {
  let seed: Seed | null = null;
  let values: { id?: string; name?: string; rules?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { id: { type: 'string' }, name: { type: 'string' }, rules: { type: 'string' } },
    }));
    if (!values.id || !values.name)
      throw new Error('Give --id and --name (and --rules FILE for its first rules).');
    const problem = clinicIdProblem(values.id);
    if (problem) throw new Error(problem);
    // A bad rules file stops the command before anything is written: no clinic without its rules.
    if (values.rules) seed = readSeed(values.rules);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n`);
    return 1;
  }
  const { id, name, rules } = values;
  return withDatabase(io, readConfig(env), async (db) => {
    const created = await createClinic(db, id, name, io.now());
    const seeded = seed !== null && (await storeSeed(db, id, seed, io.now()));
    if (created) {
      io.stdout(
        `Created clinic ${id}${seeded ? ` with the rules of ${rules}` : ''}: its API is /c/${id}/api, its admin page /c/${id}/admin/.\n`,
      );
    } else if (seeded) {
      io.stdout(`Clinic ${id} already exists; it had no rules, and now has those of ${rules}.\n`);
    } else if (seed) {
      io.stdout(
        `Clinic ${id} already exists; its rules are left as they are (the admin page changes them).\n`,
      );
    } else {
      io.stdout(`Clinic ${id} already exists.\n`);
    }
    return 0;
  });
}

runAsEntry(import.meta.url, runClinicCreate);
