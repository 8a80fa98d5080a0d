/**
 * The widget's script tag, as the worker client needs it: its URL (the worker and the no-worker
 * fallback's script are found beside it, with its query) and its CSP nonce (reused for a script
 * the fallback injects). A module has no `document.currentScript`, so the classic script, which
 * imports the module, leaves its own tag here first (src/embed/classic.ts).
 */
export interface ScriptTag {
  src: string;
  nonce: string;
}

const HANDED_OVER = Symbol.for('clinic-scheduler.script-tag');

/** Called by the classic script while it runs: the first copy on a page keeps its tag. */
export function handOverScriptTag(tag: ScriptTag): void {
  const slot = globalThis as { [HANDED_OVER]?: ScriptTag };
  slot[HANDED_OVER] ??= tag;
}

/** The tag the classic script handed over, if the widget was loaded through it. */
export function handedOverScriptTag(): ScriptTag | undefined {
  return (globalThis as { [HANDED_OVER]?: ScriptTag })[HANDED_OVER];
}
