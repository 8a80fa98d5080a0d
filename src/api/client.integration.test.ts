import { describe, expect, it } from 'vitest';
import { createStaffMember } from '../../server/routes/staff.ts';
import { bookingRequest, useTempApi, WED_9AM } from '../../server/testing.ts';
import { createAdminApiClient } from './admin-client.ts';
import { createApiClient } from './client.ts';

const ctx = useTempApi();

/** `fetch` with a one-cookie jar: the browser keeps the staff session's cookie; in Node this does. */
function cookieJarFetch(): typeof fetch {
  let cookie = '';
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    if (cookie) headers.set('Cookie', cookie);
    const response = await fetch(input, { ...init, headers });
    const set = response.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0] ?? '';
    return response;
  };
}

/**
 * The password of the throwaway admins these tests create in their temporary database: a test
 * fixture, not a secret (a real clinic's staff choose theirs, docs/deploy.md).
 */
const TEST_PASSWORD = 'a long enough demo password';

/** An admin of the test clinic, `email` with TEST_PASSWORD, signed in through `api`. */
async function signedInAdmin(api: ReturnType<typeof createAdminApiClient>, email: string): Promise<void> {
  await createStaffMember(ctx.db, ctx.api.clinicId, { email, password: TEST_PASSWORD, role: 'admin' }, 0);
  expect((await api.signIn(email, TEST_PASSWORD)).ok).toBe(true);
}

describe('the client against the reference API', () => {
  it("loads the rules, revalidates them with a 304, books, and sees the new busy time in the month's window", async () => {
    const api = createApiClient({ apiBase: ctx.api.url });
    const first = await api.fetchRules();
    expect(first.ok && first.value.fromCache).toBe(false);
    const second = await api.fetchRules();
    expect(second.ok && second.value.fromCache).toBe(true);

    const before = await api.fetchBusy('2026-12');
    expect(before.ok && before.value.window.busy).toEqual({});

    const booked = await api.createBooking(bookingRequest(), 'integration-1');
    expect(booked.ok && booked.value.booking.start).toBe(WED_9AM);
    // The rules do not change with a booking; December's window does.
    const third = await api.fetchRules();
    expect(third.ok && third.value.fromCache).toBe(true);
    const after = await api.fetchBusy('2026-12');
    expect(after.ok && after.value.fromCache).toBe(false);
    expect(after.ok && after.value.window.busy).toEqual({ 'dr-lee': [[4440, 30]] });
  });

  it('books twice with one key as one booking, then reschedules and cancels through the token', async () => {
    const api = createApiClient({ apiBase: ctx.api.url });
    const [a, b] = await Promise.all([
      api.createBooking(bookingRequest(), 'same'),
      api.createBooking(bookingRequest(), 'same'),
    ]);
    if (!a.ok || !b.ok) throw new Error('booking failed');
    expect(a.value).toEqual(b.value);
    const taken = await api.createBooking(bookingRequest(), 'another');
    expect(taken).toEqual({
      ok: false,
      error: {
        code: 'SLOT_TAKEN',
        message: 'That time is no longer available.',
        status: 409,
        reason: 'BUSY',
      },
    });

    const token = a.value.manageToken;
    const moved = await api.reschedule(token, { start: WED_9AM + 1_800_000, providerId: 'dr-lee' }, 'move');
    expect(moved.ok && moved.value.booking.start).toBe(WED_9AM + 1_800_000);
    const cancelled = await api.cancel(token, 'cancel');
    expect(cancelled.ok && cancelled.value.booking.status).toBe('cancelled');
    const opened = await api.getBooking(token);
    expect(opened.ok && opened.value.booking.status).toBe('cancelled');
    expect((await api.getBooking('unknown-token')).ok ? 'found' : 'missing').toBe('missing');
  });

  it('signs in, saves rules as the admin and refuses a broken draft with the problems', async () => {
    const api = createAdminApiClient({ apiBase: ctx.api.url, fetch: cookieJarFetch() });
    await createStaffMember(
      ctx.db,
      ctx.api.clinicId,
      { email: 'ana@clinic.example', password: TEST_PASSWORD, role: 'admin' },
      0,
    );
    const anonymous = await api.saveRules({ version: 1 });
    expect(!anonymous.ok && anonymous.error.status).toBe(401);
    const wrong = await api.signIn('ana@clinic.example', 'not the password at all');
    expect(!wrong.ok && wrong.error.status).toBe(401);
    const signedIn = await api.signIn('ana@clinic.example', TEST_PASSWORD);
    expect(signedIn.ok && signedIn.value.staff).toEqual({
      id: expect.any(String),
      email: 'ana@clinic.example',
      role: 'admin',
    });
    expect((await api.session()).ok).toBe(true);
    const loaded = await api.fetchRules();
    if (!loaded.ok) throw new Error('rules failed');
    const saved = await api.saveRules({ ...(loaded.value.rules as object), clinic: { name: 'Renamed' } });
    expect(saved.ok && saved.value.etag).not.toBe(loaded.value.etag);
    const refused = await api.saveRules({ version: 1 });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('VALIDATION');
    expect(refused.error.problems?.map((p) => p.code)).toContain('MISSING_FIELD');
  });
});

describe('the admin client: If-Match, orphans, history and bookings against the reference API', () => {
  it('refuses a stale If-Match with the newer version, lists orphans, keeps them on request, restores and lists bookings', async () => {
    const api = createAdminApiClient({ apiBase: ctx.api.url, fetch: cookieJarFetch() });
    const email = 'ana@clinic.example';
    await signedInAdmin(api, email);
    const listed = await api.listVersions();
    if (!listed.ok) throw new Error('versions failed');
    const [first] = listed.value;
    if (!first) throw new Error('no version');
    const opened = await api.getVersion(first.version);
    if (!opened.ok) throw new Error('version failed');
    const rules = opened.value.document as { clinic: { name: string }; appointmentTypes: { id: string }[] };

    const saved = await api.saveRules(
      { ...rules, clinic: { ...rules.clinic, name: 'Renamed' } },
      { ifMatch: first.etag },
    );
    if (!saved.ok) throw new Error(saved.error.message);
    expect(saved.value.version).toBe(2);
    expect(saved.value.rulesEtag).toMatch(/^"[\w-]+"$/);
    const stale = await api.saveRules(rules, { ifMatch: first.etag });
    expect(!stale.ok && stale.error.status).toBe(412);
    expect(!stale.ok && stale.error.serverCode).toBe('RULES_CONFLICT');
    expect(!stale.ok && stale.error.conflict).toMatchObject({
      version: 2,
      etag: saved.value.rulesEtag,
      savedBy: email,
      document: { clinic: { name: 'Renamed' } },
    });

    const booked = await createApiClient({ apiBase: ctx.api.url }).createBooking(
      bookingRequest(),
      'admin-client-orphan',
    );
    expect(booked.ok).toBe(true);
    const withoutFollowUp = {
      ...rules,
      appointmentTypes: rules.appointmentTypes.filter((t) => t.id !== 'follow-up'),
    };
    const orphaning = await api.saveRules(withoutFollowUp, { ifMatch: saved.value.rulesEtag });
    expect(!orphaning.ok && orphaning.error.orphans).toEqual([
      { appointmentTypeId: 'follow-up', providerId: 'dr-lee', count: 1, problem: 'TYPE_REMOVED' },
    ]);
    const kept = await api.saveRules(withoutFollowUp, { ifMatch: saved.value.rulesEtag, keepOrphans: true });
    expect(kept.ok && kept.value.version).toBe(3);

    const restored = await api.restoreVersion(1, { ifMatch: kept.ok ? kept.value.rulesEtag : null });
    expect(restored.ok && restored.value.version).toBe(4);
    const history = await api.listVersions();
    expect(history.ok && history.value.map((v) => [v.version, v.note])).toEqual([
      [4, 'restored version 1'],
      [3, 'saved, keeping 1 orphaned booking group(s) as busy time'],
      [2, 'saved'],
      [1, first.note],
    ]);

    const bookings = await api.listBookings(WED_9AM - 3_600_000, WED_9AM + 3_600_000);
    expect(bookings.ok && bookings.value.bookings.map((b) => [b.start, b.patient.name, b.status])).toEqual([
      [WED_9AM, 'Maria Garcia', 'confirmed'],
    ]);
    const none = await api.listBookings(WED_9AM + 3_600_000, WED_9AM + 7_200_000);
    expect(none.ok && none.value).toEqual({ bookings: [], truncated: false });
  });
});

describe('intake answers through the clients', () => {
  it('an admin saves questions, the widget client reads and answers them, staff read the answers', async () => {
    const admin = createAdminApiClient({ apiBase: ctx.api.url, fetch: cookieJarFetch() });
    await signedInAdmin(admin, 'desk@clinic.example');
    const listed = await admin.listVersions();
    const current = listed.ok ? await admin.getVersion(listed.value[0]!.version) : null;
    if (!current?.ok) throw new Error('no rules');
    const rules = current.value.document as { appointmentTypes: { id: string }[] };
    const questions = [
      { id: 'insurer', kind: 'text', label: 'Insurance company', required: true },
      { id: 'pregnant', kind: 'yes-no', label: 'Are you pregnant?' },
    ];
    const saved = await admin.saveRules({
      ...rules,
      version: 2,
      requires: ['intake-questions'],
      appointmentTypes: rules.appointmentTypes.map((t) => (t.id === 'follow-up' ? { ...t, questions } : t)),
    });
    expect(saved.ok).toBe(true);

    const patient = createApiClient({ apiBase: ctx.api.url });
    const served = await patient.fetchRules();
    expect(served.ok && (served.value.rules as { requires: string[] }).requires).toEqual([
      'intake-questions',
      'busy-windows',
    ]);
    const missing = await patient.createBooking(bookingRequest(), 'no-answers');
    expect(!missing.ok && missing.error.fieldErrors).toEqual({ 'answers/insurer': 'REQUIRED' });
    const booked = await patient.createBooking(
      bookingRequest({ answers: { insurer: 'Aetna', pregnant: true } }),
      'with-answers',
    );
    expect(booked.ok).toBe(true);

    const bookings = await admin.listBookings(WED_9AM - 3_600_000, WED_9AM + 3_600_000);
    expect(bookings.ok && bookings.value.bookings.map((b) => b.answers)).toEqual([
      [
        { id: 'insurer', label: 'Insurance company', value: 'Aetna' },
        { id: 'pregnant', label: 'Are you pregnant?', value: true },
      ],
    ]);
  });
});
