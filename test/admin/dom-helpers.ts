/**
 * Minimal DOM helpers for the admin's browser tests (plain DOM, so the test page loads no second
 * copy of Preact through a testing library).
 */

/** The input, select or textarea labelled `label` (by `aria-label` or a `<label for>`). */
export function field(root: ParentNode, label: string): HTMLInputElement {
  const byAria = [...root.querySelectorAll<HTMLElement>('[aria-label]')].find(
    (el) => el.getAttribute('aria-label') === label,
  );
  if (byAria) return byAria as HTMLInputElement;
  const tag = [...root.querySelectorAll('label')].find((el) => el.textContent?.trim() === label);
  const control = tag?.htmlFor ? document.getElementById(tag.htmlFor) : null;
  if (!control) throw new Error(`no field labelled "${label}"`);
  return control as HTMLInputElement;
}

/** The button (or tab) whose accessible text is `name`. */
export function button(root: ParentNode, name: string): HTMLButtonElement {
  const found = [...root.querySelectorAll<HTMLButtonElement>('button')].find(
    (el) => (el.getAttribute('aria-label') ?? el.textContent?.trim()) === name,
  );
  if (!found) throw new Error(`no button "${name}"`);
  return found;
}

export function text(root: ParentNode, testId: string): string {
  return root.querySelector(`[data-testid="${testId}"]`)?.textContent ?? '';
}

/** Types a value the way Preact's `onInput` sees it. */
export function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
