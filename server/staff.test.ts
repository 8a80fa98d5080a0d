import { describe, expect, it } from 'vitest';
import { BOOKINGS_PAGE, BOOKINGS_PAGE_BYTES, createStaffMember } from './routes/staff.ts';
import { get, newClinic, post, signIn, TEST_PASSWORD, useTempApi, WED_9AM } from './testing.ts';

const ctx = useTempApi();
const PASSWORD = TEST_PASSWORD;

async function login(email: string, password: string, url = ctx.api.url) {
  const answer = await fetch(`${url}/staff/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return { status: answer.status, cookie: answer.headers.get('set-cookie'), body: await answer.json() };
}

describe('staff sign-in', () => {
  it('signs a staff member in with an HttpOnly, SameSite=Strict cookie scoped to the clinic’s API', async () => {
    await createStaffMember(
      ctx.db,
      ctx.api.clinicId,
      { email: 'Ana@Clinic.example', password: PASSWORD, role: 'admin' },
      0,
    );
    const answer = await login('ana@clinic.example', PASSWORD);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      staff: { id: expect.stringMatching(/^st_[\w-]{16}$/), email: 'Ana@Clinic.example', role: 'admin' },
      csrfToken: expect.stringMatching(/^[\w-]{32}$/),
    });
    expect(answer.cookie).toMatch(
      new RegExp(
        `^cs_staff=[\\w-]{43}; Max-Age=43200; Path=/c/${ctx.api.clinicId}/api; HttpOnly; SameSite=Strict$`,
      ),
    );
    const cookie = answer.cookie?.split(';')[0] ?? '';
    const me = await get(`${ctx.api.url}/staff/session`, { Cookie: cookie });
    expect(me.status).toBe(200);
    expect(me.body.csrfToken).toBe(answer.body.csrfToken);
  });

  it('marks the cookie Secure when the request came over HTTPS through a trusted proxy', async () => {
    const { startApi } = await import('./testing.ts');
    const proxied = await startApi(ctx.db, ctx.api.clinicId, ctx.api.clock, { config: { trustProxy: true } });
    try {
      await createStaffMember(
        ctx.db,
        ctx.api.clinicId,
        { email: 'sam@clinic.example', password: PASSWORD, role: 'staff' },
        0,
      );
      const answer = await fetch(`${proxied.url}/staff/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-Proto': 'https' },
        body: JSON.stringify({ email: 'sam@clinic.example', password: PASSWORD }),
      });
      expect(answer.headers.get('set-cookie')).toMatch(
        /; Secure; SameSite=Strict$|; HttpOnly; Secure; SameSite=Strict$/,
      );
    } finally {
      await proxied.close();
    }
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    await createStaffMember(
      ctx.db,
      ctx.api.clinicId,
      { email: 'ana@clinic.example', password: PASSWORD, role: 'admin' },
      0,
    );
    const expected = {
      status: 401,
      cookie: null,
      body: {
        code: 'INVALID_LOGIN',
        message: 'That email and password do not match a staff account of this clinic.',
      },
    };
    expect(await login('ana@clinic.example', 'wrong password, long enough')).toEqual(expected);
    expect(await login('nobody@clinic.example', PASSWORD)).toEqual(expected);
  });

  it('rate-limits sign-in: the eleventh attempt in 15 minutes is 429, even with the right password', async () => {
    await createStaffMember(
      ctx.db,
      ctx.api.clinicId,
      { email: 'ana@clinic.example', password: PASSWORD, role: 'admin' },
      0,
    );
    for (let attempt = 1; attempt <= 10; attempt++) {
      expect((await login('ana@clinic.example', `wrong guess number ${attempt}`)).status).toBe(401);
    }
    const limited = await login('ana@clinic.example', PASSWORD);
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(limited.cookie).toBeNull();
  });

  it('keeps clinics apart: a staff account and a session of one clinic do nothing in another', async () => {
    const other = await newClinic(ctx.db);
    const otherUrl = `${ctx.api.origin}/c/${other}/api`;
    await createStaffMember(
      ctx.db,
      ctx.api.clinicId,
      { email: 'ana@clinic.example', password: PASSWORD, role: 'admin' },
      0,
    );
    expect((await login('ana@clinic.example', PASSWORD, otherUrl)).status).toBe(401);
    const headers = await signIn(ctx.api, 'admin');
    expect((await get(`${otherUrl}/staff/session`, headers)).status).toBe(401);
    expect((await get(`${otherUrl}/staff/bookings`, headers)).status).toBe(401);
    expect((await get(`${otherUrl}/rules/versions`, headers)).status).toBe(401);
    const put = await fetch(`${otherUrl}/rules`, {
      method: 'PUT',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(put.status).toBe(401);
  });

  it('signs out: the cookie no longer opens a session', async () => {
    const headers = await signIn(ctx.api, 'staff');
    const out = await fetch(`${ctx.api.url}/staff/session`, { method: 'DELETE', headers });
    expect(out.status).toBe(204);
    expect((await get(`${ctx.api.url}/staff/session`, headers)).status).toBe(401);
  });

  it('ends a session after 12 hours', async () => {
    const headers = await signIn(ctx.api, 'staff');
    ctx.api.clock.now += 12 * 3_600_000 - 1;
    expect((await get(`${ctx.api.url}/staff/session`, headers)).status).toBe(200);
    ctx.api.clock.now += 1;
    expect((await get(`${ctx.api.url}/staff/session`, headers)).status).toBe(401);
  });
});

describe('what staff see', () => {
  it('lists bookings with patient details for staff, and nothing without a session', async () => {
    const { bookingRequest } = await import('./testing.ts');
    await post(`${ctx.api.url}/bookings`, bookingRequest(), 'k1');
    expect((await get(`${ctx.api.url}/staff/bookings`)).status).toBe(401);
    const headers = await signIn(ctx.api, 'staff');
    const list = await get(`${ctx.api.url}/staff/bookings`, headers);
    expect(list.status).toBe(200);
    expect(list.headers.get('Cache-Control')).toBe('no-store');
    const bookings = list.body.bookings as { patient: { name: string }; status: string }[];
    expect(bookings.map((b) => [b.patient.name, b.status])).toEqual([['Maria Garcia', 'confirmed']]);
    expect(list.body.truncated).toBe(false);
  });

  it('lists a page of bookings at a time, saying when more follow, and the next page goes on from the last start', async () => {
    // A page and a half of bookings, three at each start (three providers), any status.
    const count = Math.ceil(BOOKINGS_PAGE * 1.5);
    await ctx.db.query(
      `INSERT INTO bookings (clinic_id, id, token_hash, appointment_type_id, provider_id, start_at, end_at,
         group_seat, status, mode, patient, rules_version, created_at, updated_at)
       SELECT $1, 'bk_' || lpad(g::text, 5, '0'), $1 || '/' || g, 'checkup', 'p' || (g % 3),
         to_timestamp($2 / 1000.0) + (g / 3) * interval '15 minutes',
         to_timestamp($2 / 1000.0) + (g / 3) * interval '15 minutes' + interval '15 minutes',
         false, CASE WHEN g % 7 = 0 THEN 'cancelled' ELSE 'confirmed' END, 'in-person',
         '{"name": "Test Patient", "dateOfBirth": "1990-01-01", "email": "p@example.com", "phone": "+1 555 0100"}'::jsonb,
         1, now(), now()
       FROM generate_series(0, $3::int - 1) g`,
      [ctx.api.clinicId, WED_9AM, count],
    );
    const headers = await signIn(ctx.api, 'staff');
    const range = (from: number) =>
      `from=${new Date(from).toISOString()}&to=${new Date(WED_9AM + 400 * 86_400_000 - 1).toISOString()}`;
    const first = await get(`${ctx.api.url}/staff/bookings?${range(WED_9AM)}`, headers);
    const page = first.body.bookings as { id: string; start: number }[];
    expect([page.length, first.body.truncated]).toEqual([BOOKINGS_PAGE, true]);
    expect(page.at(-1)!.id).toBe(`bk_${String(BOOKINGS_PAGE - 1).padStart(5, '0')}`);
    // The next page lists the last start again, with the booking of it that did not fit.
    const next = await get(`${ctx.api.url}/staff/bookings?${range(page.at(-1)!.start)}`, headers);
    const rest = next.body.bookings as { id: string }[];
    expect(next.body.truncated).toBe(false);
    const ids = new Set([...page, ...rest].map((b) => b.id));
    expect(ids.size).toBe(count);
    const repeated = page.filter((b) => b.start === page.at(-1)!.start).length;
    expect(repeated).toBe(2);
    expect(rest.length).toBe(count - BOOKINGS_PAGE + repeated);
  }, 30_000);

  it('ends a page before its JSON passes BOOKINGS_PAGE_BYTES, however long the intake answers', async () => {
    // Bookings of one size, with 20 KB of answers each (a provider each, all at one time): a page
    // and a half of bytes.
    const count = Math.ceil((BOOKINGS_PAGE_BYTES * 1.5) / 20_000);
    await ctx.db.query(
      `INSERT INTO bookings (clinic_id, id, token_hash, appointment_type_id, provider_id, start_at, end_at,
         group_seat, status, mode, patient, rules_version, created_at, updated_at, answers)
       SELECT $1, 'bk_' || lpad(g::text, 5, '0'), $1 || '/' || g, 'checkup', 'p' || lpad(g::text, 5, '0'),
         to_timestamp($2 / 1000.0), to_timestamp($2 / 1000.0) + interval '15 minutes',
         false, 'confirmed', 'in-person',
         '{"name": "Test Patient", "dateOfBirth": "1990-01-01", "email": "p@example.com", "phone": "+1 555 0100"}'::jsonb,
         1, now(), now(), jsonb_build_array(jsonb_build_object('id', 'story', 'label', 'Your story', 'value', repeat('x', 20000)))
       FROM generate_series(0, $3::int - 1) g`,
      [ctx.api.clinicId, WED_9AM, count],
    );
    const headers = await signIn(ctx.api, 'staff');
    const first = await get(`${ctx.api.url}/staff/bookings?from=${new Date(WED_9AM).toISOString()}`, headers);
    const page = first.body.bookings as { id: string }[];
    expect(first.body.truncated).toBe(true);
    expect(first.text.length).toBeLessThanOrEqual(BOOKINGS_PAGE_BYTES + 100);
    expect(page.length).toBe(Math.floor(BOOKINGS_PAGE_BYTES / (JSON.stringify(page[0]).length + 1)));
  }, 30_000);

  it('lets admins, and only admins, manage staff accounts', async () => {
    const staff = await signIn(ctx.api, 'staff');
    expect((await get(`${ctx.api.url}/staff/members`, staff)).status).toBe(403);
    const admin = await signIn(ctx.api, 'admin');
    const created = await post(
      `${ctx.api.url}/staff/members`,
      { email: 'new@clinic.example', password: PASSWORD, role: 'staff' },
      null,
      admin,
    );
    expect(created.status).toBe(201);
    expect(created.text).not.toContain(PASSWORD);
    const weak = await post(
      `${ctx.api.url}/staff/members`,
      { email: 'weak@clinic.example', password: 'short', role: 'staff' },
      null,
      admin,
    );
    expect(weak.body).toEqual({
      code: 'VALIDATION',
      message: 'A password has at least 12 characters.',
      fieldErrors: { password: 'TOO_WEAK' },
    });
    const notAnAddress = await post(
      `${ctx.api.url}/staff/members`,
      { email: 'front desk', password: PASSWORD, role: 'staff' },
      null,
      admin,
    );
    expect(notAnAddress.body).toEqual({
      code: 'VALIDATION',
      message: 'The email is not an address like ana@clinic.example.',
      fieldErrors: { email: 'INVALID' },
    });
    const twice = await post(
      `${ctx.api.url}/staff/members`,
      { email: 'NEW@clinic.example', password: PASSWORD, role: 'staff' },
      null,
      admin,
    );
    expect(twice.status).toBe(409);
    const list = await get(`${ctx.api.url}/staff/members`, admin);
    expect((list.body.members as { email: string }[]).map((m) => m.email)).toEqual([
      'admin@clinic.example',
      'new@clinic.example',
      'staff@clinic.example',
    ]);
    const id = created.body.member.id as string;
    expect(
      (await fetch(`${ctx.api.url}/staff/members/${id}`, { method: 'DELETE', headers: admin })).status,
    ).toBe(204);
  });

  it('lets an administrator change another account’s role, which its session has at once, and never their own', async () => {
    const staff = await signIn(ctx.api, 'staff');
    const admin = await signIn(ctx.api, 'admin');
    const setRole = (id: string, role: string, headers: Record<string, string>) =>
      fetch(`${ctx.api.url}/staff/members/${id}/role`, {
        method: 'PUT',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ role }),
      }).then(async (answer) => ({ status: answer.status, body: await answer.json() }));
    const members = (await get(`${ctx.api.url}/staff/members`, admin)).body.members as {
      id: string;
      email: string;
    }[];
    const idOf = (email: string) => members.find((m) => m.email === email)!.id;
    expect((await get(`${ctx.api.url}/staff/members`, staff)).status).toBe(403);
    expect((await setRole(idOf('admin@clinic.example'), 'staff', staff)).status).toBe(403);

    const promoted = await setRole(idOf('staff@clinic.example'), 'admin', admin);
    expect(promoted).toMatchObject({
      status: 200,
      body: { member: { email: 'staff@clinic.example', role: 'admin' } },
    });
    // The promoted account's own session is an administrator's now.
    expect((await get(`${ctx.api.url}/staff/members`, staff)).status).toBe(200);

    expect(await setRole(idOf('admin@clinic.example'), 'staff', admin)).toEqual({
      status: 409,
      body: { code: 'SELF', message: 'You cannot change your own role; ask another administrator.' },
    });
    expect((await setRole('st_nobody', 'staff', admin)).status).toBe(404);
    expect((await setRole(idOf('staff@clinic.example'), 'owner', admin)).status).toBe(422);
    expect((await setRole(idOf('staff@clinic.example'), 'staff', admin)).body.member.role).toBe('staff');
    expect((await get(`${ctx.api.url}/staff/members`, staff)).status).toBe(403);
  });

  it('lets a staff member change their own password from their current one, which ends their other sessions', async () => {
    const here = await signIn(ctx.api, 'staff');
    const elsewhere = await signIn(ctx.api, 'staff');
    const change = (body: unknown, headers: Record<string, string> = here) =>
      fetch(`${ctx.api.url}/staff/session/password`, {
        method: 'PUT',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }).then(async (answer) => ({
        status: answer.status,
        body: answer.status === 204 ? null : await answer.json(),
      }));
    const NEW = 'a new password of my own';

    expect(await change({ currentPassword: 'not the password', newPassword: NEW })).toEqual({
      status: 422,
      body: {
        code: 'VALIDATION',
        message: 'That is not your current password.',
        fieldErrors: { currentPassword: 'WRONG' },
      },
    });
    expect(await change({ currentPassword: PASSWORD, newPassword: 'short' })).toEqual({
      status: 422,
      body: {
        code: 'VALIDATION',
        message: 'A password has at least 12 characters.',
        fieldErrors: { newPassword: 'TOO_WEAK' },
      },
    });
    // A write like any other: the session's CSRF token is needed, and a session.
    expect(
      (await change({ currentPassword: PASSWORD, newPassword: NEW }, { Cookie: here.Cookie! })).body.code,
    ).toBe('CSRF');
    expect((await change({ currentPassword: PASSWORD, newPassword: NEW }, {})).status).toBe(401);
    expect((await change({ currentPassword: PASSWORD })).status).toBe(422);

    expect(await change({ currentPassword: PASSWORD, newPassword: NEW })).toEqual({
      status: 204,
      body: null,
    });
    expect((await get(`${ctx.api.url}/staff/session`, here)).status).toBe(200);
    expect((await get(`${ctx.api.url}/staff/session`, elsewhere)).status).toBe(401);
    expect((await login('staff@clinic.example', PASSWORD)).status).toBe(401);
    expect((await login('staff@clinic.example', NEW)).status).toBe(200);
  });

  it('limits guesses of the current password as sign-in does', async () => {
    const headers = await signIn(ctx.api, 'staff');
    const guess = () =>
      fetch(`${ctx.api.url}/staff/session/password`, {
        method: 'PUT',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ currentPassword: 'a wrong guess', newPassword: 'whatever comes next' }),
      }).then((answer) => answer.status);
    const statuses = [];
    for (let attempt = 0; attempt < 11; attempt++) statuses.push(await guess());
    expect(statuses).toEqual([...Array(10).fill(422), 429]);
  });

  it('lets an administrator set another account’s password, which ends its sessions, and never their own this way', async () => {
    const staff = await signIn(ctx.api, 'staff');
    const admin = await signIn(ctx.api, 'admin');
    const members = (await get(`${ctx.api.url}/staff/members`, admin)).body.members as {
      id: string;
      email: string;
    }[];
    const idOf = (email: string) => members.find((m) => m.email === email)!.id;
    const setPassword = (id: string, password: string, headers: Record<string, string>) =>
      fetch(`${ctx.api.url}/staff/members/${id}/password`, {
        method: 'PUT',
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ password }),
      }).then(async (answer) => ({ status: answer.status, body: await answer.json() }));
    const HANDED_OVER = 'a password to hand over';

    expect((await setPassword(idOf('admin@clinic.example'), HANDED_OVER, staff)).status).toBe(403);
    expect(await setPassword(idOf('admin@clinic.example'), HANDED_OVER, admin)).toEqual({
      status: 409,
      body: { code: 'SELF', message: 'Change your own password with your current one (Your password).' },
    });
    expect((await setPassword('st_nobody', HANDED_OVER, admin)).status).toBe(404);
    expect((await setPassword(idOf('staff@clinic.example'), 'short', admin)).body.fieldErrors).toEqual({
      password: 'TOO_WEAK',
    });
    const set = await setPassword(idOf('staff@clinic.example'), HANDED_OVER, admin);
    expect(set).toMatchObject({
      status: 200,
      body: { member: { email: 'staff@clinic.example', role: 'staff' } },
    });
    expect(JSON.stringify(set.body)).not.toContain(HANDED_OVER);
    expect((await get(`${ctx.api.url}/staff/session`, staff)).status).toBe(401);
    expect((await get(`${ctx.api.url}/staff/session`, admin)).status).toBe(200);
    expect((await login('staff@clinic.example', PASSWORD)).status).toBe(401);
    expect((await login('staff@clinic.example', HANDED_OVER)).status).toBe(200);
  });
});
