/**
 * The page address's fragment as the widget reads it: `&`-separated `key=value` parameters
 * (`#ref=email&booking=TOKEN&type=checkup`), beside whatever else the host page keeps there.
 * The manage link (actions/open-manage.ts), an earlier-time offer's link (actions/open-offer.ts)
 * and a reminder email's choice (link.ts) all live in it.
 */

/** What a manage or offer token may be: base64url and the other unreserved URL characters. */
export const LINK_TOKEN = /^[A-Za-z0-9._~-]{1,512}$/;

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

/**
 * `hash` without its manage token and the action that came with it, keeping whatever else the
 * host page keeps in its fragment.
 * @example hashWithoutToken('#ref=email&booking=abc') // '#ref=email'
 */
export function hashWithoutToken(hash: string): string {
  const rest = fragmentParts(hash).filter(
    (part) => !part.startsWith('booking=') && !part.startsWith('action='),
  );
  return rest.length === 0 ? '' : `#${rest.join('&')}`;
}

/**
 * `hash` without an offer's token (`offer=`), keeping whatever else the host page keeps there.
 * @example hashWithoutOffer('#offer=abc&ref=email') // '#ref=email'
 */
export function hashWithoutOffer(hash: string): string {
  const rest = fragmentParts(hash).filter((part) => !part.startsWith('offer='));
  return rest.length === 0 ? '' : `#${rest.join('&')}`;
}

/** Takes an offer's token out of the page's address, once the link has done its work. */
export function forgetOfferLink(location: { get(): string; set(hash: string): void }): void {
  const hash = location.get();
  const rest = hashWithoutOffer(hash);
  if (rest !== hash) location.set(rest);
}
