/**
 * Picks the widget's language and hands out its message catalogue. English is in the page bundle
 * (the later steps' English in the later part, which adds it when it loads); other catalogues are
 * chunks of their own (`clinic-scheduler-es-*.mjs`), loaded only by pages that speak them.
 */
import { signal } from '@preact/signals';
import { en } from './en.ts';
import type { enLater } from './en-later.ts';
import type { Messages } from './messages.ts';

export type { Messages } from './messages.ts';
export type Language = 'en' | 'es';

/**
 * The catalogues by language, shared by every widget on the page: loaded, or `failed` (English
 * then stands in); absent while not loaded yet. English starts with the first screen's texts
 * only: the later steps' come with them (`addLaterEnglish`), and nothing else reads them.
 */
const catalogues = signal<Partial<Record<Language, Messages | 'failed'>>>({ en: en as Messages });

/** Completes the English catalogue with the later steps' texts, as the later part loads. */
export function addLaterEnglish(later: typeof enLater): void {
  catalogues.value = { ...catalogues.peek(), en: { ...en, ...later } };
}

/** The English catalogue as it stands (read reactively): the stand-in for any other language. */
export function english(): Messages {
  return catalogues.value.en as Messages;
}

/** The catalogue language for a BCP 47 tag, or `null` when we have none for it. */
export function languageOf(tag: string | null | undefined): Language | null {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'en' || primary === 'es' ? primary : null;
}

export interface ResolvedLocale {
  /** Which catalogue. */
  language: Language;
  /** The tag handed to `Intl` (keeps a region, e.g. `es-MX`, for its date and time formats). */
  intl: string;
}

/**
 * The `locale` option wins, then the page's `<html lang>`, then the browser's languages;
 * English when none of them is one we speak. A tag without a region (`en` on most pages) takes
 * the browser's region for that same language, so a British patient on an `en` page sees
 * 24-hour times and day-month dates, as their browser would show them.
 */
export function resolveLocale(
  option: string | undefined,
  pageLang: string | null | undefined,
  browserLangs: readonly string[],
): ResolvedLocale {
  for (const tag of [option, pageLang, ...browserLangs]) {
    const language = languageOf(tag);
    if (language && tag) return { language, intl: withBrowserRegion(intlTag(tag, language), browserLangs) };
  }
  return { language: 'en', intl: withBrowserRegion('en', browserLangs) };
}

/** `intl` itself when it names a region; else the first browser tag of its language that does. */
function withBrowserRegion(intl: string, browserLangs: readonly string[]): string {
  if (intl.includes('-')) return intl;
  for (const tag of browserLangs) {
    if (languageOf(tag) !== intl) continue;
    const canonical = intlTag(tag, intl);
    if (canonical.includes('-')) return canonical;
  }
  return intl;
}

function intlTag(tag: string, language: string): string {
  try {
    return Intl.getCanonicalLocales(tag.replace('_', '-'))[0] ?? language;
  } catch {
    return language;
  }
}

/**
 * The message catalogue for a language, read reactively: `null` while it loads (start it with
 * `loadCatalogue`), English when it could not be loaded.
 */
export function messagesFor(language: Language): Messages | null {
  const state = catalogues.value[language];
  return state === 'failed' ? english() : (state ?? null);
}

/**
 * The locale the widget can actually speak: English (dates and times too, so no sentence mixes
 * two languages) when the resolved language's catalogue could not be loaded. Reactive.
 */
export function speakable(locale: ResolvedLocale): ResolvedLocale {
  return catalogues.value[locale.language] === 'failed' ? { language: 'en', intl: 'en' } : locale;
}

/** One load per language for the whole page; a failed one is forgotten, so a later ask retries. */
const loads = new Map<Language, Promise<boolean>>();

/**
 * Loads a language's catalogue once per page; resolves `false` (and English stands in, with a
 * console warning for the site's developer) when it cannot be loaded. Asked again after a
 * failure, it tries again.
 */
export function loadCatalogue(language: Language): Promise<boolean> {
  let load = loads.get(language);
  if (load === undefined) {
    load = startLoading(language);
    loads.set(language, load);
  }
  return load;
}

/**
 * Asks again for every catalogue that could not be loaded (the network is back): English stands
 * in until one arrives, then the widget speaks it, whatever step the patient is on.
 */
export function retryFailedCatalogues(): void {
  for (const [language, state] of Object.entries(catalogues.peek()))
    if (state === 'failed') void loadCatalogue(language as Language);
}

async function startLoading(language: Language): Promise<boolean> {
  // Asked twice before English stands in for the whole visit: on a phone's flaky link the first
  // request is often the one that fails (a browser fetches a failed module again when asked again).
  const loaded = await fetchCatalogue(language)
    .catch(() => fetchCatalogue(language))
    .catch(() => null);
  catalogues.value = { ...catalogues.peek(), [language]: loaded ?? 'failed' };
  if (loaded === null) {
    loads.delete(language);
    console.warn(
      `[clinic-scheduler] ASSET_FAILED: the "${language}" messages (clinic-scheduler-${language}-*.mjs, beside the script) could not be loaded; showing English instead.`,
    );
  }
  return loaded !== null;
}

function fetchCatalogue(language: Language): Promise<Messages> {
  // English is in the page script (and may have grown since): never replaced by a load.
  if (language === 'en') return Promise.resolve(english());
  return import('./es.ts').then((module) => module.es);
}
