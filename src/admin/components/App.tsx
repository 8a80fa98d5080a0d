/**
 * The demo admin page: the editor (hours, appointment types, raw JSON) beside the diagnostics,
 * what changes and the live preview of the draft.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { focusField } from '../focus.ts';
import { isEditable } from '../read.ts';
import type { SchemaCheck } from '../schema-check.ts';
import type { AdminStore, EditorTab } from '../store.ts';
import { ClosuresEditor } from './ClosuresEditor.tsx';
import { Diagnostics } from './Diagnostics.tsx';
import { FhirImport } from './FhirImport.tsx';
import { type MountPreview, Preview } from './Preview.tsx';
import { ProviderPanel } from './ProviderPanel.tsx';
import { RawJson } from './RawJson.tsx';
import { SaveBar } from './SaveBar.tsx';
import { TypesEditor } from './TypesEditor.tsx';
import { WhatChanges } from './WhatChanges.tsx';

const TABS: ReadonlyArray<[EditorTab, string]> = [
  ['hours', 'Hours and closures'],
  ['types', 'Appointment types'],
  ['raw', 'Raw JSON'],
];

export interface AppProps {
  store: AdminStore;
  schemaCheck: SchemaCheck | null;
  mountPreview: MountPreview;
  clinicName: string;
  /** A staff member's view: the rules shown, not editable, with the reason instead of saving. */
  readOnly?: boolean;
  /** Beside the save bar: who is signed in. */
  account?: ComponentChildren;
  /** First in the page's main area, full width (a sign-in again, a save's conflict). */
  top?: ComponentChildren;
  /** Last in the page's main area, full width (history, bookings). */
  bottom?: ComponentChildren;
}

export const READ_ONLY_NOTE =
  'You are signed in as staff: only a clinic administrator can change the rules, so the editor is read-only.';

function Tabs({ store }: { store: AdminStore }) {
  const tabs = useRef<HTMLDivElement>(null);
  const select = (index: number) => {
    const [id] = TABS[(index + TABS.length) % TABS.length]!;
    store.tab.value = id;
    tabs.current?.querySelector<HTMLElement>(`#cs-admin-tab-${id}`)?.focus();
  };
  const current = TABS.findIndex(([id]) => id === store.tab.value);
  return (
    <div
      ref={tabs}
      role="tablist"
      aria-label="Edit the rules"
      class="cs-admin-tabs"
      onKeyDown={(event) => {
        const moves: Record<string, number> = {
          ArrowRight: current + 1,
          ArrowLeft: current - 1,
          Home: 0,
          End: -1,
        };
        const next = moves[event.key];
        if (next === undefined) return;
        event.preventDefault();
        select(next);
      }}
    >
      {TABS.map(([id, label]) => (
        <button
          key={id}
          type="button"
          role="tab"
          id={`cs-admin-tab-${id}`}
          aria-selected={store.tab.value === id}
          aria-controls="cs-admin-tabpanel"
          tabIndex={store.tab.value === id ? 0 : -1}
          onClick={() => {
            store.tab.value = id;
          }}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

function Editor({ store, schemaCheck }: { store: AdminStore; schemaCheck: SchemaCheck | null }) {
  const tab = store.tab.value;
  if (tab === 'raw') return <RawJson store={store} schemaCheck={schemaCheck} />;
  if (!isEditable(store.draft.value)) {
    return (
      <p class="cs-admin-error">
        The form needs a document with lists of providers and appointment types. Fix the draft in the Raw JSON
        tab.
      </p>
    );
  }
  if (tab === 'types') return <TypesEditor store={store} />;
  return (
    <>
      <ProviderPanel store={store} />
      <ClosuresEditor store={store} />
    </>
  );
}

export function App({
  store,
  schemaCheck,
  mountPreview,
  clinicName,
  readOnly,
  account,
  top,
  bottom,
}: AppProps) {
  const root = useRef<HTMLDivElement>(null);
  const request = store.focusRequest.value;
  useEffect(() => {
    if (request && root.current) focusField(root.current, request.path);
  }, [request]);
  return (
    <div ref={root} class="cs-admin">
      <header class="cs-admin-header">
        <div>
          <h1>{clinicName}: hours and appointment types</h1>
          <a class="cs-admin-back" href="/">
            Back to the clinic's website
          </a>
        </div>
        {readOnly ? <p class="cs-admin-readonly-note">{READ_ONLY_NOTE}</p> : <SaveBar store={store} />}
        {account}
      </header>
      <main class="cs-admin-main">
        {top}
        <section class="cs-admin-panel cs-admin-editor" aria-label="Editor">
          <Tabs store={store} />
          <div
            role="tabpanel"
            id="cs-admin-tabpanel"
            aria-labelledby={`cs-admin-tab-${store.tab.value}`}
            class="cs-admin-tabpanel"
          >
            {readOnly ? (
              <fieldset disabled class="cs-admin-readonly">
                <legend class="cs-admin-sr">The rules (read-only)</legend>
                <Editor store={store} schemaCheck={schemaCheck} />
              </fieldset>
            ) : (
              <Editor store={store} schemaCheck={schemaCheck} />
            )}
          </div>
        </section>
        <div class="cs-admin-checks">
          <Diagnostics store={store} />
          <WhatChanges store={store} />
          <FhirImport store={store} />
        </div>
        <Preview store={store} mountPreview={mountPreview} />
        {bottom}
      </main>
    </div>
  );
}
