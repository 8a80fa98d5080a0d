import { describe, expect, it } from 'vitest';
import type { Queryable } from '../store/database.ts';
import { NOW, newClinic, storeInvalidRules, useTempApi } from '../testing.ts';
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

  it('answers from the stale copy while its refresh waits for the database, and from the new one after', async () => {
    const clinicId = await newClinic(ctx.db);
    let release: () => void = () => undefined;
    let held = false;
    const gated: Queryable = {
      query: async (sql, params) => {
        if (held) await new Promise<void>((done) => (release = done));
        return ctx.db.query(sql, params);
      },
    };
    const clock = { now: 1_000_000 };
    const catalog = new RulesCatalog(gated, 1_000, () => clock.now);
    const before = await catalog.stamp(clinicId);
    await storeInvalidRules(ctx.db, clinicId, NOW);
    clock.now += 1_000;
    held = true;
    const refreshing = catalog.stamp(clinicId);
    // Requests during the refresh get the copy they had; the refresh itself waits for its read.
    expect(await Promise.all([catalog.stamp(clinicId), catalog.stamp(clinicId)])).toEqual([before, before]);
    held = false;
    release();
    const after = await refreshing;
    expect(after?.version).toBe((before?.version ?? 0) + 1);
    expect(await catalog.stamp(clinicId)).toEqual(after);
  });

  it('answers currentNow at once while the stamp is fresh and current has loaded it, and not after', async () => {
    const clinicId = await newClinic(ctx.db);
    const clock = { now: 1_000_000 };
    const catalog = new RulesCatalog(ctx.db, 1_000, () => clock.now);
    expect(catalog.currentNow(clinicId)).toBeUndefined();
    const loaded = await catalog.current(clinicId);
    expect(catalog.currentNow(clinicId)).toBe(loaded);
    clock.now += 999;
    expect(catalog.currentNow(clinicId)).toBe(loaded);
    // A second old: the stamp must be read again, so only current answers, and then currentNow.
    clock.now += 1;
    expect(catalog.currentNow(clinicId)).toBeUndefined();
    await storeInvalidRules(ctx.db, clinicId, NOW);
    const newer = await catalog.current(clinicId);
    expect(newer.version).toBe(loaded.version + 1);
    expect(catalog.currentNow(clinicId)).toBe(newer);
    // A save on this instance is current at once, and currentNow waits for current to load it.
    catalog.saved(clinicId, { version: loaded.version, etag: loaded.etag });
    expect(catalog.currentNow(clinicId)).toBeUndefined();
    expect(await catalog.current(clinicId)).toBe(loaded);
    expect(catalog.currentNow(clinicId)).toBe(loaded);
  });
});
