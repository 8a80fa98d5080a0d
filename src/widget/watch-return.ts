/**
 * Watches for a patient coming back to the page after a while away, and then has the later part
 * refresh the times (actions/freshen.ts says why and how).
 */
import { loadLaterSteps } from './later-steps.ts';
import type { Store } from './state.ts';

/** How long the page must have been out of view before the times are computed again. */
export const STALE_AFTER_MS = 5 * 60_000;

/** Refreshes the times whenever the page comes back into view after `STALE_AFTER_MS` or more. */
export function freshenOnReturn(store: Store): void {
  const visibility = store.deps.pageVisibility;
  if (!visibility) return;
  let hiddenSince: number | null = visibility.hidden() ? store.deps.now() : null;
  const unsubscribe = visibility.subscribe(() => {
    const now = store.deps.now();
    if (visibility.hidden()) {
      hiddenSince ??= now;
      return;
    }
    const away = hiddenSince === null ? 0 : now - hiddenSince;
    hiddenSince = null;
    if (away < STALE_AFTER_MS) return;
    void loadLaterSteps().then((steps) => {
      if (steps && !store.disposed) void steps.freshen(store);
    });
  });
  store.onDispose(unsubscribe);
}
