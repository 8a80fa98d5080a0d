/**
 * Stops retrying a rules document that keeps getting its worker killed: after `threshold` kills
 * in a row (timeouts or crashes) for one hash, jobs for it are refused at once, so a hostile or
 * pathological document cannot make the widget spin up worker after worker.
 */
export class CircuitBreaker {
  readonly #kills = new Map<string, number>();
  readonly #threshold: number;
  readonly #capacity: number;

  constructor(threshold = 3, capacity = 256) {
    this.#threshold = threshold;
    this.#capacity = capacity;
  }

  isOpen(key: string): boolean {
    return (this.#kills.get(key) ?? 0) >= this.#threshold;
  }

  /** A job for `key` was killed by its deadline or its worker crashed. */
  recordKill(key: string): void {
    const count = (this.#kills.get(key) ?? 0) + 1;
    this.#kills.delete(key);
    this.#kills.set(key, count);
    if (this.#kills.size > this.#capacity) {
      const oldest = this.#kills.keys().next().value;
      if (oldest !== undefined) this.#kills.delete(oldest);
    }
  }

  /** A job for `key` completed (with a result or a refusal): the run of kills is broken. */
  recordCompletion(key: string): void {
    if (!this.isOpen(key)) this.#kills.delete(key);
  }
}
