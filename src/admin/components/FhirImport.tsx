/**
 * "Import from FHIR": the admin picks the EHR's export (a Bundle or NDJSON) and a mapping file;
 * the import's located problems and counted skips are listed, and "Preview as draft" makes the
 * imported rules the draft. The page's own diagnostics, "What changes" (against the saved
 * rules) and live preview then show it; nothing is saved until the admin presses Save.
 * The import code is loaded only when it is first used.
 */
import { useState } from 'preact/hooks';
import type { ImportResult, Problem } from '../../../interop/index.ts';
import type { AdminStore } from '../store.ts';

type Imported = ImportResult & { ok: true };

type State =
  | { status: 'idle' }
  | { status: 'reading' }
  | { status: 'failed'; message: string }
  | { status: 'read'; result: Imported; applied: boolean };

async function readImport(bundle: File, mapping: File, now: number): Promise<State> {
  const { IMPORT_LIMITS, importFhir } = await import('../../../interop/index.ts');
  if (bundle.size > IMPORT_LIMITS.maxInputChars) {
    const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    return {
      status: 'failed',
      message: `The export is ${mib(bundle.size)} MiB; at most ${mib(IMPORT_LIMITS.maxInputChars)} MiB is read. Export fewer resources and import them one by one.`,
    };
  }
  let mappingDoc: unknown;
  try {
    mappingDoc = JSON.parse(await mapping.text());
  } catch {
    return { status: 'failed', message: 'The mapping file is not JSON.' };
  }
  const result = importFhir(await bundle.text(), mappingDoc, { now });
  if (!result.ok) return { status: 'failed', message: `${result.error.code}: ${result.error.message}` };
  return { status: 'read', result, applied: false };
}

function ProblemItem({ problem }: { problem: Problem }) {
  return (
    <li class={`cs-admin-diag cs-admin-diag-${problem.severity}`}>
      <span class="cs-admin-diag-kind">{problem.severity === 'error' ? 'Not imported' : 'Note'}</span>{' '}
      <span class="cs-admin-diag-code">{problem.code}</span>{' '}
      <span class="cs-admin-diag-message">{problem.message}</span>{' '}
      <code class="cs-admin-diag-path">
        {problem.resource} {problem.field}
      </code>
    </li>
  );
}

function Result({
  store,
  state,
  onApply,
}: {
  store: AdminStore;
  state: State & { status: 'read' };
  onApply: () => void;
}) {
  const { result } = state;
  const read = Object.entries(result.counts)
    .map(([type, count]) => `${count} ${type}`)
    .join(', ');
  return (
    <>
      <p class="cs-admin-status" data-testid="fhir-summary">
        Read {read || 'no resources'}: {result.rules.providers.length} providers,{' '}
        {result.rules.appointmentTypes.length} appointment types, {result.busy.length} busy entries.
      </p>
      {result.problems.length > 0 && (
        <>
          <h3>Problems ({result.problems.length})</h3>
          <ul class="cs-admin-diags" data-testid="fhir-problems">
            {result.problems.map((problem, index) => (
              <ProblemItem key={index} problem={problem} />
            ))}
          </ul>
        </>
      )}
      {result.skipped.length > 0 && (
        <>
          <h3>Skipped</h3>
          <ul data-testid="fhir-skipped">
            {result.skipped.map((skip) => (
              <li key={skip.reason}>
                {skip.count} × {skip.reason}: {skip.examples.join(', ')}
              </li>
            ))}
          </ul>
        </>
      )}
      {state.applied ? (
        <p class="cs-admin-status" role="status">
          The draft now holds the import: Diagnostics, What changes (against the saved rules) and the preview
          show it. Save to keep it, or Discard changes to go back.
        </p>
      ) : (
        <button
          type="button"
          class="cs-admin-primary"
          disabled={store.save.value.status === 'saving'}
          onClick={onApply}
        >
          Preview as draft
        </button>
      )}
    </>
  );
}

export function FhirImport({ store }: { store: AdminStore }) {
  const [bundle, setBundle] = useState<File | null>(null);
  const [mapping, setMapping] = useState<File | null>(null);
  const [state, setState] = useState<State>({ status: 'idle' });
  const pick = (set: (file: File | null) => void) => (event: Event) => {
    set((event.currentTarget as HTMLInputElement).files?.[0] ?? null);
    setState({ status: 'idle' });
  };
  const read = async () => {
    if (!bundle || !mapping) return;
    setState({ status: 'reading' });
    setState(await readImport(bundle, mapping, store.now()));
  };
  const apply = () => {
    if (state.status !== 'read') return;
    const { rules, busy } = state.result;
    store.edit(() => ({ ...rules, busy }));
    setState({ ...state, applied: true });
  };
  return (
    <section class="cs-admin-panel" aria-labelledby="cs-admin-fhir-title">
      <h2 id="cs-admin-fhir-title">Import from FHIR</h2>
      <p class="cs-admin-help">
        Hours and bookings from your EHR's FHIR export (a Bundle or NDJSON), read with a mapping file. Nothing
        is saved until you press Save.
      </p>
      <label class="cs-admin-field">
        <span>FHIR export</span>
        <input
          type="file"
          accept=".json,.ndjson,application/fhir+json,application/json"
          onChange={pick(setBundle)}
        />
      </label>
      <label class="cs-admin-field">
        <span>Mapping</span>
        <input type="file" accept=".json,application/json" onChange={pick(setMapping)} />
      </label>
      <button
        type="button"
        disabled={!bundle || !mapping || state.status === 'reading'}
        onClick={() => void read()}
      >
        Read the export
      </button>
      {state.status === 'reading' && (
        <p class="cs-admin-status" role="status">
          Reading the export…
        </p>
      )}
      {state.status === 'failed' && (
        <p class="cs-admin-error" role="alert">
          {state.message}
        </p>
      )}
      {state.status === 'read' && <Result store={store} state={state} onApply={apply} />}
    </section>
  );
}
