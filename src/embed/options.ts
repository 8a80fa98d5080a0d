/**
 * Attribute parsing for `<clinic-scheduler>`: the raw strings a clinic pastes into its page
 * become validated widget options. A bad value never throws and never leaves a blank box: it is
 * reported as an `EmbedProblem` (a code, a sentence for the developer) and a safe default is used,
 * or, when nothing sensible can be shown, the problem is marked fatal so the element shows it.
 *
 * Dates and zones are checked without luxon on purpose: the page bundle must stay free of it.
 */
import { isCalendarDate } from '../civil-date.ts';
import type { WidgetOptions } from '../widget/options.ts';

/**
 * What one embed option is: its attribute in HTML, its key in `mount()`'s options, and how a
 * value (already trimmed, never empty) becomes a widget option. `parse` returns `undefined` for a
 * value it refused (after reporting it) or for an option the widget does not take. `styling`
 * marks what the element's CSS and style fallback read from the attribute itself.
 */
interface EmbedOption<Attribute extends string, Key extends string> {
  attribute: Attribute;
  key: Key;
  parse(value: string, context: ParseContext): unknown;
  styling?: true;
}

interface ParseContext {
  mode: WidgetOptions['mode'];
  baseUrl: string;
  report: Report;
}

function option<Attribute extends string, Key extends string>(
  attribute: Attribute,
  key: Key,
  parse: (value: string, context: ParseContext) => unknown,
  styling?: true,
): EmbedOption<Attribute, Key> {
  return styling ? { attribute, key, parse, styling } : { attribute, key, parse };
}

/**
 * Every option, in the order docs/embedding.md's attribute table lists them (a test holds the two
 * together). The element observes these attributes, `mount()` takes these keys, and an update
 * clears the keys whose value went away.
 */
export const EMBED_OPTIONS = [
  option('api-base', 'apiBase', (value, { mode, baseUrl, report }) => {
    const url = parseHttpUrl(value, baseUrl);
    if (url !== undefined) return url.replace(/\/+$/, '');
    report('INVALID_URL', `api-base "${value}" is not an http(s) address.`, mode === 'book');
    return undefined;
  }),
  option('appointment-type', 'appointmentTypeId', (value, { report }) =>
    parseId('appointment-type', value, report),
  ),
  option('provider', 'providerId', (value, { report }) => parseId('provider', value, report)),
  option('date', 'date', (value, { report }) => {
    if (isCalendarDate(value)) return value;
    report('INVALID_DATE', `date "${value}" is not a calendar date in the form YYYY-MM-DD; showing today.`);
    return undefined;
  }),
  option('locale', 'locale', (value, { report }) => {
    const canonical = canonicalLocale(value);
    if (canonical === undefined)
      report('INVALID_LOCALE', `locale "${value}" is not a language tag such as "en" or "es".`);
    return canonical;
  }),
  option('display-timezone', 'displayTimezone', (value, { report }) => {
    const canonical = canonicalTimeZone(value);
    if (canonical === undefined)
      report(
        'INVALID_TIMEZONE',
        `display-timezone "${value}" is not an IANA time zone such as "America/New_York"; using the patient's zone.`,
      );
    return canonical;
  }),
  option('worker-url', 'workerUrl', (value, { baseUrl, report }) => {
    const url = parseHttpUrl(value, baseUrl);
    if (url === undefined)
      report('INVALID_URL', `worker-url "${value}" is not an http(s) address; using the default worker.`);
    return url;
  }),
  option('mode', 'mode', (value, { report }) => parseMode(value, report)),
  option(
    'theme',
    'theme',
    (value, { report }) => {
      if (!isTheme(value))
        report(
          'INVALID_THEME',
          `theme "${value}" is not one of light, dark, auto; following the system setting.`,
        );
      return undefined;
    },
    true,
  ),
  option('region-label', 'regionLabel', (value) => value.slice(0, 200)),
  option('history', 'history', (value, { report }) => {
    const lower = value.toLowerCase();
    if (lower === 'steps' || lower === 'none') return lower;
    report('INVALID_HISTORY', `history "${value}" is not one of steps, none; using steps.`);
    return undefined;
  }),
  option('nonce', 'nonce', () => undefined, true),
] as const;

export type EmbedAttribute = (typeof EMBED_OPTIONS)[number]['attribute'];
export type EmbedOptionKey = (typeof EMBED_OPTIONS)[number]['key'];

/** The attributes the element observes, in the order they are documented. */
export const OBSERVED_ATTRIBUTES: readonly EmbedAttribute[] = EMBED_OPTIONS.map((entry) => entry.attribute);

/** Raw attribute values as read from the element (`null` when absent). */
export type RawAttributes = Partial<Record<EmbedAttribute, string | null>>;

export type EmbedProblemCode =
  | 'INVALID_MODE'
  | 'MISSING_API_BASE'
  | 'INVALID_URL'
  | 'INVALID_DATE'
  | 'INVALID_LOCALE'
  | 'INVALID_TIMEZONE'
  | 'INVALID_ID'
  | 'INVALID_THEME'
  | 'INVALID_HISTORY'
  | 'MISSING_RULES'
  | 'INVALID_RULES'
  | 'WIDGET_FAILED';

/** One configuration problem. `fatal` means the widget cannot be shown with this configuration. */
export interface EmbedProblem {
  code: EmbedProblemCode;
  message: string;
  fatal: boolean;
}

export interface ParsedOptions {
  options: WidgetOptions;
  problems: EmbedProblem[];
}

/** Where every configuration warning points (the section lists each code). */
export const TROUBLESHOOTING_LINK = 'docs/embedding.md#troubleshooting';

const MAX_ID_LENGTH = 200;
const MAX_ATTRIBUTE_LENGTH = 2048;
const ID_PATTERN = /^[\w.:@~-]+$/;

/**
 * Turns the element's attributes into widget options. `baseUrl` is the page's base URL (relative
 * `api-base` and `worker-url` values are resolved against it, as a browser resolves `href`).
 * `rules` is the element's `rules` property (used in preview mode).
 *
 * @example
 * parseAttributes({ 'api-base': '/api', date: '2024-02-30' }, 'https://clinic.example/book')
 * // → options { mode: 'book', apiBase: 'https://clinic.example/api' },
 * //   problems [{ code: 'INVALID_DATE', fatal: false, ... }]
 */
export function parseAttributes(raw: RawAttributes, baseUrl: string, rules?: unknown): ParsedOptions {
  const problems: EmbedProblem[] = [];
  const report: Report = (code, message, fatal = false) => {
    problems.push({ code, message, fatal });
  };
  // The mode first: it decides whether a bad or missing api-base is fatal.
  const mode = parseMode(clean(raw.mode), report);
  const options: WidgetOptions = { mode };
  const context: ParseContext = { mode, baseUrl, report };
  if (mode === 'book' && clean(raw['api-base']) === undefined) {
    report('MISSING_API_BASE', 'api-base is missing: booking needs the address of the clinic API.', true);
  }
  for (const entry of EMBED_OPTIONS) {
    if (entry.key === 'mode') continue;
    const value = clean(raw[entry.attribute]);
    if (value === undefined) continue;
    const parsed = entry.parse(value, context);
    if (parsed !== undefined) (options as unknown as Record<string, unknown>)[entry.key] = parsed;
  }
  if (mode === 'preview') {
    if (rules === undefined || rules === null) {
      report('MISSING_RULES', 'preview mode needs a rules document: set the element’s rules property.', true);
    } else if (typeof rules !== 'object' || Array.isArray(rules)) {
      report('INVALID_RULES', 'the rules property must be a rules document (a JSON object).', true);
    } else {
      options.rules = rules as WidgetOptions['rules'];
    }
  }
  return { options, problems };
}

/** The value of an attribute with whitespace trimmed, or `undefined` when absent or empty. */
function clean(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim().slice(0, MAX_ATTRIBUTE_LENGTH);
  return trimmed === '' ? undefined : trimmed;
}

type Report = (code: EmbedProblemCode, message: string, fatal?: boolean) => void;

function parseMode(value: string | undefined, report: Report): WidgetOptions['mode'] {
  if (value === undefined) return 'book';
  const lower = value.toLowerCase();
  if (lower === 'book' || lower === 'preview') return lower;
  report('INVALID_MODE', `mode "${value}" is not one of book, preview; using book.`);
  return 'book';
}

function parseId(name: string, value: string, report: Report): string | undefined {
  if (value.length <= MAX_ID_LENGTH && ID_PATTERN.test(value)) return value;
  report('INVALID_ID', `${name} "${value.slice(0, 40)}" is not an id from the clinic's rules; ignoring it.`);
  return undefined;
}

/**
 * Resolves `value` against `baseUrl` and accepts only http(s) results: `javascript:`, `data:`
 * and the like are refused rather than fetched or loaded as a worker.
 */
export function parseHttpUrl(value: string, baseUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value, baseUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  if (url.username !== '' || url.password !== '') return undefined;
  return url.href;
}

/** The canonical form of a BCP 47 tag (`es-mx` → `es-MX`), or `undefined` when it is not one. */
export function canonicalLocale(value: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(value)[0];
  } catch {
    return undefined;
  }
}

/**
 * The IANA name the browser knows `value` by (`utc` → `UTC`), or `undefined` when the browser
 * rejects it. Offsets such as `+02:00` are refused: they are not zones and have no DST rules.
 */
export function canonicalTimeZone(value: string): string | undefined {
  if (!/^[A-Za-z][\w/+-]*$/.test(value)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

function isTheme(value: string): boolean {
  return value === 'light' || value === 'dark' || value === 'auto';
}
