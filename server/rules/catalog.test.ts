import { describe, expect, it } from 'vitest';
import type { Queryable } from '../store/database.ts';
import { newClinic, useTempApi } from '../testing.ts';
import { RulesCatalog } from './catalog.ts';

const ctx = useTempApi();

describe('the rules catalog under many requests at once', () => {
  it('reads the stamp and the version once for twenty requests that find the copy stale', async () => {
    const clinicId = await newClinic(ctx.db);
    const statements: string[] = [];
    const counting: Queryable = {
      query: (sql, params) => {
        statements.push(sql.trim().split(/\s+/).slice(0, 4).join(' '));
        return ctx.db.query(sql, params);
      },
    };
    const clock = { now: 1_000_000 };
    const catalog = new RulesCatalog(counting, 1_000, () => clock.now);
    const first = await Promise.all(Array.from({ length: 20 }, () => catalog.current(clinicId)));
    expect(new Set(first).size).toBe(1);
    expect(statements).toHaveLength(2);
    // Stale again a second later: one more stamp read, and the compiled version is reused.
    clock.now += 1_000;
    const again = await Promise.all(Array.from({ length: 20 }, () => catalog.current(clinicId)));
    expect(again[0]).toBe(first[0]);
    expect(statements).toHaveLength(3);
    expect(statements[2]).toBe(statements[0]);
  });
});
