/**
 * The demo admin page's entry (`admin.html`): loads the saved rules from the reference API, then
 * renders the editor with the live preview. Lints and the diff run in the slot worker.
 */
import { render } from 'preact';
import { createAdminApiClient } from '../api/admin-client.ts';
import { defineElement, preview } from '../embed/api.ts';
import { createAdminClient } from '../worker/admin-client.ts';
import { App } from './components/App.tsx';
import type { MountPreview } from './components/Preview.tsx';
import { asRecord } from './read.ts';
import { loadSchemaCheck } from './schema-check.ts';
import { createAdminStore } from './store.ts';

const API_BASE = '/api';
/** The published schema of each format version (the served rules are version 2). */
const schemaUrl = (version: unknown) => `/schema/rules-v${version === 1 ? 1 : 2}.json`;

/** The admin's preview element: the embed's own `ClinicScheduler.preview`, with the saved busy time. */
const mountPreview: MountPreview = (el, rules) => preview(el, { rules, apiBase: API_BASE });

async function start(root: HTMLElement): Promise<void> {
  const api = createAdminApiClient({ apiBase: API_BASE, storage: null });
  const loaded = await api.fetchRules();
  if (!loaded.ok) {
    root.textContent = `The saved rules could not be loaded: ${loaded.error.message}`;
    return;
  }
  const schemaCheck = await loadSchemaCheck(schemaUrl(asRecord(loaded.value.rules).version));
  defineElement();
  const store = createAdminStore(loaded.value.rules, {
    client: createAdminClient(),
    api,
    now: () => Date.now(),
  });
  // Leaving the page with unsaved changes asks first, as any editor does.
  window.addEventListener('beforeunload', (event) => {
    if (store.dirty.peek()) event.preventDefault();
  });
  const clinic = asRecord(asRecord(loaded.value.rules).clinic);
  const clinicName = typeof clinic.name === 'string' ? clinic.name : 'Clinic';
  // Preact renders beside existing children rather than over them: clear the loading text first.
  root.replaceChildren();
  root.classList.remove('cs-admin-loading');
  render(
    <App store={store} schemaCheck={schemaCheck} mountPreview={mountPreview} clinicName={clinicName} />,
    root,
  );
}

const root = document.getElementById('admin');
if (root) void start(root);
