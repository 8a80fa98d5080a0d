/**
 * The worker's memory of rules documents by hash, so the client can send a large document once
 * and refer to it by hash afterwards. Keeping the same object also lets the engine's own
 * per-document cache skip validating and compiling it again. Bounded: the least recently used
 * document is forgotten, and the client re-sends it when the worker answers RULES_NOT_LOADED.
 */
import { LruMap } from '../lru-map.ts';

export class RulesStore extends LruMap<string, unknown> {
  constructor(capacity = 4) {
    super(capacity);
  }
}
