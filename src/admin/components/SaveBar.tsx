/** Save the draft to the clinic API (which refuses a document with errors), or discard it. */
import type { AdminStore } from '../store.ts';

export function SaveBar({ store }: { store: AdminStore }) {
  const save = store.save.value;
  const lint = store.analysis.value.lint;
  const errorCount = lint && !lint.ok ? lint.errors.length : 0;
  const dirty = store.dirty.value;
  const blocked = errorCount > 0 || store.rawError.value !== null;
  let note = dirty ? 'Unsaved changes.' : 'No unsaved changes.';
  if (blocked && dirty) {
    note = store.rawError.value
      ? 'The raw JSON does not parse: fix it to save.'
      : `Fix ${errorCount} ${errorCount === 1 ? 'error' : 'errors'} to save.`;
  }
  return (
    <div class="cs-admin-savebar">
      <button
        type="button"
        class="cs-admin-primary"
        disabled={!dirty || blocked || save.status === 'saving'}
        onClick={() => void store.saveDraft()}
      >
        {save.status === 'saving' ? 'Saving…' : 'Save'}
      </button>
      <button
        type="button"
        disabled={!dirty || save.status === 'saving'}
        onClick={() => store.discardDraft()}
      >
        Discard changes
      </button>
      <p class="cs-admin-status" role="status" data-testid="save-status">
        {save.status === 'idle' ? note : save.message}
      </p>
      {save.errors.length > 0 && (
        <ul class="cs-admin-diags">
          {save.errors.map((error) => (
            <li key={error.path} class="cs-admin-diag cs-admin-diag-error">
              <button type="button" onClick={() => store.focusPath(error.path)}>
                <span class="cs-admin-diag-code">{error.code}</span>{' '}
                <code class="cs-admin-diag-path">{error.path}</code>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
