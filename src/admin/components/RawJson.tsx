/** The whole draft as JSON, validated against the published JSON Schema as the admin types. */
import { useMemo } from 'preact/hooks';
import type { SchemaCheck } from '../schema-check.ts';
import type { AdminStore } from '../store.ts';

export function RawJson({ store, schemaCheck }: { store: AdminStore; schemaCheck: SchemaCheck | null }) {
  const draft = store.draft.value;
  const parseError = store.rawError.value;
  const findings = useMemo(() => (schemaCheck ? schemaCheck(draft) : []), [schemaCheck, draft]);
  return (
    <div class="cs-admin-raw">
      <label class="cs-admin-field cs-admin-field-block" for="cs-admin-raw-text">
        <span>Rules document (JSON)</span>
      </label>
      <textarea
        id="cs-admin-raw-text"
        data-path=""
        spellcheck={false}
        aria-describedby="cs-admin-raw-status"
        aria-invalid={parseError || findings.length > 0 ? 'true' : undefined}
        value={store.rawText.value}
        onInput={(event) => store.setRawText(event.currentTarget.value)}
      />
      <div id="cs-admin-raw-status" class="cs-admin-raw-status" aria-live="polite">
        {parseError ? (
          <p class="cs-admin-error">
            This is not valid JSON: {parseError}. The preview shows the last valid draft.
          </p>
        ) : schemaCheck === null ? (
          <p class="cs-admin-muted">The JSON Schema could not be loaded; the engine's checks still run.</p>
        ) : findings.length === 0 ? (
          <p class="cs-admin-ok">Matches the JSON Schema (rules-v1).</p>
        ) : (
          <>
            <p class="cs-admin-error">
              {findings.length} {findings.length === 1 ? 'difference' : 'differences'} from the JSON Schema:
            </p>
            <ul class="cs-admin-list">
              {findings.map((finding, index) => (
                <li key={index}>
                  <code>{finding.path || '/'}</code> {finding.message}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </div>
  );
}
