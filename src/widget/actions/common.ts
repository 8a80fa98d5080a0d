/** Small helpers every action shares: errors as codes, announcements, moving between steps. */
import type { Step, Store } from '../state.ts';

/** The `code` of a rejected job or call (`JobError`, `ApiError`), or `UNKNOWN`. */
export function codeOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return 'UNKNOWN';
}

/** Sends a polite announcement to the live region. */
export function announce(store: Store, text: string): void {
  store.announcement.value = text;
}

/** Shows a step and moves focus to its heading (only after a patient's action, never on load). */
export function goToStep(store: Store, step: Step): void {
  store.step.value = step;
  store.focusTarget.value = 'heading';
}

/**
 * The patient is still choosing a visit and a time (the first two steps), with nothing typed or
 * booked that a reset or a refresh of the times could lose.
 */
export function stillChoosing(store: Store): boolean {
  const step = store.step.peek();
  return step === 'what' || step === 'when';
}
