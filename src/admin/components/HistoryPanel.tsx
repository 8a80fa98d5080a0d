/**
 * The rules history: every saved version (who, when, the note, how many warnings), the diff
 * between any two of them in the diff view, and, for administrators, restoring one as a new
 * version after a confirmation.
 */
import { useState } from 'preact/hooks';
import type { RulesVersionSummary } from '../../api/types.ts';
import type { AdminSlotClient } from '../../worker/client/admin-client.ts';
import { savedLine } from '../format.ts';
import type { History } from '../history.ts';
import { OrphanList } from './SaveProblems.tsx';
import { VersionDiff } from './VersionDiff.tsx';

export interface HistoryPanelProps {
  history: History;
  client: AdminSlotClient;
  now: () => number;
  zone: string;
  canRestore: boolean;
  /** The editor has unsaved changes (a restore replaces them). */
  dirty: boolean;
}

function VersionSelect({
  label,
  value,
  versions,
  onChange,
}: {
  label: string;
  value: number;
  versions: readonly RulesVersionSummary[];
  onChange: (version: number) => void;
}) {
  return (
    <label class="cs-admin-field">
      <span>{label}</span>
      <select value={String(value)} onChange={(event) => onChange(Number(event.currentTarget.value))}>
        {versions.map((v) => (
          <option key={v.version} value={String(v.version)}>
            Version {v.version}
          </option>
        ))}
      </select>
    </label>
  );
}

function Compare({
  history,
  client,
  now,
  versions,
}: HistoryPanelProps & { versions: RulesVersionSummary[] }) {
  const newest = versions[0]?.version ?? 1;
  const [before, setBefore] = useState(versions[1]?.version ?? newest);
  const [after, setAfter] = useState(newest);
  const comparison = history.comparison.value;
  return (
    <div class="cs-admin-compare">
      <h3>Compare two versions</h3>
      <div class="cs-admin-actions">
        <VersionSelect label="From" value={before} versions={versions} onChange={setBefore} />
        <VersionSelect label="To" value={after} versions={versions} onChange={setAfter} />
        <button type="button" onClick={() => void history.compare(before, after)}>
          Compare
        </button>
      </div>
      {comparison?.status === 'loading' && <p class="cs-admin-status">Reading the versions…</p>}
      {comparison?.status === 'failed' && <p class="cs-admin-error">{comparison.message}</p>}
      {comparison?.status === 'ready' && comparison.documents && (
        <>
          <p class="cs-admin-muted">
            What version {comparison.after} changes compared with version {comparison.before}:
          </p>
          <VersionDiff
            client={client}
            now={now}
            before={comparison.documents.before}
            after={comparison.documents.after}
            lane="history"
            testId="history-total"
          />
        </>
      )}
    </div>
  );
}

function Restore({ history, dirty }: { history: History; dirty: boolean }) {
  const restore = history.restore.value;
  if (!restore) return null;
  const { version } = restore;
  if (restore.status === 'confirming') {
    return (
      <div class="cs-admin-confirm">
        <p id="cs-admin-restore-question">
          Restore version {version}? It becomes a new version that patients see at once.
          {dirty ? ' Your unsaved changes in the editor will be replaced.' : ''}
        </p>
        <div class="cs-admin-actions">
          <button type="button" class="cs-admin-primary" onClick={() => void history.confirmRestore()}>
            Restore version {version}
          </button>
          <button type="button" onClick={() => history.cancelRestore()}>
            Cancel
          </button>
        </div>
      </div>
    );
  }
  return (
    <div class="cs-admin-confirm">
      <p class={restore.status === 'failed' ? 'cs-admin-error' : 'cs-admin-status'} role="status">
        {restore.message}
      </p>
      {restore.status === 'orphans' && restore.orphans && (
        <>
          <OrphanList orphans={restore.orphans} docs={[]} />
          <div class="cs-admin-actions">
            <button type="button" onClick={() => void history.confirmRestore(true)}>
              Keep them as busy time and restore
            </button>
            <button type="button" onClick={() => history.cancelRestore()}>
              Cancel
            </button>
          </div>
        </>
      )}
    </div>
  );
}

export function HistoryPanel(props: HistoryPanelProps) {
  const { history, zone, canRestore } = props;
  const versions = history.versions.value;
  let body = <p class="cs-admin-status">Loading the history…</p>;
  if (history.status.value === 'failed') body = <p class="cs-admin-error">{history.message.value}</p>;
  else if (versions) {
    body = (
      <>
        <table class="cs-admin-table">
          <caption>Saved versions, newest first ({versions.length})</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Saved</th>
              <th scope="col">Note</th>
              <th scope="col">Warnings</th>
              {canRestore && <th scope="col">Restore</th>}
            </tr>
          </thead>
          <tbody>
            {versions.map((v, index) => (
              <tr key={v.version}>
                <th scope="row">{v.version}</th>
                <td>{savedLine(v.savedAt, v.savedBy, zone)}</td>
                <td>{v.note}</td>
                <td>{v.warningCount}</td>
                {canRestore && (
                  <td>
                    {index === 0 ? (
                      <span class="cs-admin-muted">Current</span>
                    ) : (
                      <button type="button" onClick={() => history.askRestore(v.version)}>
                        Restore version {v.version}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {canRestore && <Restore history={history} dirty={props.dirty} />}
        {versions.length > 1 && <Compare key={versions[0]?.version} {...props} versions={versions} />}
      </>
    );
  }
  return (
    <section class="cs-admin-panel cs-admin-wide" aria-labelledby="cs-admin-history-title">
      <h2 id="cs-admin-history-title">History</h2>
      {body}
    </section>
  );
}
