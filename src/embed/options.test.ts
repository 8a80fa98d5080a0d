import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalTimeZone, EMBED_OPTIONS, parseAttributes, parseHttpUrl } from './options.ts';

const page = 'https://clinic.example/book/index.html';

describe('parseAttributes', () => {
  it('turns every attribute into its option, resolving relative URLs against the page', () => {
    const parsed = parseAttributes(
      {
        'api-base': '/api/',
        'appointment-type': 'checkup',
        provider: 'dr-lee',
        date: '2024-02-29',
        locale: 'es-mx',
        'display-timezone': 'america/new_york',
        'worker-url': 'assets/slots-worker.js',
        mode: 'BOOK',
        theme: 'dark',
        'region-label': '  Riverside online booking ',
        history: 'None',
      },
      page,
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.options).toEqual({
      mode: 'book',
      apiBase: 'https://clinic.example/api',
      appointmentTypeId: 'checkup',
      providerId: 'dr-lee',
      date: '2024-02-29',
      locale: 'es-MX',
      displayTimezone: 'America/New_York',
      workerUrl: 'https://clinic.example/book/assets/slots-worker.js',
      regionLabel: 'Riverside online booking',
      history: 'none',
    });
  });

  it('reports a missing api-base in book mode as fatal', () => {
    const parsed = parseAttributes({}, page);
    expect(parsed.problems).toEqual([
      {
        code: 'MISSING_API_BASE',
        message: 'api-base is missing: booking needs the address of the clinic API.',
        fatal: true,
      },
    ]);
  });

  it('refuses javascript: and data: addresses instead of fetching them', () => {
    const parsed = parseAttributes(
      { 'api-base': 'javascript:alert(1)', 'worker-url': 'data:text/javascript,1' },
      page,
    );
    expect(parsed.options).toEqual({ mode: 'book' });
    expect(parsed.problems.map((p) => [p.code, p.fatal])).toEqual([
      ['INVALID_URL', true],
      ['INVALID_URL', false],
    ]);
    expect(parsed.problems[0]?.message).toBe('api-base "javascript:alert(1)" is not an http(s) address.');
  });

  it('falls back to book mode for an unknown mode, and says so', () => {
    const parsed = parseAttributes({ mode: 'edit', 'api-base': 'https://api.example' }, page);
    expect(parsed.options.mode).toBe('book');
    expect(parsed.problems).toEqual([
      { code: 'INVALID_MODE', message: 'mode "edit" is not one of book, preview; using book.', fatal: false },
    ]);
  });

  it('drops an impossible date and keeps the rest of the configuration', () => {
    const parsed = parseAttributes({ 'api-base': '/api', date: '2023-02-29' }, page);
    expect(parsed.options).toEqual({ mode: 'book', apiBase: 'https://clinic.example/api' });
    expect(parsed.problems).toEqual([
      {
        code: 'INVALID_DATE',
        message: 'date "2023-02-29" is not a calendar date in the form YYYY-MM-DD; showing today.',
        fatal: false,
      },
    ]);
  });

  it('drops an unknown time zone, a bad locale, a bad theme and a malformed id', () => {
    const parsed = parseAttributes(
      {
        'api-base': '/api',
        'display-timezone': 'Mars/Olympus_Mons',
        locale: 'not a locale!',
        theme: 'blue',
        provider: 'dr lee <script>',
        history: 'off',
      },
      page,
    );
    expect(parsed.options).toEqual({ mode: 'book', apiBase: 'https://clinic.example/api' });
    expect(parsed.problems.map((p) => p.code)).toEqual([
      'INVALID_ID',
      'INVALID_LOCALE',
      'INVALID_TIMEZONE',
      'INVALID_THEME',
      'INVALID_HISTORY',
    ]);
    expect(parsed.problems.at(-1)?.message).toBe('history "off" is not one of steps, none; using steps.');
    expect(parsed.problems.every((p) => !p.fatal)).toBe(true);
  });

  it('treats empty and blank attributes as absent', () => {
    const parsed = parseAttributes({ 'api-base': ' /api ', date: '   ', provider: '' }, page);
    expect(parsed).toEqual({
      options: { mode: 'book', apiBase: 'https://clinic.example/api' },
      problems: [],
    });
  });

  it('needs a rules object in preview mode and does not need an api-base there', () => {
    const rules = { version: 1 };
    expect(parseAttributes({ mode: 'preview' }, page, rules)).toEqual({
      options: { mode: 'preview', rules },
      problems: [],
    });
    expect(parseAttributes({ mode: 'preview' }, page).problems).toEqual([
      {
        code: 'MISSING_RULES',
        message: 'preview mode needs a rules document: set the element’s rules property.',
        fatal: true,
      },
    ]);
    expect(parseAttributes({ mode: 'preview' }, page, '{"version":1}').problems[0]?.code).toBe(
      'INVALID_RULES',
    );
  });
});

describe('canonicalTimeZone', () => {
  it('returns the browser’s name for a zone and refuses offsets and unknown names', () => {
    expect(canonicalTimeZone('utc')).toBe('UTC');
    expect(canonicalTimeZone('Europe/Madrid')).toBe('Europe/Madrid');
    expect(canonicalTimeZone('+02:00')).toBeUndefined();
    expect(canonicalTimeZone('Europe/Atlantis')).toBeUndefined();
  });
});

describe('parseHttpUrl', () => {
  it('keeps http(s) addresses and refuses credentials in them', () => {
    expect(parseHttpUrl('//cdn.example/w.js', page)).toBe('https://cdn.example/w.js');
    expect(parseHttpUrl('https://user:pw@api.example', page)).toBeUndefined();
    expect(parseHttpUrl('ftp://files.example', page)).toBeUndefined();
  });
});

describe('EMBED_OPTIONS', () => {
  it('is the attribute table of docs/embedding.md, row for row', () => {
    const docs = readFileSync(new URL('../../docs/embedding.md', import.meta.url), 'utf8');
    const section = docs.slice(docs.indexOf('## Attributes'), docs.indexOf('## The JavaScript API'));
    const rows = [...section.matchAll(/^\| `([a-z-]+)` \| `(\w+)` \|/gm)].map(([, attribute, key]) => ({
      attribute,
      key,
    }));
    expect(rows).toEqual(EMBED_OPTIONS.map(({ attribute, key }) => ({ attribute, key })));
  });
});
