/**
 * The value kept under `key`, made on first use.
 * @example memo(cache, 'America/New_York', () => new Map()) // the same Map on every later call
 */
export function memo<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}
