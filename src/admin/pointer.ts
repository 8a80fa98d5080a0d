/**
 * JSON Pointers (RFC 6901) and copy-on-write updates of a draft document: an edit copies only the
 * objects and arrays on the way to the changed value, so the engine's per-document caches see a
 * new document and unchanged branches stay shared.
 */

export type PathToken = string | number;

/** The JSON Pointer of a path (`~` and `/` escaped). */
export function toPointer(tokens: readonly PathToken[]): string {
  return tokens.map((token) => `/${String(token).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/** The tokens of a JSON Pointer (numeric tokens stay strings). */
export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The value at `tokens`, or undefined when the path does not exist. */
export function getAt(doc: unknown, tokens: readonly PathToken[]): unknown {
  let value = doc;
  for (const token of tokens) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[String(token)];
  }
  return value;
}

type Container = Record<string, unknown> | unknown[];

function copyOf(value: unknown, nextToken: PathToken): Container {
  if (Array.isArray(value)) return [...value];
  if (typeof value === 'object' && value !== null) return { ...(value as Record<string, unknown>) };
  return typeof nextToken === 'number' ? [] : {};
}

/**
 * A copy of `doc` where `update` replaced the value at `tokens` (missing containers are created;
 * `update` returning `undefined` deletes an object key or array element).
 */
export function updateAt(
  doc: unknown,
  tokens: readonly PathToken[],
  update: (value: unknown) => unknown,
): unknown {
  if (tokens.length === 0) return update(doc);
  const [head, ...rest] = tokens as [PathToken, ...PathToken[]];
  const copy = copyOf(doc, head);
  const next = updateAt((copy as Record<string, unknown>)[String(head)], rest, update);
  if (next === undefined) {
    if (Array.isArray(copy)) copy.splice(Number(head), 1);
    else delete copy[String(head)];
  } else if (Array.isArray(copy)) {
    copy[Number(head)] = next;
  } else {
    copy[String(head)] = next;
  }
  return copy;
}

/** A copy of `doc` with `value` at `tokens` (`undefined` deletes). */
export function setAt(doc: unknown, tokens: readonly PathToken[], value: unknown): unknown {
  return updateAt(doc, tokens, () => value);
}

/** A copy of `doc` with `value` appended to the array at `tokens` (created when missing). */
export function appendAt(doc: unknown, tokens: readonly PathToken[], value: unknown): unknown {
  return updateAt(doc, tokens, (list) => [...(Array.isArray(list) ? list : []), value]);
}
