import { describe, expect, it } from 'vitest';
import { LruMap } from '../lru-map.ts';
import { CircuitBreaker } from './circuit-breaker.ts';

describe('the circuit breaker', () => {
  it('opens after the threshold of kills in a row, and a completion before it resets the run', () => {
    const breaker = new CircuitBreaker(3);
    breaker.recordKill('a');
    breaker.recordKill('a');
    breaker.recordCompletion('a');
    breaker.recordKill('a');
    breaker.recordKill('a');
    expect(breaker.isOpen('a')).toBe(false);
    breaker.recordKill('a');
    expect(breaker.isOpen('a')).toBe(true);
    // Once open it stays open: a refusal is not a completion that could close it.
    breaker.recordCompletion('a');
    expect(breaker.isOpen('a')).toBe(true);
    expect(breaker.isOpen('b')).toBe(false);
  });

  it('forgets the documents killed longest ago past its capacity (a check does not refresh one)', () => {
    const breaker = new CircuitBreaker(1, 2);
    breaker.recordKill('a');
    breaker.recordKill('b');
    expect(breaker.isOpen('a')).toBe(true);
    breaker.recordKill('c');
    expect([breaker.isOpen('a'), breaker.isOpen('b'), breaker.isOpen('c')]).toEqual([false, true, true]);
  });
});

describe('the LRU map', () => {
  it('drops the least recently used entry first, and forgets a deleted one', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    expect(map.get('a')).toBe(1);
    map.set('c', 3);
    expect([map.has('a'), map.has('b'), map.has('c')]).toEqual([true, false, true]);
    expect(map.peek('b')).toBeUndefined();
    map.set('b', 2);
    expect(map.peek('c')).toBe(3); // a peek leaves c the oldest, so the next set drops it
    map.set('d', 4);
    expect([map.has('b'), map.has('c'), map.has('d')]).toEqual([true, false, true]);
    map.delete('b');
    expect([map.has('b'), map.has('d')]).toEqual([false, true]);
    map.clear();
    expect(map.has('d')).toBe(false);
  });
});
