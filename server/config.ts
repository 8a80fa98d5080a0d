/**
 * The server's settings, all from the environment (secrets included; nothing is read from a
 * committed file). `readConfig` refuses a bad value with a sentence naming the variable.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { IANAZone } from 'luxon';
import type { BackupSettings } from './store/backup.ts';
import type { OpenOptions } from './store/database.ts';

export interface ServerConfig {
  port: number;
  host: string;
  /** A PostgreSQL URL; absent: PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  /** Connections each instance keeps to PostgreSQL at most (`DATABASE_POOL_SIZE`); PGlite has one. */
  databasePoolSize: number;
  /** PGlite's folder (and nothing else's). */
  dataDir: string;
  /** Rules that seed a clinic that has none (the default clinic at first start). */
  rulesFile: string | undefined;
  /** The clinic `/api` serves; created at start when missing. */
  defaultClinic: string;
  defaultClinicName: string;
  embedOrigins: string[] | '*';
  adminOrigins: string[];
  /** Demo mode: the demo clinic website, the sample reminder email, a demo admin account. */
  demo: boolean;
  trustProxy: boolean;
  /** `Server-Timing` on every answer, the server's own time for it (`SERVER_TIMING`, for load tests). */
  serverTiming: boolean;
  clinicRequestsPerMinute: number;
  clientRequestsPerMinute: number;
  /** Serve the built files (`dist/`) and the admin page from this folder. */
  distDir: string | undefined;
  /** The old demo's JSON store, imported once into an empty database. */
  legacyJsonStore: string | undefined;
  logLevel: string;
  /**
   * Seals the manage tokens of messages waiting to be retried (`MESSAGE_KEY`, the same on every
   * instance); absent, each process has its own, and only it retries its messages.
   */
  messageKey: string | undefined;
  /** Hours before a visit its reminder is emailed; 0: none (`REMINDER_HOURS`). */
  reminderHours: number;
  /** Days after a visit its booking, with the patient's details, is removed; 0: kept (`PATIENT_DATA_DAYS`). */
  patientDataDays: number;
  /** Backups of PGlite's data folder while the server runs (`BACKUP_DIR`); absent: none. */
  backup: BackupSettings | undefined;
  /** Patients' messages by SMTP; absent, the server sends none (and says so in its answers). */
  smtp: { url: string; from: string; bookingPageUrl: string } | undefined;
  /** The SMART Scheduling Links publication (`{api}/smart/$bulk-publish`); absent: not served. */
  smart: SmartSettings | undefined;
}

export interface SmartSettings {
  /** The server's public origin (and path prefix, if any): the manifest's URLs start with it. */
  publicBaseUrl: string;
  /** The page with the widget that deep links open; `{clinic}` is replaced by the clinic's id. */
  bookingUrl: string;
  /** Days published from today, 1–366. */
  days: number;
  /** The publishing worker thread's deadline. */
  deadlineMs: number;
}

/** The built files `npm run build` writes, served when `DIST_DIR` is not set. */
export const DEFAULT_DIST_DIR = resolve(import.meta.dirname, '../dist');

/** pino's levels, from the most to the least severe; `silent` logs nothing. */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function readConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): ServerConfig {
  const list = (name: string, fallback: string): string[] | '*' => {
    const value = (env[name] ?? fallback).trim();
    if (value === '*') return '*';
    const origins = value
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    for (const origin of origins) {
      let parsed: URL;
      try {
        parsed = new URL(origin);
      } catch {
        throw new ConfigError(`${name}: "${origin}" is not an origin like https://clinic.example.`);
      }
      if (parsed.origin !== origin)
        throw new ConfigError(`${name}: "${origin}" is not an origin; write it as ${parsed.origin}.`);
    }
    return origins;
  };
  const number = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new ConfigError(`${name} must be a whole number from ${min} to ${max}; it is "${raw}".`);
    }
    return value;
  };
  // A switch written any other way (`yes`, `on`) is refused rather than read as off: TRUST_PROXY
  // left off behind a proxy would drop the staff cookie's Secure flag and rate-limit the proxy.
  const flag = (name: string): boolean => {
    const raw = (env[name] ?? '').trim().toLowerCase();
    if (raw === '1' || raw === 'true') return true;
    if (raw === '' || raw === '0' || raw === 'false') return false;
    throw new ConfigError(`${name} is 1 (on) or 0 (off); it is "${env[name]}".`);
  };
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL is one of ${LOG_LEVELS.join(', ')}; it is "${logLevel}".`);
  }
  const admin = list('ADMIN_ORIGINS', '');
  if (admin === '*')
    throw new ConfigError('ADMIN_ORIGINS cannot be "*": name the origins of the admin pages.');
  const defaultClinic = env.DEFAULT_CLINIC ?? 'default';
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(defaultClinic)) {
    throw new ConfigError('DEFAULT_CLINIC is 1 to 63 lower-case letters, digits and hyphens.');
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL.');
  }
  let smtp: ServerConfig['smtp'];
  if (env.SMTP_URL) {
    if (!/^smtps?:\/\//.test(env.SMTP_URL))
      throw new ConfigError('SMTP_URL must be an smtp:// or smtps:// URL.');
    if (!env.MAIL_FROM)
      throw new ConfigError(
        'MAIL_FROM is needed with SMTP_URL: the address patients see the messages come from.',
      );
    const page = env.BOOKING_PAGE_URL ?? '';
    if (!/^https?:\/\//.test(page)) {
      throw new ConfigError(
        'BOOKING_PAGE_URL is needed with SMTP_URL: the clinic page with the widget, which the messages link to.',
      );
    }
    smtp = { url: env.SMTP_URL, from: env.MAIL_FROM, bookingPageUrl: page };
  }
  const messageKey = env.MESSAGE_KEY || undefined;
  if (messageKey !== undefined && messageKey.length < 32) {
    throw new ConfigError(
      'MESSAGE_KEY must be at least 32 characters (for example `openssl rand -base64 32`), the same on every instance.',
    );
  }
  // A reminder waits in the database for days with its link sealed: by a key every instance has,
  // and the next process too, or it would never be sent.
  const reminderHours = number('REMINDER_HOURS', messageKey ? 24 : 0, 0, 336);
  if (reminderHours > 0 && !messageKey) {
    throw new ConfigError(
      'REMINDER_HOURS needs MESSAGE_KEY: a reminder waits in the database with its link sealed by that key, which every instance and the next start must have.',
    );
  }
  const patientDataDays = number('PATIENT_DATA_DAYS', 0, 0, 36_500);
  if (patientDataDays > 0 && patientDataDays < 7) {
    throw new ConfigError(
      `PATIENT_DATA_DAYS is 0 (kept) or at least 7: a visit's booking stays a week after it at the least, for the clinic's follow-up; it is "${env.PATIENT_DATA_DAYS}".`,
    );
  }
  const dataDir = resolve(cwd, env.DATA_DIR ?? 'data');
  const distDir = env.DIST_DIR ? resolve(cwd, env.DIST_DIR) : undefined;
  let backup: BackupSettings | undefined;
  if (env.BACKUP_DIR) {
    const dir = resolve(cwd, env.BACKUP_DIR);
    if (databaseUrl) {
      throw new ConfigError(
        "BACKUP_DIR backs up PGlite's data folder; with DATABASE_URL, back up PostgreSQL with pg_dump (docs/deploy.md).",
      );
    }
    if (isWithin(dir, dataDir) || isWithin(dataDir, dir)) {
      throw new ConfigError(
        `BACKUP_DIR (${dir}) and DATA_DIR (${dataDir}) must be separate folders, neither inside the other.`,
      );
    }
    // The served folder would hand every patient's details to whoever asks for the path.
    if (isWithin(dir, distDir ?? DEFAULT_DIST_DIR)) {
      throw new ConfigError(`BACKUP_DIR (${dir}) is inside the served files; put the backups elsewhere.`);
    }
    const intervalMs = number('BACKUP_HOURS', 24, 1, 168) * 3_600_000;
    let at: BackupSettings['at'] = null;
    if (env.BACKUP_AT) {
      const time = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(env.BACKUP_AT);
      if (!time) throw new ConfigError(`BACKUP_AT is a time of day like 03:00; it is "${env.BACKUP_AT}".`);
      if (intervalMs !== 24 * 3_600_000) {
        throw new ConfigError('BACKUP_AT takes one backup a day: leave BACKUP_HOURS unset (or 24) with it.');
      }
      const zone = env.BACKUP_ZONE || 'UTC';
      if (!IANAZone.isValidZone(zone)) {
        throw new ConfigError(`BACKUP_ZONE is a time zone such as America/New_York; it is "${zone}".`);
      }
      at = { hour: Number(time[1]), minute: Number(time[2]), zone };
    }
    backup = { dir, intervalMs, keep: number('BACKUP_KEEP', 7, 1, 1_000), at };
  }
  let smart: SmartSettings | undefined;
  if (env.PUBLIC_BASE_URL) {
    const base = readHttpUrl(env.PUBLIC_BASE_URL, false);
    if (!base) {
      throw new ConfigError(
        `PUBLIC_BASE_URL must be an http(s) URL with no query or fragment, like https://booking.clinic.example; it is "${env.PUBLIC_BASE_URL}".`,
      );
    }
    const publicBaseUrl = base.href.replace(/\/+$/, '');
    const bookingText = env.SMART_BOOKING_URL || smtp?.bookingPageUrl || `${publicBaseUrl}/`;
    if (!readHttpUrl(bookingText.replaceAll('{clinic}', 'clinic'), true)) {
      throw new ConfigError(
        `SMART_BOOKING_URL must be an http(s) URL with no fragment (the deep links add one); it is "${bookingText}".`,
      );
    }
    smart = {
      publicBaseUrl,
      bookingUrl: bookingText,
      days: number('SMART_DAYS', 28, 1, 366),
      deadlineMs: number('SMART_DEADLINE_MS', 30_000, 1, 600_000),
    };
  }
  return {
    port: number('PORT', 8080, 0, 65_535),
    host: env.HOST ?? '127.0.0.1',
    databaseUrl,
    databasePoolSize: number('DATABASE_POOL_SIZE', 10, 1, 1_000),
    dataDir,
    rulesFile: env.RULES_FILE ? resolve(cwd, env.RULES_FILE) : undefined,
    defaultClinic,
    defaultClinicName: env.DEFAULT_CLINIC_NAME ?? 'Clinic',
    embedOrigins: list('EMBED_ORIGINS', '*'),
    adminOrigins: admin,
    demo: flag('DEMO'),
    trustProxy: flag('TRUST_PROXY'),
    serverTiming: flag('SERVER_TIMING'),
    clinicRequestsPerMinute: number('RATE_LIMIT_PER_CLINIC', 6_000, 1, 10_000_000),
    clientRequestsPerMinute: number('RATE_LIMIT_PER_CLIENT', 1_200, 1, 10_000_000),
    distDir,
    legacyJsonStore: env.IMPORT_JSON_STORE ? resolve(cwd, env.IMPORT_JSON_STORE) : undefined,
    logLevel,
    messageKey,
    reminderHours,
    patientDataDays,
    backup,
    smtp,
    smart,
  };
}

/** An absolute http(s) URL without a fragment (and without a query unless `allowQuery`), or null. */
function readHttpUrl(text: string, allowQuery: boolean): URL | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.hash || text.includes('#') || (!allowQuery && url.search)) return null;
  return url;
}

/** Whether the folder `inner` is `outer` or inside it. */
function isWithin(inner: string, outer: string): boolean {
  const path = relative(outer, inner);
  return !isAbsolute(path) && path !== '..' && !path.startsWith(`..${sep}`);
}

/** The database the settings name, as `openDatabase` takes it: the server and the CLIs open the same. */
export function databaseOptions(config: ServerConfig): OpenOptions {
  return { url: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize };
}
