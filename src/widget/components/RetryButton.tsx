import type { Store } from '../state.ts';

/** "Try again" after something that failed (the rules, a month's times, a step that did not load). */
export function RetryButton({ store, onRetry }: { store: Store; onRetry: () => void }) {
  return (
    <button type="button" class="cs-button cs-button--quiet" part="button" onClick={onRetry}>
      {store.t.value.retry}
    </button>
  );
}
