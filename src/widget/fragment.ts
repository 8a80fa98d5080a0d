/**
 * The page address's fragment as the widget reads it: `&`-separated `key=value` parameters
 * (`#ref=email&booking=TOKEN&type=checkup`), beside whatever else the host page keeps there.
 * The manage link (actions/open-manage.ts) and a reminder email's choice (link.ts) both live in it.
 */

/** The fragment's parts, without its `#` and without empty ones. */
export function fragmentParts(hash: string): string[] {
  return hash
    .replace(/^#/, '')
    .split('&')
    .filter((part) => part !== '');
}

/** The first value of `key` in the fragment when the whole of it matches `allowed`; else `undefined`. */
export function fragmentValue(hash: string, key: string, allowed: RegExp): string | undefined {
  const value = fragmentParts(hash)
    .find((part) => part.startsWith(`${key}=`))
    ?.slice(key.length + 1);
  return value !== undefined && allowed.test(value) ? value : undefined;
}
