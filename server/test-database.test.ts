import { describe, expect, it } from 'vitest';
import { TEST_DATABASE, useTempApi } from './testing.ts';

const ctx = useTempApi();

describe('the database the server tests run on', () => {
  it('is PostgreSQL in the server-postgres project and PGlite elsewhere', async (context) => {
    const expected = context.task.file.projectName === 'server-postgres' ? 'postgres' : 'pglite';
    expect(TEST_DATABASE).toBe(expected);
    expect(ctx.db.kind).toBe(expected);
    const [row] = await ctx.db.query<{ version: string }>('SELECT version()');
    expect(row?.version).toMatch(/^PostgreSQL \d+/);
  });
});
