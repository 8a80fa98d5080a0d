/**
 * The admin page's entry (`admin.html`): checks the staff session (or asks to sign in), loads the
 * saved rules from the clinic API, then renders the editor with the live preview, the history and
 * the bookings. Lints and diffs run in the admin worker.
 */
import { render } from 'preact';
import { createAdminApiClient } from '../api/admin-client.ts';
import { defineElement, preview } from '../embed/api.ts';
import { createAdminClient } from '../worker/client/admin-client.ts';
import { AdminPage } from './components/AdminPage.tsx';
import type { MountPreview } from './components/Preview.tsx';
import { createAdminPage } from './page.ts';
import { asRecord } from './read.ts';
import { loadSchemaCheck } from './schema-check.ts';

const API_BASE = '/api';
/** The published schema of each format version (the served rules are version 2). */
const schemaUrl = (version: unknown) => `/schema/rules-v${version === 1 ? 1 : 2}.json`;

async function start(root: HTMLElement): Promise<void> {
  // The API beside the page, or the clinic's own (`data-api-base="/c/CLINIC/api"`): a path on this
  // origin only, since the sign-in form sends the password there.
  const apiBase = /^\/(c\/[\w-]{1,64}\/)?api$/.test(root.dataset.apiBase ?? '')
    ? root.dataset.apiBase!
    : API_BASE;
  const api = createAdminApiClient({ apiBase });
  // The preview is the embed's own `ClinicScheduler.preview`, with this clinic's saved busy time.
  const mountPreview: MountPreview = (el, rules) => preview(el, { rules, apiBase });
  const client = createAdminClient();
  const now = () => Date.now();
  const page = createAdminPage({ api, client, now });
  // The schema of the served rules' version: they are public, so known before anyone signs in.
  const [served] = await Promise.all([api.fetchRules(), page.start()]);
  const version = served.ok ? asRecord(served.value.rules).version : undefined;
  const schemaCheck = await loadSchemaCheck(schemaUrl(version));
  defineElement();
  // Leaving the page with unsaved changes asks first, as any editor does.
  window.addEventListener('beforeunload', (event) => {
    if (page.store.peek()?.dirty.peek()) event.preventDefault();
  });
  // Preact renders beside existing children rather than over them: clear the loading text first.
  root.replaceChildren();
  root.classList.remove('cs-admin-loading');
  render(
    <AdminPage page={page} client={client} now={now} schemaCheck={schemaCheck} mountPreview={mountPreview} />,
    root,
  );
}

const root = document.getElementById('admin');
if (root) void start(root);
