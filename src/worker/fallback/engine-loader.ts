/**
 * Loads the engine into the page for the degraded fallback. The page bundle never contains the
 * engine (size budget, no luxon): the fallback adds the worker bundle (`slots-worker.js`, or
 * `admin-worker.js` for an admin client) itself as a `<script>`, which outside a worker only
 * exposes its engine on `globalThis`. In Vite dev and Vitest the engine module is imported directly.
 */
import { ENGINE_GLOBALS, type WorkerFlavour } from '../engine-global.ts';
import type { MainThreadEngine } from '../protocol.ts';

/** How long the engine script may take to load before the fallback gives up. */
const LOAD_TIMEOUT_MS = 15_000;

/**
 * The `flavour` engine from `url` (that flavour's worker bundle), or from source when `url` is
 * null (dev). `nonce` is the page bundle's script nonce, for pages whose CSP asks for one. The
 * caller passes `url` through `trustedScriptUrl` (trusted-script-url.ts): a page has one policy
 * of that name, held by the page bundle, and in the classic build this file is a part of its own.
 */
export function loadEngine(
  url: string | null,
  flavour: WorkerFlavour = 'patient',
  nonce = '',
): Promise<MainThreadEngine> {
  const present = readGlobal(flavour);
  if (present !== null) return Promise.resolve(present);
  if (url === null) {
    // Dead code in production builds, so the engine never becomes a chunk of the page bundle.
    if (import.meta.env.DEV) {
      return flavour === 'admin'
        ? import('../inside/admin-engine.ts').then((m) => m.adminMainThreadEngine)
        : import('../inside/patient-engine.ts').then((m) => m.patientMainThreadEngine);
    }
    return Promise.reject(new Error('The slot engine file is unknown: set the workerUrl option.'));
  }
  return injectScript(url, nonce).then(() => {
    const engine = readGlobal(flavour);
    if (engine === null) throw new Error(`${url} loaded but did not expose the slot engine.`);
    return engine;
  });
}

/** The admin engine does all the patient's does, so a patient client takes either. */
function readGlobal(flavour: WorkerFlavour): MainThreadEngine | null {
  const names = flavour === 'admin' ? [ENGINE_GLOBALS.admin] : [ENGINE_GLOBALS.patient, ENGINE_GLOBALS.admin];
  for (const name of names) {
    const value = (globalThis as Record<string, unknown>)[name];
    if (typeof value === 'object' && value !== null) return value as MainThreadEngine;
  }
  return null;
}

function injectScript(url: string, nonce: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    const timer = setTimeout(
      () => settle(new Error(`${url} did not load within ${LOAD_TIMEOUT_MS} ms.`)),
      LOAD_TIMEOUT_MS,
    );
    const settle = (error: Error | null) => {
      clearTimeout(timer);
      script.onload = null;
      script.onerror = null;
      script.remove();
      if (error === null) resolve();
      else reject(error);
    };
    script.onload = () => settle(null);
    script.onerror = () => settle(new Error(`${url} could not be loaded as a script.`));
    script.src = url;
    script.async = true;
    if (nonce !== '') script.nonce = nonce;
    document.head.append(script);
  });
}
