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
 * Puts `cssTexts` into `root`, after the texts it already holds and before anything else adopted
 * there. Prefers adopted stylesheets; falls back to `<style>` elements stamped with `nonce` (when
 * given). A text already in `root` is not added again, so a later call may add more (the widget's
 * own CSS comes a task after the element's, src/embed/element.ts). `constructable` is for tests
 * of the fallback.
 */
export function adoptStyles(
  root: ShadowRoot,
  cssTexts: readonly string[],
  nonce?: string,
  constructable = supportsAdoptedSheets(root),
): void {
  if (constructable) {
    const ours = new Set(sheets.values());
    const held = root.adoptedStyleSheets.filter((sheet) => ours.has(sheet));
    const others = root.adoptedStyleSheets.filter((sheet) => !ours.has(sheet));
    const added = cssTexts.map(sheetFor).filter((sheet) => !held.includes(sheet));
    if (added.length > 0) root.adoptedStyleSheets = [...held, ...added, ...others];
    return;
  }
  const held = [...root.querySelectorAll<HTMLStyleElement>('style[data-cs-style]')];
  let after = held.at(-1) ?? null;
  for (const css of cssTexts) {
    if (held.some((style) => style.textContent === css)) continue;
    const style = root.ownerDocument.createElement('style');
    style.setAttribute('data-cs-style', '');
    if (nonce !== undefined && nonce !== '') style.nonce = nonce;
    style.textContent = css;
    root.insertBefore(style, after === null ? root.firstChild : after.nextSibling);
    after = style;
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
