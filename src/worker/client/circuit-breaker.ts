/**
 * Stops retrying a rules document that keeps getting its worker killed: after `threshold` kills
 * in a row (timeouts or crashes) for one hash, jobs for it are refused at once, so a hostile or
 * pathological document cannot make the widget spin up worker after worker.
 */
import { LruMap } from '../lru-map.ts';

export class CircuitBreaker {
  /** Kills in a row by rules hash; the ones killed longest ago are forgotten past `capacity`. */
  readonly #kills: LruMap<string, number>;
  readonly #threshold: number;

  constructor(threshold = 3, capacity = 256) {
    this.#threshold = threshold;
    this.#kills = new LruMap(capacity);
  }

  isOpen(key: string): boolean {
    return (this.#kills.peek(key) ?? 0) >= this.#threshold;
  }

  /** A job for `key` was killed by its deadline or its worker crashed. */
  recordKill(key: string): void {
    this.#kills.set(key, (this.#kills.peek(key) ?? 0) + 1);
  }

  /** A job for `key` completed (with a result or a refusal): the run of kills is broken. */
  recordCompletion(key: string): void {
    if (!this.isOpen(key)) this.#kills.delete(key);
  }
}
