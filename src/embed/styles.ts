/**
 * Styles inside the shadow root, never on the host page. Constructed stylesheets are shared by
 * every element on the page (one parse, however many widgets) and are not subject to the page's
 * `style-src`. Where they are missing, a `<style>` element carries the page's CSP nonce so a
 * policy with `style-src 'nonce-…'` still accepts it.
 */

/** One stylesheet per CSS text, shared by all shadow roots of this document. */
const sheets = new Map<string, CSSStyleSheet>();

/** Can this shadow root take constructed stylesheets? Exported for the fallback tests. */
export function supportsAdoptedSheets(root: ShadowRoot): boolean {
  return (
    'adoptedStyleSheets' in root &&
    typeof CSSStyleSheet === 'function' &&
    typeof CSSStyleSheet.prototype.replaceSync === 'function'
  );
}

/**
 * Puts `cssTexts` into `root`, in order. Prefers adopted stylesheets; falls back to `<style>`
 * elements stamped with `nonce` (when given). Safe to call again: it does nothing the second time.
 * `constructable` is for tests of the fallback.
 */
export function adoptStyles(
  root: ShadowRoot,
  cssTexts: readonly string[],
  nonce?: string,
  constructable = supportsAdoptedSheets(root),
): void {
  if (root.querySelector('style[data-cs-style]') !== null) return;
  if (constructable) {
    const wanted = cssTexts.map(sheetFor);
    const kept = root.adoptedStyleSheets.filter((sheet) => !wanted.includes(sheet));
    root.adoptedStyleSheets = [...wanted, ...kept];
    return;
  }
  const first = root.firstChild;
  for (const css of cssTexts) {
    const style = root.ownerDocument.createElement('style');
    style.setAttribute('data-cs-style', '');
    if (nonce !== undefined && nonce !== '') style.nonce = nonce;
    style.textContent = css;
    root.insertBefore(style, first);
  }
}

function sheetFor(css: string): CSSStyleSheet {
  let sheet = sheets.get(css);
  if (sheet === undefined) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    sheets.set(css, sheet);
  }
  return sheet;
}

/**
 * The CSP nonce to stamp on a fallback `<style>`: the element's own `nonce` attribute first,
 * then the nonce of the script that loaded us, then any nonced script on the page.
 */
export function findNonce(host: HTMLElement, loadingScriptNonce: string): string | undefined {
  return (
    nonceOf(host) ??
    (loadingScriptNonce.trim() === '' ? undefined : loadingScriptNonce.trim()) ??
    nonceOf(host.ownerDocument.querySelector<HTMLScriptElement>('script[nonce]'))
  );
}

/** Browsers hide a nonce from `getAttribute` once parsed under a CSP: the property keeps it. */
function nonceOf(element: HTMLElement | null): string | undefined {
  if (element === null) return undefined;
  const value = (element.nonce || element.getAttribute('nonce') || '').trim();
  return value === '' ? undefined : value;
}
