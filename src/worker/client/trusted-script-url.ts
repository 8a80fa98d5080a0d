/**
 * Pages that enforce Trusted Types (`require-trusted-types-for 'script'` in their CSP) refuse a
 * plain string wherever a script's URL is given: `new Worker(url)`, `script.src = url`, and, in a
 * worker started from a `blob:` (which inherits the page's policy), `importScripts(url)`. There
 * a script's URL must come from a named policy the page allows: ours is `clinic-scheduler`, so
 * such a page adds `trusted-types clinic-scheduler` (docs/embedding.md, CSP recipes).
 *
 * The policy vouches only for what this module is given: the URLs the worker client and the
 * fallback computed themselves (beside the widget's script, the host's `worker-url`, or the
 * client's own `blob:` bootstrap), and only http(s) and blob: ones. Nobody else holds it.
 */

/** The name a page's `trusted-types` directive must allow. */
const TRUSTED_TYPES_POLICY = 'clinic-scheduler';

interface ScriptUrlPolicy {
  createScriptURL(url: string): unknown;
}

interface TrustedTypesLike {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy;
}

/** `undefined` before the first use; `null` where there is no Trusted Types or no policy allowed. */
let policy: ScriptUrlPolicy | null | undefined;

/**
 * `url` as a page enforcing Trusted Types accepts it for a script (a TrustedScriptURL), or the
 * string itself where Trusted Types are not there. Typed as a string because every sink takes
 * either; the browser checks the difference.
 * @example new Worker(trustedScriptUrl(url))
 */
export function trustedScriptUrl(url: string): string {
  if (policy === undefined) policy = createPolicy();
  return policy === null ? url : (policy.createScriptURL(url) as string);
}

function createPolicy(): ScriptUrlPolicy | null {
  const trustedTypes = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes;
  if (trustedTypes === undefined) return null;
  try {
    return trustedTypes.createPolicy(TRUSTED_TYPES_POLICY, { createScriptURL: onlyScriptSchemes });
  } catch {
    // The page's `trusted-types` directive leaves us out (or a second copy of the widget took the
    // name). Where the page also enforces, the sink then refuses the string with the browser's
    // own message, and the client reports it (docs/embedding.md, troubleshooting).
    return null;
  }
}

function onlyScriptSchemes(url: string): string {
  if (/^(?:https?|blob):/i.test(url)) return url;
  throw new TypeError(`${url} is not an http(s) or blob: URL.`);
}

/**
 * The source of a `blob:` worker that loads `url`. The worker inherits the page's enforcement but
 * none of its policies, so it makes its own of the same name; where it cannot (no Trusted Types,
 * or not allowed) it passes the string, as the page does.
 */
export function bootstrapSource(url: string): string {
  const name = JSON.stringify(TRUSTED_TYPES_POLICY);
  return `const u=${JSON.stringify(url)};let s=u;try{s=trustedTypes.createPolicy(${name},{createScriptURL:()=>u}).createScriptURL(u)}catch{}importScripts(s);`;
}
