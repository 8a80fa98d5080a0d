/**
 * The diff view between any two documents (a newer saved version and the draft, two versions of
 * the history): the admin worker diffs them, never the main thread or the server, and a newer
 * pair aborts the job of the previous one.
 */
import { useEffect, useState } from 'preact/hooks';
import { savedRules } from '../../api/rules-forms.ts';
import type { DiffResult } from '../../engine/diff.ts';
import type { AdminSlotClient } from '../../worker/client/admin-client.ts';
import { clinicZone, diffRange, TOO_SLOW_MESSAGE } from '../analysis.ts';
import { PlaceChanges } from './ChangeList.tsx';
import { DiffTable } from './DiffTable.tsx';
import { TypeFieldChanges } from './TypeChanges.tsx';

export interface VersionDiffProps {
  client: AdminSlotClient;
  now: () => number;
  before: unknown;
  after: unknown;
  /** The worker lane: one comparison per lane at a time. */
  lane: string;
  /** The total line's test id. */
  testId: string;
}

type DiffView =
  | { status: 'running' }
  | { status: 'done'; result: DiffResult; from: string }
  | { status: 'failed'; message: string };

export function VersionDiff({ client, now, before, after, lane, testId }: VersionDiffProps) {
  const [view, setView] = useState<DiffView>({ status: 'running' });
  useEffect(() => {
    const abort = new AbortController();
    // Whole minutes, as the editor's own diff: the worker reuses slots between runs. Both sides
    // compare as saved rules: a draft made from the served document requires busy windows, stored
    // versions do not, and bookings are the same on both sides.
    const at = Math.floor(now() / 60_000) * 60_000;
    const range = diffRange(at, clinicZone(after, before));
    setView({ status: 'running' });
    client
      .diff(savedRules(before), savedRules(after), { now: at, ...range }, { lane, signal: abort.signal })
      .then(
        ({ result }) => {
          if (!abort.signal.aborted) setView({ status: 'done', result, from: range.from });
        },
        (error: { code?: unknown; message?: unknown }) => {
          if (abort.signal.aborted || error.code === 'ABORTED') return;
          const tooSlow = error.code === 'TIMEOUT' || error.code === 'RULES_UNCOMPUTABLE';
          setView({
            status: 'failed',
            message: tooSlow
              ? TOO_SLOW_MESSAGE
              : `The versions could not be compared: ${String(error.message)}`,
          });
        },
      );
    return () => abort.abort();
  }, [client, now, before, after, lane]);

  if (view.status === 'running') {
    return (
      <p class="cs-admin-status" role="status" data-testid={testId}>
        Comparing…
      </p>
    );
  }
  if (view.status === 'failed') {
    return (
      <p class="cs-admin-error" data-testid={testId}>
        {view.message}
      </p>
    );
  }
  if (!view.result.ok) {
    return (
      <p class="cs-admin-error" data-testid={testId}>
        {view.result.errors.map((error) => error.message).join(' ')}
      </p>
    );
  }
  return (
    <>
      <DiffTable diff={view.result.diff} from={view.from} typeId="" docs={[after, before]} testId={testId} />
      <TypeFieldChanges before={before} after={after} />
      <PlaceChanges before={before} after={after} />
    </>
  );
}
