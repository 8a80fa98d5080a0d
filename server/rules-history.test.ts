import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bookingRequest,
  FIXTURE_RULES,
  get,
  post,
  signIn,
  storeInvalidRules,
  useTempApi,
  WED_9AM,
} from './testing.ts';

const fixture = JSON.parse(readFileSync(FIXTURE_RULES, 'utf8'));
const ctx = useTempApi();

async function put(body: unknown, headers: Record<string, string>, query = '') {
  const answer = await fetch(`${ctx.api.url}/rules${query}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: answer.status, body: await answer.json() };
}

const renamed = (name: string) => ({ ...fixture, clinic: { ...fixture.clinic, name } });

describe('rules history', () => {
  it('keeps every save as a version with who and when, newest first', async () => {
    const admin = await signIn(ctx.api, 'admin');
    expect((await put(renamed('First name'), admin)).body.version).toBe(2);
    ctx.api.clock.now += 60_000;
    expect((await put(renamed('Second name'), admin)).body.version).toBe(3);
    const list = await get(`${ctx.api.url}/rules/versions`, admin);
    expect(list.status).toBe(200);
    expect((list.body.versions as unknown[]).map((v) => (v as { version: number }).version)).toEqual([
      3, 2, 1,
    ]);
    expect(list.body.versions).toContainEqual({
      version: 3,
      etag: expect.stringMatching(/^"[\w-]{32}"$/),
      savedAt: ctx.api.clock.now,
      savedBy: 'admin@clinic.example',
      note: 'saved',
      warningCount: 0,
    });
    const first = await get(`${ctx.api.url}/rules/versions/1`, admin);
    expect(first.body.document).toEqual(fixture);
    expect(first.body.note).toBe('seeded from small-clinic.json');
    expect((await get(`${ctx.api.url}/rules/versions/9`, admin)).status).toBe(404);
    expect((await get(`${ctx.api.url}/rules/versions`)).status).toBe(401);
  });

  it('restores a version as a new one, for admins only', async () => {
    const admin = await signIn(ctx.api, 'admin');
    await put(renamed('Changed'), admin);
    const staff = await signIn(ctx.api, 'staff');
    const refused = await fetch(`${ctx.api.url}/rules/versions/1/restore`, {
      method: 'POST',
      headers: staff,
    });
    expect(refused.status).toBe(403);
    const restored = await fetch(`${ctx.api.url}/rules/versions/1/restore`, {
      method: 'POST',
      headers: admin,
    });
    expect(restored.status).toBe(200);
    expect(((await restored.json()) as { version: number }).version).toBe(3);
    const served = await get(`${ctx.api.url}/rules`);
    expect(served.body).toEqual({ ...fixture, version: 2, requires: ['busy-windows'] });
    const latest = await get(`${ctx.api.url}/rules/versions/3`, admin);
    expect(latest.body.note).toBe('restored version 1');
  });

  it('refuses a save edited from an older version (If-Match), with the newer document, and keeps it', async () => {
    const admin = await signIn(ctx.api, 'admin');
    const original = (await get(`${ctx.api.url}/rules/versions/1`, admin)).body.etag as string;
    await put(renamed('Saved by a colleague'), admin);
    const stale = await put(renamed('My edit'), { ...admin, 'If-Match': original });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({
      code: 'RULES_CONFLICT',
      current: { version: 2, savedBy: 'admin@clinic.example', document: renamed('Saved by a colleague') },
    });
    expect(((await get(`${ctx.api.url}/rules`)).body.clinic as { name: string }).name).toBe(
      'Saved by a colleague',
    );
    const current = stale.body.current.etag as string;
    expect((await put(renamed('My edit'), { ...admin, 'If-Match': current })).status).toBe(200);
    expect((await put(renamed('x'), { ...admin, 'If-Match': 'not an etag' })).status).toBe(400);
  });

  it('refuses a save that would orphan upcoming bookings, with the list, unless they are kept as busy time', async () => {
    const admin = await signIn(ctx.api, 'admin');
    expect((await post(`${ctx.api.url}/bookings`, bookingRequest(), 'k1')).status).toBe(201);
    const withoutFollowUp = {
      ...fixture,
      appointmentTypes: fixture.appointmentTypes.filter((t: { id: string }) => t.id !== 'follow-up'),
    };
    const refused = await put(withoutFollowUp, admin);
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({
      code: 'RULES_ORPHAN_BOOKINGS',
      message:
        'The rules were not saved: 1 upcoming booking would lose their appointment type or provider. Keep those types and providers, or save again with ?orphans=keep to keep the bookings as plain busy time.',
      orphans: [{ appointmentTypeId: 'follow-up', providerId: 'dr-lee', count: 1, problem: 'TYPE_REMOVED' }],
    });
    const kept = await put(withoutFollowUp, admin, '?orphans=keep');
    expect(kept.status).toBe(200);
    // The served document still validates: the booking is plain busy time of Dr. Lee.
    const served = await get(`${ctx.api.url}/busy/2026-12`);
    // 9:00 on 2 December in New York is minute 4,440 of December's window.
    expect(served.body.busy).toEqual({ 'dr-lee': [[4440, 30]] });
    const video = await post(
      `${ctx.api.url}/bookings`,
      bookingRequest({ appointmentTypeId: 'video', start: WED_9AM }),
      'k2',
    );
    expect(video.body).toMatchObject({ code: 'SLOT_TAKEN', reason: 'BUSY' });
  });

  it('answers 503 RULES_INVALID, not 409, when its own stored rules do not validate', async () => {
    await storeInvalidRules(ctx.db, ctx.api.clinicId, ctx.api.clock.now);
    ctx.api.clock.now += 2_000;
    const answer = await post(`${ctx.api.url}/bookings`, bookingRequest(), 'k-invalid');
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({
      code: 'RULES_INVALID',
      message: "The clinic's rules have errors, so bookings are paused until an administrator fixes them.",
    });
  });
});
