/**
 * Where the slot worker comes from. The widget's script is served from the vendor's origin but
 * runs on the clinic's page, and `new Worker(url)` refuses a URL on another origin; so:
 * - an explicit `workerUrl` on the page's origin (a self-hosted worker, for CSPs without `blob:`)
 *   is started directly;
 * - the default patient's worker on another origin than the page (`slots-worker.js` beside the
 *   widget's script on a CDN) is started from a same-origin `blob:` of its own text, which the
 *   built module carries (inline-worker.ts);
 * - any other worker URL on another origin (the host's `workerUrl`, or `admin-worker.js` for the
 *   admin flavour) is started through a same-origin `blob:` bootstrap that `importScripts()` it;
 * - on a page enforcing Trusted Types, each URL goes through our policy (trusted-script-url.ts);
 * - in Vite dev and Vitest (no built worker) the TypeScript entry is started as a module worker.
 */
import type { WorkerFlavour } from '../engine-global.ts';
import { handedOverScriptTag } from './script-tag.ts';
import { bootstrapSource, trustedScriptUrl } from './trusted-script-url.ts';

/** What the client needs from a Worker; a fake in unit tests. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: Event) => void): void;
  removeEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: Event) => void): void;
}

/**
 * The widget's own script, read while the module is first evaluated: the classic script's tag
 * when it loaded the module, else the module's own URL.
 */
const loadedFrom = captureScript();

function captureScript(): { src: string | null; nonce: string } {
  const tag = handedOverScriptTag();
  if (tag !== undefined) return tag;
  const moduleUrl: unknown = import.meta.url;
  if (typeof moduleUrl !== 'string' || !/^https?:/.test(moduleUrl)) return { src: null, nonce: '' };
  // A module has no currentScript: its nonce is on the `<script type="module">` that named it.
  const own =
    typeof document === 'undefined'
      ? undefined
      : [...document.scripts].find((script) => script.src === moduleUrl);
  return { src: moduleUrl, nonce: own?.nonce ?? '' };
}

/**
 * The URL the widget was loaded from (the classic script's, or the ES module's own); `null` in
 * Vite dev and tests, where the worker it looks for beside itself is not built.
 */
export function bundleUrl(): string | null {
  return import.meta.env.DEV ? null : loadedFrom.src;
}

/** The nonce of the widget's script tag, reused for a script the fallback injects. */
export function scriptNonce(): string {
  return loadedFrom.nonce;
}

/** The built file of each flavour, as `npm run build` names it in dist/. */
export const WORKER_FILES: Readonly<Record<WorkerFlavour, string>> = {
  patient: 'slots-worker.js',
  admin: 'admin-worker.js',
};

/**
 * The absolute URL of the built worker: `workerUrl` resolved against the page, else the flavour's
 * file (`slots-worker.js` or `admin-worker.js`) beside the widget's script. `null` when neither is
 * known (Vite dev, tests).
 */
export function resolveWorkerUrl(
  workerUrl: string | undefined,
  flavour: WorkerFlavour = 'patient',
): string | null {
  return pickWorkerUrl(
    workerUrl,
    bundleUrl(),
    typeof document === 'undefined' ? null : document.baseURI,
    flavour,
  );
}

/** `resolveWorkerUrl` without globals, for tests. */
export function pickWorkerUrl(
  workerUrl: string | undefined,
  scriptUrl: string | null,
  pageUrl: string | null,
  flavour: WorkerFlavour = 'patient',
): string | null {
  if (workerUrl !== undefined) return new URL(workerUrl, pageUrl ?? undefined).href;
  return scriptUrl === null ? null : besideScript(WORKER_FILES[flavour], scriptUrl).href;
}

/**
 * The URL of `file` beside the widget's script, with the script's query: a host that versions
 * its files by query (`clinic-scheduler.js?v=3`) and caches them for long must get the worker of
 * that same version, never a cached older one.
 */
export function besideScript(file: string, scriptUrl: string): URL {
  const url = new URL(file, scriptUrl);
  url.search = new URL(scriptUrl).search;
  return url;
}

/** A worker URL on another origin than the page must be started through a `blob:` bootstrap. */
export function needsBootstrap(workerUrl: string, pageOrigin: string): boolean {
  return new URL(workerUrl).origin !== pageOrigin;
}

/** Creates workers for one client; `dispose` frees the `blob:` URL it started them from. */
export interface WorkerSource {
  create(): WorkerLike;
  dispose(): void;
}

/**
 * A source of fresh workers for `url` (from `resolveWorkerUrl`); without a URL (dev), the
 * `flavour`'s entry from source. `text`, when given, is the worker's own code (inline-worker.ts):
 * where `url` is on another origin, the worker is started from a `blob:` of it instead of a
 * bootstrap that downloads `url`. On the page's own origin `url` is started directly all the same,
 * so that `worker-src 'self'` keeps sufficing there. Construction errors (CSP, SecurityError, no
 * Worker at all) are thrown by `create()`: the client falls back on them.
 */
export function workerSource(
  url: string | null,
  flavour: WorkerFlavour = 'patient',
  text: string | null = null,
): WorkerSource {
  let blobUrl: string | null = null;
  return {
    create() {
      if (typeof Worker === 'undefined') throw new Error('This browser has no Web Workers.');
      if (url === null) {
        // Dead code in production builds: there the URL of the built worker is always known.
        // Literal `new Worker(new URL(...))` expressions, so that Vite serves each entry in dev.
        if (import.meta.env.DEV) {
          return flavour === 'admin'
            ? new Worker(new URL('../inside/admin.worker.ts', import.meta.url), { type: 'module' })
            : new Worker(new URL('../inside/slots.worker.ts', import.meta.url), { type: 'module' });
        }
        throw new Error('The slot worker URL is unknown: set the workerUrl option.');
      }
      if (!needsBootstrap(url, location.origin)) return new Worker(trustedScriptUrl(url));
      blobUrl ??= URL.createObjectURL(new Blob([text ?? bootstrapSource(url)], { type: 'text/javascript' }));
      return new Worker(trustedScriptUrl(blobUrl));
    },
    dispose() {
      if (blobUrl !== null) URL.revokeObjectURL(blobUrl);
      blobUrl = null;
    },
  };
}
