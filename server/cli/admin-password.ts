/**
 * `npm run admin:password -- --email ana@clinic.example [--clinic ID]`: sets a staff account's
 * password and ends its sessions, for an administrator who has forgotten theirs and has no other
 * administrator to set one on the admin page. The password is read from the terminal without
 * echo (or from standard input when it is not a terminal, for scripts).
 */
import { parseArgs } from 'node:util';
import { PASSWORD_LENGTH } from '../../src/api/staff-fields.ts';
import { hashPassword, passwordProblem } from '../auth/passwords.ts';
import { readConfig } from '../config.ts';
import { findStaffForLogin, setPasswordHash } from '../store/staff.ts';
import { type CliIo, runAsEntry, withDatabase } from './cli-io.ts';
import { readSecret } from './read-secret.ts';

/** Runs the command on the database `env` names, with the password `readPassword` gives; the exit code. */
export async function runAdminPassword(
  args: string[],
  io: CliIo,
  env: NodeJS.ProcessEnv,
  readPassword: () => Promise<string> = () =>
    readSecret(`New password (at least ${PASSWORD_LENGTH.min} characters): `),
): Promise<number> {
  const config = readConfig(env);
  let email: string;
  let clinicId: string;
  try {
    const { values } = parseArgs({
      args,
      options: { email: { type: 'string' }, clinic: { type: 'string' } },
    });
    if (!values.email)
      throw new Error("Give the account's email: npm run admin:password -- --email ana@clinic.example");
    email = values.email;
    clinicId = values.clinic ?? config.defaultClinic;
  } catch (error) {
    io.stderr(`${(error as Error).message}\n`);
    return 1;
  }
  return withDatabase(io, config, async (db) => {
    const member = await findStaffForLogin(db, clinicId, email.trim());
    if (!member) {
      io.stderr(`Clinic ${clinicId} has no staff account ${email} (npm run admin:create adds one).\n`);
      return 1;
    }
    const password = await readPassword();
    const problem = passwordProblem(password);
    if (problem) {
      io.stderr(`${problem} The password is unchanged.\n`);
      return 1;
    }
    await setPasswordHash(db, clinicId, member.id, await hashPassword(password), null);
    io.stdout(
      `Set a new password for ${member.role} ${member.email} of clinic ${clinicId}; their sessions have ended.\n`,
    );
    return 0;
  });
}

runAsEntry(import.meta.url, (args, io, env) => runAdminPassword(args, io, env));
