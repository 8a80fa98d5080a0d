/**
 * Versioned, forward-only migrations: `migrations/NNN_name.sql`, applied in order at start, each in
 * its own transaction and recorded in `schema_migrations`. Several instances starting at once take
 * turns on an advisory lock, so each migration runs exactly once.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from './database.ts';

const FOLDER = join(import.meta.dirname, 'migrations');
/** Any fixed number: the advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK = 7_310_041;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function readMigrations(folder = FOLDER): Migration[] {
  return readdirSync(folder)
    .filter((file) => /^\d{3}_[\w-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number.parseInt(file.slice(0, 3), 10),
      name: file.slice(4, -4),
      sql: readFileSync(join(folder, file), 'utf8'),
    }));
}

/** Applies what is missing; returns the versions applied now. Refuses a database newer than the code. */
export async function migrate(db: Database, migrations = readMigrations()): Promise<number[]> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
  );
  const applied: number[] = [];
  await db.transaction(async (tx) => {
    // Transaction-scoped: released at commit, also when the process dies.
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    const done = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
    );
    const newest = Math.max(0, ...migrations.map((m) => m.version));
    const ahead = [...done].filter((v) => v > newest);
    if (ahead.length > 0) {
      throw new Error(
        `The database has migration ${Math.max(...ahead)}, newer than this server knows (${newest}): run the newer server, or restore a backup taken before the upgrade.`,
      );
    }
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
  });
  return applied;
}

/**
 * The statements of a migration file, split on `;` at line ends, except inside a `$$`-quoted
 * function body. Migrations are plain DDL written here, so no quoted semicolons or other quoting
 * need a real SQL parser.
 */
function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let pending = '';
  for (const piece of sql.split(/;\s*$/m)) {
    pending = pending ? `${pending};${piece}` : piece;
    // An odd number of `$$` so far: the split fell inside a function body.
    if ((pending.match(/\$\$/g) ?? []).length % 2 === 1) continue;
    statements.push(pending);
    pending = '';
  }
  if (pending) statements.push(pending);
  return statements
    .map((statement) =>
      statement
        .split('\n')
        .filter((line) => !line.trim().startsWith('--'))
        .join('\n')
        .trim(),
    )
    .filter((statement) => statement !== '');
}
