import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { enLater } from './en-later.ts';
import { es } from './es.ts';
import { languageOf, resolveLocale } from './index.ts';

describe('the catalogues', () => {
  it('have the same keys and kinds in English (first screen and later steps) and Spanish', () => {
    const english = { ...en, ...enLater };
    expect(Object.keys(en).filter((key) => key in enLater)).toEqual([]);
    expect(Object.keys(es).sort()).toEqual(Object.keys(english).sort());
    for (const key of Object.keys(english) as (keyof typeof english)[])
      expect(typeof es[key]).toBe(typeof english[key]);
  });

  it('count in words', () => {
    expect(en.timesAvailable(12, 'Tuesday, December 3')).toBe('12 times available on Tuesday, December 3');
    expect(en.timesAvailable(1, 'Tuesday, December 3')).toBe('1 time available on Tuesday, December 3');
    expect(en.timesAvailable(0, 'Tuesday, December 3')).toBe('No availability on Tuesday, December 3');
    expect(es.timesAvailable(1, 'martes, 3 de diciembre')).toBe(
      '1 horario disponible el martes, 3 de diciembre',
    );
  });
});

describe('choosing the language', () => {
  it('takes the option, then the page, then the browser, else English', () => {
    expect(resolveLocale('es', 'en-US', ['en'])).toEqual({ language: 'es', intl: 'es' });
    expect(resolveLocale(undefined, 'es-MX', ['en'])).toEqual({ language: 'es', intl: 'es-MX' });
    expect(resolveLocale(undefined, '', ['fr-FR', 'es-ES'])).toEqual({ language: 'es', intl: 'es-ES' });
    expect(resolveLocale('fr', 'de', ['it'])).toEqual({ language: 'en', intl: 'en' });
    expect(resolveLocale('en_GB', null, [])).toEqual({ language: 'en', intl: 'en-GB' });
  });

  it("takes the browser's region for the same language when the chosen tag has none", () => {
    expect(resolveLocale(undefined, 'en', ['en-GB', 'en'])).toEqual({ language: 'en', intl: 'en-GB' });
    expect(resolveLocale('es', 'en', ['en-US', 'es-MX'])).toEqual({ language: 'es', intl: 'es-MX' });
    expect(resolveLocale('fr', 'de', ['it', 'en-AU'])).toEqual({ language: 'en', intl: 'en-AU' });
    // A region the host chose stays; another language's region is never borrowed.
    expect(resolveLocale('en-US', null, ['en-GB'])).toEqual({ language: 'en', intl: 'en-US' });
    expect(resolveLocale(undefined, 'en', ['fr-FR', 'de-DE'])).toEqual({ language: 'en', intl: 'en' });
  });

  it('reads the primary language of a tag', () => {
    expect(languageOf('ES-419')).toBe('es');
    expect(languageOf('english')).toBeNull();
    expect(languageOf(undefined)).toBeNull();
  });
});
