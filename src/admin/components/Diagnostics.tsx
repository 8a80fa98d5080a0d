/**
 * Every error and warning of the draft, from validation and the lints: code, sentence and the
 * JSON Pointer of the field. Choosing one shows and focuses that field.
 */
import { useState } from 'preact/hooks';
import type { Diagnostic } from '../../engine/types.ts';
import type { AdminStore } from '../store.ts';

/**
 * Problems drawn at once, and added by each "Show more": a large draft has up to 200 errors and
 * 200 warnings, and drawing them all would hold the page for a fifth of a second.
 */
export const DIAGNOSTICS_PER_PAGE = 25;

function Item({
  store,
  diagnostic,
  kind,
}: {
  store: AdminStore;
  diagnostic: Diagnostic;
  kind: 'error' | 'warning';
}) {
  return (
    <li class={`cs-admin-diag cs-admin-diag-${kind}`}>
      <button type="button" onClick={() => store.focusPath(diagnostic.path)}>
        <span class="cs-admin-diag-kind">{kind === 'error' ? 'Error' : 'Warning'}</span>{' '}
        <span class="cs-admin-diag-code">{diagnostic.code}</span>{' '}
        <span class="cs-admin-diag-message">{diagnostic.message}</span>{' '}
        <code class="cs-admin-diag-path">{diagnostic.path || '/'}</code>
      </button>
    </li>
  );
}

function summary(errors: number, warnings: number): string {
  if (errors === 0 && warnings === 0) return 'No problems found.';
  const part = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  return `${part(errors, 'error')}, ${part(warnings, 'warning')}.`;
}

export function Diagnostics({ store }: { store: AdminStore }) {
  const state = store.analysis.value;
  const lint = state.lint;
  const errors = lint && !lint.ok ? lint.errors : [];
  const warnings = lint ? (lint.ok ? lint.diagnostics : lint.warnings) : [];
  const all: [Diagnostic, 'error' | 'warning'][] = [
    ...errors.map((d): [Diagnostic, 'error'] => [d, 'error']),
    ...warnings.map((d): [Diagnostic, 'warning'] => [d, 'warning']),
  ];
  const [shown, setShown] = useState(DIAGNOSTICS_PER_PAGE);
  let status: string;
  if (state.status === 'too-slow' || state.status === 'failed') status = state.message;
  else if (lint === null) status = 'Checking the draft…';
  else status = `${state.status === 'running' ? 'Updating… ' : ''}${summary(errors.length, warnings.length)}`;
  return (
    <section class="cs-admin-panel" aria-labelledby="cs-admin-diag-title">
      <h2 id="cs-admin-diag-title">Diagnostics</h2>
      <p
        class={
          state.status === 'too-slow' || state.status === 'failed' ? 'cs-admin-error' : 'cs-admin-status'
        }
        role="status"
        data-testid="diagnostics-status"
      >
        {status}
      </p>
      {state.status === 'too-slow' && (
        <p class="cs-admin-help">
          {lint
            ? 'The problems below were found before the limit; what changes could not be computed.'
            : 'Nothing could be computed for this draft. The editor still works: the next edit tries again.'}
        </p>
      )}
      {state.status === 'done' && state.elapsedMs.lint !== null && (
        <p class="cs-admin-help" data-testid="analysis-timing">
          Checked in the worker in {Math.round(state.elapsedMs.lint)} ms
          {state.elapsedMs.diff === null
            ? ''
            : `, changes compared in ${Math.round(state.elapsedMs.diff)} ms`}
          .
        </p>
      )}
      {(errors.length > 0 || warnings.length > 0) && (
        <ul class="cs-admin-diags" data-testid="diagnostics">
          {all.slice(0, shown).map(([diagnostic, kind], index) => (
            <Item key={`${kind}${index}`} store={store} diagnostic={diagnostic} kind={kind} />
          ))}
        </ul>
      )}
      {all.length > shown && (
        <button type="button" class="cs-admin-more" onClick={() => setShown(shown + DIAGNOSTICS_PER_PAGE)}>
          Show {Math.min(DIAGNOSTICS_PER_PAGE, all.length - shown)} more of {all.length}
        </button>
      )}
    </section>
  );
}
