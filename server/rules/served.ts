/**
 * The document widgets receive from `GET /rules`: the current saved rules as format version 2
 * requiring busy windows (`windowedRules`), with no booking in it. Its text and strong ETag depend
 * on the saved version only, so a booking never changes it: a browser or a shared cache keeps it
 * and revalidates it with a `304`, and the bookings come month by month from `GET /busy/{month}`
 * (`windows.ts`).
 */
import { gzipSync } from 'node:zlib';
import { windowedRules } from '../../src/api/rules-forms.ts';
import type { ServerContext } from '../context.ts';
import { etagOf, type LoadedRules } from './catalog.ts';

export interface ServedText {
  text: string;
  etag: string;
  /** The text gzipped, made the first time a client accepts it and kept with the text. */
  gzip(): Buffer;
}

/** Keyed by the catalog's loaded version: versions are immutable, and the catalog bounds how many it keeps. */
const servedByVersion = new WeakMap<LoadedRules, ServedText>();

export async function servedRules(context: ServerContext, clinicId: string): Promise<ServedText> {
  const current = await context.catalog.current(clinicId);
  let served = servedByVersion.get(current);
  if (!served) {
    served = servedText(windowedText(current.text, schemaUrl(context)));
    servedByVersion.set(current, served);
  }
  return served;
}

/**
 * `servedRules`' answer at once, when the catalog has the current version at hand and it has been
 * served before (`RulesCatalog.currentNow`); `undefined` otherwise, and `servedRules` answers.
 */
export function servedRulesNow(context: ServerContext, clinicId: string): ServedText | undefined {
  const current = context.catalog.currentNow(clinicId);
  return current && servedByVersion.get(current);
}

/** `text` with its ETag and a gzip made once, on first use. */
export function servedText(text: string): ServedText {
  let gzip: Buffer | undefined;
  return {
    text,
    etag: etagOf(text),
    gzip: () => {
      gzip ??= gzipSync(text);
      return gzip;
    },
  };
}

/**
 * Where this server serves the format's JSON Schema (`static.ts`, at its root whichever clinic):
 * absolute under `PUBLIC_BASE_URL` when set (which keeps a path prefix a proxy adds), else from
 * the root of the API's origin.
 */
function schemaUrl(context: ServerContext): string {
  return `${context.smart?.publicBaseUrl ?? ''}/schema/rules-v2.json`;
}

/** A stored text that is not JSON is served as it is: the widget reports it as unreadable. */
function windowedText(stored: string, schema: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return stored;
  }
  return JSON.stringify(windowedRules(parsed, schema));
}
