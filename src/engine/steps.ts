/**
 * Computations in bounded steps. A generator that pauses (`yield`) between steps and returns its
 * answer: the worker runs one to the end at once, the page's no-worker fallback runs the same one
 * with turns of the event loop between steps, so both compute the same answer the same way.
 */

/** A computation that pauses between its steps and returns a `T`. */
export type Steps<T> = Generator<void, T, void>;

/** Runs `steps` without pausing and returns the answer. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
