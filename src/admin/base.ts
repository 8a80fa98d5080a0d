/**
 * What the editor starts from: the served rules (`GET /rules`, which carry the clinic's bookings as
 * busy time, so "what changes" can name the bookings a draft displaces), and the stored version
 * they come from, whose `rulesEtag` every save sends as `If-Match`.
 */
import type { AdminApiClient, AdminApiError, RulesVersionSummary } from '../api/types.ts';
import { asList, asRecord } from './read.ts';

export interface EditorBase {
  /** The document the widget is served: the stored version plus the bookings as busy entries. */
  served: unknown;
  /** The newest stored version, or null when the server has none (then saves send no `If-Match`). */
  version: RulesVersionSummary | null;
  /** The busy entries the server added for bookings: laid over other versions to compare like with like. */
  bookingBusy: unknown[];
}

export type BaseResult = { ok: true; value: EditorBase } | { ok: false; error: AdminApiError };

/**
 * Loads the editor's base. The version list is read first: a save landing between the reads
 * makes the base older than the served rules, so the next save is refused as a conflict rather
 * than overwriting that save.
 */
export async function loadBase(
  api: Pick<AdminApiClient, 'listVersions' | 'fetchRules' | 'getVersion'>,
): Promise<BaseResult> {
  const versions = await api.listVersions();
  if (!versions.ok) return versions;
  const served = await api.fetchRules();
  if (!served.ok) return served;
  const newest = versions.value[0] ?? null;
  if (!newest) return { ok: true, value: { served: served.value.rules, version: null, bookingBusy: [] } };
  const stored = await api.getVersion(newest.version);
  if (!stored.ok) return stored;
  const bookingBusy = busyAdded(stored.value.document, served.value.rules);
  const { document: _document, ...summary } = stored.value;
  return { ok: true, value: { served: served.value.rules, version: summary, bookingBusy } };
}

/** The busy entries of `served` that `stored` does not have (each of `stored`'s matched once). */
export function busyAdded(stored: unknown, served: unknown): unknown[] {
  const left = new Map<string, number>();
  for (const entry of asList(asRecord(stored).busy)) {
    const key = JSON.stringify(entry);
    left.set(key, (left.get(key) ?? 0) + 1);
  }
  return asList(asRecord(served).busy).filter((entry) => {
    const key = JSON.stringify(entry);
    const count = left.get(key) ?? 0;
    if (count === 0) return true;
    left.set(key, count - 1);
    return false;
  });
}

/** `doc` with the bookings' busy entries added, as the server would serve it. */
export function withBookingBusy(doc: unknown, bookingBusy: readonly unknown[]): unknown {
  if (bookingBusy.length === 0 || typeof doc !== 'object' || doc === null || Array.isArray(doc)) return doc;
  const record = asRecord(doc);
  return { ...record, busy: [...asList(record.busy), ...bookingBusy] };
}
