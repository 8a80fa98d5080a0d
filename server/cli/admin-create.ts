/**
 * `npm run admin:create -- --email ana@clinic.example [--role admin|staff] [--clinic ID]`: creates
 * a staff account in the database of the environment's settings. The password is read from the
 * terminal without echo (or from standard input when it is not a terminal, for scripts).
 */
import { parseArgs } from 'node:util';
import { PASSWORD_LENGTH } from '../../src/api/staff-fields.ts';
import { readConfig } from '../config.ts';
import { HttpError } from '../errors.ts';
import { createStaffMember } from '../routes/staff.ts';
import { createClinic, findClinic } from '../store/clinics.ts';
import { processIo, withDatabase } from './cli-io.ts';
import { readSecret } from './read-secret.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      role: { type: 'string', default: 'admin' },
      clinic: { type: 'string' },
    },
  });
  const config = readConfig(process.env);
  const { email, role } = values;
  if (!email) throw new Error("Give the account's email: npm run admin:create -- --email ana@clinic.example");
  if (role !== 'admin' && role !== 'staff') throw new Error('--role is admin or staff.');
  const clinicId = values.clinic ?? config.defaultClinic;
  await withDatabase(processIo, config, async (db) => {
    // The default clinic is the one the server's first start creates: made here on a new
    // database, an admin can be created before that start (with PGlite, the server must be
    // stopped while a command runs).
    if (clinicId === config.defaultClinic) {
      await createClinic(db, clinicId, config.defaultClinicName, Date.now());
    } else if (!(await findClinic(db, clinicId))) {
      throw new Error(`There is no clinic "${clinicId}": create it with npm run clinic:create.`);
    }
    const password = await readSecret(`Password (at least ${PASSWORD_LENGTH.min} characters): `);
    const member = await createStaffMember(db, clinicId, { email, password, role }, Date.now());
    process.stdout.write(`Created ${member.role} ${member.email} for clinic ${clinicId}.\n`);
  });
}

main().catch((error) => {
  console.error(error instanceof HttpError ? error.body.message : (error as Error).message);
  process.exit(1);
});
