import { afterEach, describe, expect, it } from 'vitest';
import { adoptStyles, findNonce } from './styles.ts';

afterEach(() => {
  document.head.replaceChildren();
  document.body.replaceChildren();
});

function shadow(): ShadowRoot {
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  root.append(document.createElement('p'));
  return root;
}

describe('adoptStyles', () => {
  it('adopts one shared constructed sheet per CSS text, once per root', () => {
    const first = shadow();
    const second = shadow();
    adoptStyles(first, ['a {}', 'b {}']);
    adoptStyles(first, ['a {}', 'b {}']);
    adoptStyles(second, ['a {}', 'b {}']);
    expect(first.adoptedStyleSheets).toHaveLength(2);
    expect(second.adoptedStyleSheets[0]).toBe(first.adoptedStyleSheets[0]);
    expect(first.querySelector('style')).toBeNull();
  });

  it('falls back to <style> elements in order, first in the root, stamped with the nonce', () => {
    const root = shadow();
    adoptStyles(root, ['a { color: red }', 'b { color: blue }'], 'n0nce', false);
    adoptStyles(root, ['a { color: red }', 'b { color: blue }'], 'n0nce', false);
    const styles = [...root.querySelectorAll('style')];
    expect(styles.map((style) => [style.textContent, style.nonce])).toEqual([
      ['a { color: red }', 'n0nce'],
      ['b { color: blue }', 'n0nce'],
    ]);
    expect(root.firstChild).toBe(styles[0]);
    expect(document.head.querySelector('style')).toBeNull();
  });

  it('adds later texts after the earlier ones and before sheets adopted by others', () => {
    const root = shadow();
    const hosts = new CSSStyleSheet();
    adoptStyles(root, ['a {}']);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, hosts];
    adoptStyles(root, ['a {}', 'c {}']);
    const selectors = root.adoptedStyleSheets.map(
      (sheet) => (sheet.cssRules[0] as CSSStyleRule | undefined)?.selectorText ?? 'host',
    );
    expect(selectors).toEqual(['a', 'c', 'host']);
  });

  it('adds later texts as <style> elements after the earlier ones', () => {
    const root = shadow();
    adoptStyles(root, ['a { color: red }'], 'n0nce', false);
    adoptStyles(root, ['a { color: red }', 'c { color: green }'], 'n0nce', false);
    expect([...root.children].map((child) => child.textContent || child.tagName)).toEqual([
      'a { color: red }',
      'c { color: green }',
      'P',
    ]);
  });
});

describe('findNonce', () => {
  it('prefers the element’s nonce, then the loading script’s, then any nonced script', () => {
    const host = document.createElement('clinic-x');
    const other = document.createElement('script');
    other.setAttribute('nonce', 'from-page');
    document.head.append(other);
    expect(findNonce(host, '')).toBe('from-page');
    expect(findNonce(host, 'from-script')).toBe('from-script');
    host.setAttribute('nonce', 'own');
    expect(findNonce(host, 'from-script')).toBe('own');
  });

  it('finds none on a page without nonces', () => {
    expect(findNonce(document.createElement('div'), '')).toBeUndefined();
  });
});
