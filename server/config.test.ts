import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config.ts';

/** The sentence `readConfig` stops the start with, or null when it accepts `env`. */
function refusal(env: NodeJS.ProcessEnv): string | null {
  try {
    readConfig(env, '/srv/clinic');
    return null;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.message;
  }
}

const KEY = 'a shared outbox key of at least 32 characters';

describe('the server’s settings', () => {
  it('reads an empty environment as the documented defaults', () => {
    expect(readConfig({}, '/srv/clinic')).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: undefined,
      databasePoolSize: 10,
      dataDir: '/srv/clinic/data',
      defaultClinic: 'default',
      embedOrigins: '*',
      adminOrigins: [],
      demo: false,
      trustProxy: false,
      serverTiming: false,
      logLevel: 'info',
    });
  });

  it('reads a switch as 1 or true, 0 or false, and refuses any other spelling rather than read it as off', () => {
    expect(readConfig({ TRUST_PROXY: '1', DEMO: 'true' }).trustProxy).toBe(true);
    expect(readConfig({ TRUST_PROXY: 'TRUE' }).trustProxy).toBe(true);
    expect(readConfig({ SERVER_TIMING: '1' }).serverTiming).toBe(true);
    expect(readConfig({ TRUST_PROXY: '0', DEMO: 'false' })).toMatchObject({ trustProxy: false, demo: false });
    expect(refusal({ TRUST_PROXY: 'yes' })).toBe('TRUST_PROXY is 1 (on) or 0 (off); it is "yes".');
    expect(refusal({ DEMO: 'on' })).toBe('DEMO is 1 (on) or 0 (off); it is "on".');
  });

  it('names the variable and the value it refuses', () => {
    expect(refusal({ LOG_LEVEL: 'verbose' })).toBe(
      'LOG_LEVEL is one of fatal, error, warn, info, debug, trace, silent; it is "verbose".',
    );
    expect(refusal({ PORT: '80a' })).toBe('PORT must be a whole number from 0 to 65535; it is "80a".');
    expect(readConfig({ DATABASE_POOL_SIZE: '25' }).databasePoolSize).toBe(25);
    expect(refusal({ DATABASE_POOL_SIZE: '0' })).toBe(
      'DATABASE_POOL_SIZE must be a whole number from 1 to 1000; it is "0".',
    );
    expect(refusal({ ADMIN_ORIGINS: '*' })).toBe(
      'ADMIN_ORIGINS cannot be "*": name the origins of the admin pages.',
    );
    expect(refusal({ EMBED_ORIGINS: 'https://clinic.example/booking' })).toBe(
      'EMBED_ORIGINS: "https://clinic.example/booking" is not an origin; write it as https://clinic.example.',
    );
    expect(refusal({ DATABASE_URL: 'mysql://db/clinic' })).toBe(
      'DATABASE_URL must be a postgres:// or postgresql:// URL.',
    );
    expect(refusal({ DEFAULT_CLINIC: 'River Side' })).toBe(
      'DEFAULT_CLINIC is 1 to 63 lower-case letters, digits and hyphens.',
    );
    expect(refusal({ LOG_LEVEL: 'debug', TRUST_PROXY: 'true' })).toBeNull();
    expect(refusal({ REMINDER_HOURS: '24' })).toBe(
      'REMINDER_HOURS needs MESSAGE_KEY: a reminder waits in the database with its link sealed by that key, which every instance and the next start must have.',
    );
    expect(refusal({ REMINDER_HOURS: '337', MESSAGE_KEY: KEY })).toBe(
      'REMINDER_HOURS must be a whole number from 0 to 336; it is "337".',
    );
  });

  it('keeps past bookings unless told for how many days, and then for a week at the least', () => {
    expect(readConfig({}).patientDataDays).toBe(0);
    expect(readConfig({ PATIENT_DATA_DAYS: '90' }).patientDataDays).toBe(90);
    expect(refusal({ PATIENT_DATA_DAYS: '3' })).toBe(
      'PATIENT_DATA_DAYS is 0 (kept) or at least 7: a visit\'s booking stays a week after it at the least, for the clinic\'s follow-up; it is "3".',
    );
  });

  it('reminds a day before a visit when the outbox has a shared key, and not without one or when told not to', () => {
    expect(readConfig({}).reminderHours).toBe(0);
    expect(readConfig({ MESSAGE_KEY: KEY }).reminderHours).toBe(24);
    expect(readConfig({ MESSAGE_KEY: KEY, REMINDER_HOURS: '2' }).reminderHours).toBe(2);
    expect(readConfig({ MESSAGE_KEY: KEY, REMINDER_HOURS: '0' }).reminderHours).toBe(0);
  });

  it("backs up PGlite's folder daily into a folder of its own, keeping a week, and refuses folders that overlap", () => {
    expect(readConfig({}, '/srv/clinic').backup).toBeUndefined();
    expect(readConfig({ BACKUP_DIR: 'backups' }, '/srv/clinic').backup).toEqual({
      dir: '/srv/clinic/backups',
      intervalMs: 24 * 3_600_000,
      keep: 7,
      at: null,
    });
    expect(
      readConfig({ BACKUP_DIR: '/var/backups/clinic', BACKUP_HOURS: '6', BACKUP_KEEP: '28' }).backup,
    ).toEqual({
      dir: '/var/backups/clinic',
      intervalMs: 6 * 3_600_000,
      keep: 28,
      at: null,
    });
    // A folder beside the data folder whose name starts with the data folder's is not inside it.
    expect(refusal({ BACKUP_DIR: 'data-backups' })).toBeNull();
    expect(refusal({ BACKUP_DIR: 'data/backups' })).toBe(
      'BACKUP_DIR (/srv/clinic/data/backups) and DATA_DIR (/srv/clinic/data) must be separate folders, neither inside the other.',
    );
    expect(refusal({ BACKUP_DIR: '.' })).toBe(
      'BACKUP_DIR (/srv/clinic) and DATA_DIR (/srv/clinic/data) must be separate folders, neither inside the other.',
    );
    expect(refusal({ BACKUP_DIR: 'public/backups', DIST_DIR: 'public' })).toBe(
      'BACKUP_DIR (/srv/clinic/public/backups) is inside the served files; put the backups elsewhere.',
    );
    expect(refusal({ BACKUP_DIR: 'backups', DATABASE_URL: 'postgres://db/clinic' })).toBe(
      "BACKUP_DIR backs up PGlite's data folder; with DATABASE_URL, back up PostgreSQL with pg_dump (docs/deploy.md).",
    );
    // A timer cannot wait longer than about 24.8 days, so the interval stops at a week.
    expect(refusal({ BACKUP_DIR: 'backups', BACKUP_HOURS: '169' })).toBe(
      'BACKUP_HOURS must be a whole number from 1 to 168; it is "169".',
    );
    expect(refusal({ BACKUP_DIR: 'backups', BACKUP_KEEP: '0' })).toBe(
      'BACKUP_KEEP must be a whole number from 1 to 1000; it is "0".',
    );
  });

  it('backs up at a time of day in a zone when told, once a day', () => {
    expect(readConfig({ BACKUP_DIR: '/var/backups/clinic', BACKUP_AT: '03:00' }).backup?.at).toEqual({
      hour: 3,
      minute: 0,
      zone: 'UTC',
    });
    expect(
      readConfig({ BACKUP_DIR: '/var/backups/clinic', BACKUP_AT: '02:45', BACKUP_ZONE: 'America/New_York' })
        .backup?.at,
    ).toEqual({ hour: 2, minute: 45, zone: 'America/New_York' });
    expect(refusal({ BACKUP_DIR: '/var/backups/clinic', BACKUP_AT: '3am' })).toBe(
      'BACKUP_AT is a time of day like 03:00; it is "3am".',
    );
    expect(refusal({ BACKUP_DIR: '/var/backups/clinic', BACKUP_AT: '24:00' })).toBe(
      'BACKUP_AT is a time of day like 03:00; it is "24:00".',
    );
    expect(
      refusal({ BACKUP_DIR: '/var/backups/clinic', BACKUP_AT: '03:00', BACKUP_ZONE: 'Mars/Olympus' }),
    ).toBe('BACKUP_ZONE is a time zone such as America/New_York; it is "Mars/Olympus".');
    expect(refusal({ BACKUP_DIR: '/var/backups/clinic', BACKUP_AT: '03:00', BACKUP_HOURS: '6' })).toBe(
      'BACKUP_AT takes one backup a day: leave BACKUP_HOURS unset (or 24) with it.',
    );
  });
});
