/** Finished results by (kind, rules hashes, arguments), the most recent `capacity` of them. */
import { LruMap } from '../lru-map.ts';

export class ResultCache<T> extends LruMap<string, T> {
  constructor(capacity = 32) {
    super(capacity);
  }
}
