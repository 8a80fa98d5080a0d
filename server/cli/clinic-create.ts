/**
 * `npm run clinic:create -- --id riverside --name "Riverside Family Clinic" --rules rules.json`:
 * adds a clinic to a multi-clinic server, served at `/c/riverside/api`, with its first rules.
 */
import { parseArgs } from 'node:util';
import { readConfig } from '../config.ts';
import { seedRules } from '../rules/seed.ts';
import { createClinic } from '../store/clinics.ts';
import { openDatabase } from '../store/database.ts';
import { migrate } from '../store/migrate.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { id: { type: 'string' }, name: { type: 'string' }, rules: { type: 'string' } },
  });
  if (!values.id || !values.name)
    throw new Error('Give --id and --name (and --rules FILE for its first rules).');
  const config = readConfig(process.env);
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
    const created = await createClinic(db, values.id, values.name, Date.now());
    if (values.rules) await seedRules(db, values.id, values.rules, Date.now());
    process.stdout.write(
      created
        ? `Created clinic ${values.id}: its API is /c/${values.id}/api.\n`
        : `Clinic ${values.id} already exists.\n`,
    );
  } finally {
    await db.close();
  }
}

main().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
