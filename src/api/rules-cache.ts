/**
 * The last good rules document, kept in sessionStorage so a patient coming back from an email
 * sees times at once while the fresh copy loads. Keyed by the API base only: rules hold no patient
 * data, and neither does the key. Storage that throws (sandboxed frames, quota) is treated as absent.
 */

export interface CachedRules {
  etag: string | null;
  rules: unknown;
}

const KEY_PREFIX = 'clinic-scheduler:rules:';

/** sessionStorage when the page may use it, else null (reading it throws in some sandboxed frames). */
export function defaultStorage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

export function createRulesCache(apiBase: string, storage: Storage | null) {
  const key = KEY_PREFIX + apiBase;
  // Also kept in memory: storage may be missing or full, and a 304 must still find the copy it confirms.
  let memory: CachedRules | null = null;

  function read(): CachedRules | null {
    if (memory) return memory;
    try {
      const stored = storage?.getItem(key);
      if (!stored) return null;
      const parsed: unknown = JSON.parse(stored);
      if (!isCachedRules(parsed)) return null;
      memory = parsed;
      return parsed;
    } catch {
      return null;
    }
  }

  function write(entry: CachedRules): void {
    memory = entry;
    try {
      storage?.setItem(key, JSON.stringify(entry));
    } catch {
      // Quota exceeded or storage disabled: the in-memory copy still serves this page.
    }
  }

  return { read, write };
}

function isCachedRules(value: unknown): value is CachedRules {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  const rules = entry.rules as Record<string, unknown> | null | undefined;
  return (
    (typeof entry.etag === 'string' || entry.etag === null) &&
    typeof rules === 'object' &&
    rules !== null &&
    rules.version === 1
  );
}
