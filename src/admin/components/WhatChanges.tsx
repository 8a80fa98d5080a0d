/**
 * What the draft changes over the next four weeks: a heat map of slots added and removed per day
 * and provider (all types, or one), and the bookings that would need moving.
 */

import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { RulesDiff } from '../../engine/diff.ts';
import type { AdminStore } from '../store.ts';
import { PlaceChanges } from './ChangeList.tsx';
import { DiffTable, namesOf } from './DiffTable.tsx';
import { TypeFieldChanges } from './TypeChanges.tsx';

function Bookings({ store, diff }: { store: AdminStore; diff: RulesDiff }) {
  const providers = namesOf([store.draft.value], 'providers');
  return (
    <>
      <h3>Bookings that would need moving ({diff.displacedBusy.length})</h3>
      {diff.displacedBusy.length === 0 ? (
        <p class="cs-admin-muted">None: every existing booking still fits the hours.</p>
      ) : (
        <ul class="cs-admin-diags" data-testid="displaced">
          {diff.displacedBusy.map((busy) => {
            const text = (
              <>
                <span class="cs-admin-diag-code">{providers.get(busy.providerId) ?? busy.providerId}</span>{' '}
                <span class="cs-admin-diag-message">{busy.reason}</span>
              </>
            );
            // A busy entry of the draft can be shown in the editor; a booking (from the saved busy
            // time the server serves by month) is not part of the document, so it is only named.
            return (
              <li key={busy.path} class="cs-admin-diag cs-admin-diag-warning">
                {busy.path.startsWith('/busyWindows/') ? (
                  <span>{text}</span>
                ) : (
                  <button type="button" onClick={() => store.focusPath(busy.path)}>
                    {text} <code class="cs-admin-diag-path">{busy.path}</code>
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}

export function WhatChanges({ store }: { store: AdminStore }) {
  const [typeId, setTypeId] = useState('');
  const state = store.analysis.value;
  const diff = state.diff;
  const types = namesOf([store.draft.value, store.saved.value], 'appointmentTypes');
  let body: JSX.Element;
  if (state.status === 'too-slow') body = <p class="cs-admin-error">{state.message}</p>;
  else if (state.lint && !state.lint.ok)
    body = <p class="cs-admin-muted">Fix the errors to see what changes.</p>;
  else if (!diff || !state.range) body = <p class="cs-admin-status">Comparing with the saved rules…</p>;
  else if (!diff.ok)
    body = <p class="cs-admin-error">{diff.errors.map((error) => error.message).join(' ')}</p>;
  else {
    body = (
      <>
        <DiffTable
          diff={diff.diff}
          from={state.range.from}
          typeId={typeId}
          docs={[store.draft.value, store.saved.value]}
        />
        <Bookings store={store} diff={diff.diff} />
        <TypeFieldChanges before={store.saved.value} after={store.draft.value} />
        <PlaceChanges before={store.saved.value} after={store.draft.value} />
      </>
    );
  }
  return (
    <section
      class="cs-admin-panel"
      aria-labelledby="cs-admin-changes-title"
      aria-busy={state.status === 'running'}
    >
      <h2 id="cs-admin-changes-title">What changes</h2>
      <label class="cs-admin-field">
        <span>Appointment type</span>
        <select value={typeId} onChange={(event) => setTypeId(event.currentTarget.value)}>
          <option value="">All types</option>
          {[...types].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </label>
      {body}
    </section>
  );
}
