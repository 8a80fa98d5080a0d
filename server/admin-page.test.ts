/**
 * The built admin page as the clinic server serves it, in Chromium: a second clinic's staff open
 * `/c/{id}/admin/`, sign in there, and the page (its preview and its schema check included) talks
 * to that clinic's API only.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, chromium } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_LAUNCH } from '../test/support/chromium.ts';
import { createStaffMember } from './routes/staff.ts';
import { staticFiles } from './static.ts';
import type { Database } from './store/database.ts';
import { newClinic, openTestDatabase, type RunningApi, startApi, TEST_PASSWORD, tempDir } from './testing.ts';

const dist = resolve(import.meta.dirname, '../dist');
const EMAIL = 'ana@riverside.example';

let temp: ReturnType<typeof tempDir>;
let db: Database;
let api: RunningApi;
let browser: Browser;

beforeAll(async () => {
  temp = tempDir();
  db = await openTestDatabase(temp.dir);
  // The server's default clinic is another one: its API must not be the page's.
  const other = await newClinic(db);
  const riverside = await newClinic(db);
  await createStaffMember(
    db,
    riverside,
    { email: EMAIL, password: TEST_PASSWORD, role: 'admin' },
    Date.now(),
  );
  api = await startApi(
    db,
    riverside,
    { now: Date.now() },
    {
      extra: staticFiles(dist),
      config: { defaultClinic: other },
    },
  );
  browser = await chromium.launch(CHROMIUM_LAUNCH);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await api.close();
  await db.close();
  temp.remove();
});

describe.runIf(existsSync(resolve(dist, 'admin/admin.html')))('a clinic’s admin page', () => {
  it('signs that clinic’s staff in at /c/{id}/admin/, and its preview and schema come from its own API', async () => {
    const page = await browser.newPage();
    const asked: { path: string; status: number }[] = [];
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (url.origin === api.origin) asked.push({ path: url.pathname, status: response.status() });
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${api.origin}/c/${api.clinicId}/admin`);
    expect(new URL(page.url()).pathname).toBe(`/c/${api.clinicId}/admin/`);
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(`Signed in as ${EMAIL} (administrator)`).waitFor({ timeout: 20_000 });
    // The preview's widget asks for this clinic's busy time.
    await expect
      .poll(() => asked.some((a) => a.path.startsWith(`/c/${api.clinicId}/api/busy/`)), { timeout: 20_000 })
      .toBe(true);
    const apiCalls = asked.filter((a) => /\/api\//.test(a.path));
    expect(apiCalls.filter((a) => !a.path.startsWith(`/c/${api.clinicId}/api/`))).toEqual([]);
    expect(asked.find((a) => a.path === '/schema/rules-v2.json')?.status).toBe(200);
    // Only the first look for a session, before signing in, is refused.
    expect(asked.filter((a) => a.status >= 400)).toEqual([
      { path: `/c/${api.clinicId}/api/staff/session`, status: 401 },
    ]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
