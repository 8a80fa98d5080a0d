/** Picks the widget's language and hands out its message catalogue. */
import { en, type Messages } from './en.ts';
import { es } from './es.ts';

export type { Messages } from './en.ts';
export type Language = 'en' | 'es';

const catalogues: Record<Language, Messages> = { en, es };

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
 * English when none of them is one we speak.
 */
export function resolveLocale(
  option: string | undefined,
  pageLang: string | null | undefined,
  browserLangs: readonly string[],
): ResolvedLocale {
  for (const tag of [option, pageLang, ...browserLangs]) {
    const language = languageOf(tag);
    if (language && tag) return { language, intl: intlTag(tag, language) };
  }
  return { language: 'en', intl: 'en' };
}

function intlTag(tag: string, language: Language): string {
  try {
    return Intl.getCanonicalLocales(tag.replace('_', '-'))[0] ?? language;
  } catch {
    return language;
  }
}

/** The message catalogue for a language. */
export function messagesFor(language: Language): Messages {
  return catalogues[language];
}
