/**
 * The rules history's state in signals: the saved versions, the two being compared (their
 * documents fetched once each) and a restore waiting for confirmation or for a choice about
 * orphaned bookings. The diff itself runs in the admin worker (VersionDiff), never here.
 */
import { batch, signal } from '@preact/signals';
import type { AdminApiClient, AdminApiError, OrphanedBookings, RulesVersionSummary } from '../api/types.ts';

export interface Comparison {
  before: number;
  after: number;
  status: 'loading' | 'ready' | 'failed';
  documents: { before: unknown; after: unknown } | null;
  message: string;
}

export interface RestoreState {
  version: number;
  status: 'confirming' | 'restoring' | 'orphans' | 'failed' | 'done';
  message: string;
  orphans?: OrphanedBookings[];
}

export interface HistoryDeps {
  api: Pick<AdminApiClient, 'listVersions' | 'getVersion' | 'restoreVersion'>;
  /** A call was answered 401. */
  onSignedOut: () => void;
  /** A version was restored: the editor reloads its base. */
  onRestored: () => Promise<void>;
}

export function createHistory(deps: HistoryDeps) {
  const versions = signal<RulesVersionSummary[] | null>(null);
  const status = signal<'idle' | 'loading' | 'ready' | 'failed'>('idle');
  const message = signal('');
  const comparison = signal<Comparison | null>(null);
  const restore = signal<RestoreState | null>(null);
  const documents = new Map<number, unknown>();

  function failed(error: AdminApiError): string {
    if (error.status === 401) deps.onSignedOut();
    return error.message;
  }

  async function load(): Promise<void> {
    status.value = 'loading';
    const result = await deps.api.listVersions();
    batch(() => {
      if (result.ok) {
        versions.value = result.value;
        status.value = 'ready';
        message.value = '';
      } else {
        status.value = 'failed';
        message.value = `The history could not be loaded: ${failed(result.error)}`;
      }
    });
  }

  async function documentOf(
    version: number,
  ): Promise<{ ok: true; doc: unknown } | { ok: false; message: string }> {
    if (documents.has(version)) return { ok: true, doc: documents.get(version) };
    const result = await deps.api.getVersion(version);
    if (!result.ok) return { ok: false, message: failed(result.error) };
    documents.set(version, result.value.document);
    return { ok: true, doc: result.value.document };
  }

  /** Compares version `before` with version `after` (older first reads best, but either order works). */
  async function compare(before: number, after: number): Promise<void> {
    const mine: Comparison = { before, after, status: 'loading', documents: null, message: '' };
    comparison.value = mine;
    const [a, b] = await Promise.all([documentOf(before), documentOf(after)]);
    if (comparison.value !== mine) return;
    if (!a.ok || !b.ok) {
      const why = !a.ok ? a.message : !b.ok ? b.message : '';
      comparison.value = { ...mine, status: 'failed', message: `The versions could not be read: ${why}` };
      return;
    }
    comparison.value = { ...mine, status: 'ready', documents: { before: a.doc, after: b.doc } };
  }

  function askRestore(version: number): void {
    restore.value = { version, status: 'confirming', message: '' };
  }

  function cancelRestore(): void {
    restore.value = null;
  }

  /**
   * Restores the version being confirmed, as a new version. `If-Match` is the newest version the
   * list shows: a save the admin has not seen refuses the restore and the list is read again.
   */
  async function confirmRestore(keepOrphans = false): Promise<void> {
    const asked = restore.value;
    if (!asked || asked.status === 'restoring') return;
    const version = asked.version;
    restore.value = { version, status: 'restoring', message: `Restoring version ${version}…` };
    const newest = versions.value?.[0]?.etag ?? null;
    const result = await deps.api.restoreVersion(version, { ifMatch: newest, keepOrphans });
    if (result.ok) {
      restore.value = {
        version,
        status: 'done',
        message: `Version ${version} was restored as version ${result.value.version ?? 'new'}. Patients now see it.`,
      };
      await Promise.all([load(), deps.onRestored()]);
      return;
    }
    const { orphans, conflict } = result.error;
    if (orphans) {
      restore.value = { version, status: 'orphans', message: result.error.message, orphans };
      return;
    }
    if (conflict) {
      restore.value = {
        version,
        status: 'failed',
        message: `Version ${conflict.version} was saved meanwhile: the list now shows it. Check it, then restore again.`,
      };
      await load();
      return;
    }
    restore.value = { version, status: 'failed', message: `Not restored: ${failed(result.error)}` };
  }

  return {
    versions,
    status,
    message,
    comparison,
    restore,
    load,
    compare,
    askRestore,
    cancelRestore,
    confirmRestore,
  };
}

export type History = ReturnType<typeof createHistory>;
