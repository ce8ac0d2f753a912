/**
 * `compute` remembered by key, the oldest result forgotten past `limit`: for values derived from
 * stored text (parsed calendars, checked rules). Key by content, so an edit is a new key.
 */
export function boundedMemo<A extends unknown[], V>(limit: number, keyOf: (...args: A) => string, compute: (...args: A) => V): (...args: A) => V {
  const cache = new Map<string, V>();
  return (...args) => {
    const key = keyOf(...args);
    if (cache.has(key)) return cache.get(key)!;
    const value = compute(...args);
    if (cache.size >= limit) cache.delete(cache.keys().next().value!);
    cache.set(key, value);
    return value;
  };
}
