/**
 * Opens a clinic server from its settings: the database (migrated), the default clinic and its
 * first rules, the old JSON store imported once, then the Fastify app. `main.ts` listens with it;
 * tests and the demo call it directly.
 */
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp } from './app.ts';
import { databaseOptions, type ServerConfig } from './config.ts';
import type { ServerContext } from './context.ts';
import {
  OUTBOX_DEFAULTS,
  Outbox,
  type OutboxSettings,
  outboxKey,
  remindEarlierBookings,
} from './messages/outbox.ts';
import { SmtpTransport } from './messages/smtp.ts';
import type { MessageTransport } from './messages/transport.ts';
import { RulesCatalog } from './rules/catalog.ts';
import { seedRules } from './rules/seed.ts';
import { scheduleBackups } from './store/backup.ts';
import { createClinic } from './store/clinics.ts';
import { type Database, openDatabase } from './store/database.ts';
import { pruneExpired } from './store/idempotency.ts';
import { importJsonStore } from './store/import-json.ts';
import { migrate } from './store/migrate.ts';
import { removePastBookings } from './store/retention.ts';

export interface OpenedServer {
  app: FastifyInstance;
  db: Database;
  context: ServerContext;
  /** Stops taking requests, finishes those in flight, closes the database. */
  close(): Promise<void>;
}

export interface OpenOverrides {
  logger?: FastifyServerOptions['logger'];
  now?: () => number;
  transport?: MessageTransport | null;
  /** An already open database (tests share one across apps). */
  db?: Database;
  extra?: (app: FastifyInstance) => Promise<void>;
  /** The outbox's retry settings (tests make them short). */
  outbox?: Partial<OutboxSettings>;
}

export async function openServer(config: ServerConfig, overrides: OpenOverrides = {}): Promise<OpenedServer> {
  const now = overrides.now ?? Date.now;
  const db = overrides.db ?? (await openDatabase(databaseOptions(config)));
  try {
    await migrate(db);
    await createClinic(db, config.defaultClinic, config.defaultClinicName, now());
    if (config.legacyJsonStore)
      await importJsonStore(db, config.defaultClinic, config.legacyJsonStore, now());
    if (config.rulesFile) await seedRules(db, config.defaultClinic, config.rulesFile, now());
  } catch (error) {
    if (!overrides.db) await db.close();
    throw error;
  }
  const smtp = overrides.transport === undefined && config.smtp ? new SmtpTransport(config.smtp) : null;
  const transport = overrides.transport ?? smtp;
  const catalog = new RulesCatalog(db, 1_000, now);
  let app: FastifyInstance | null = null;
  const outbox = transport
    ? new Outbox(
        db,
        transport,
        catalog,
        now,
        outboxKey(config.messageKey),
        {
          ...OUTBOX_DEFAULTS,
          reminderLeadMs: config.reminderHours > 0 ? config.reminderHours * 3_600_000 : null,
          ...overrides.outbox,
        },
        { error: (details, text) => app?.log.error(details, text) },
      )
    : null;
  const context: ServerContext = {
    db,
    catalog,
    now,
    defaultClinic: config.defaultClinic,
    transport,
    adminOrigins: config.adminOrigins,
    outbox,
    ...(config.smart ? { smart: config.smart } : {}),
  };
  app = await buildApp({
    context,
    logger: overrides.logger ?? { level: config.logLevel },
    embedOrigins: config.embedOrigins,
    clinicRequestsPerMinute: config.clinicRequestsPerMinute,
    clientRequestsPerMinute: config.clientRequestsPerMinute,
    trustProxy: config.trustProxy,
    serverTiming: config.serverTiming,
    ...(overrides.extra ? { extra: overrides.extra } : {}),
  });
  // Hourly, by any instance: expired idempotency records and sessions go, past bookings once kept
  // long enough, and bookings made before reminders were on get theirs.
  const remindEarlier = () =>
    outbox?.settings.remindEarlierBookings ? remindEarlierBookings(db, outbox, now()) : Promise.resolve(0);
  const prune = async () => {
    await pruneExpired(db, now());
    if (config.patientDataDays > 0) await removePastBookings(db, now() - config.patientDataDays * 86_400_000);
    await remindEarlier();
  };
  const pruning = setInterval(() => void prune().catch(() => undefined), 3_600_000);
  pruning.unref();
  await app.ready();
  outbox?.start();
  const reminding = remindEarlier().then(
    (written) => {
      if (written > 0)
        app?.log.info({ reminders: written }, 'reminders written for bookings made before reminders were on');
    },
    (error: unknown) => app?.log.error({ err: error }, 'reminders for earlier bookings not written'),
  );
  const opened = app;
  const backups = config.backup
    ? scheduleBackups(db, config.backup, now, {
        written: (backup) =>
          opened.log.info({ backup: backup.path, pausedMs: Math.round(backup.pausedMs) }, 'backup written'),
        failed: (error) => opened.log.error({ err: error }, 'backup failed; the earlier backups are kept'),
      })
    : null;
  return {
    app: opened,
    db,
    context,
    close: async () => {
      clearInterval(pruning);
      await opened.close();
      await reminding;
      await backups?.stop();
      // Sends under way finish (within the transport's timeouts); the rest wait in the outbox.
      await outbox?.stop();
      smtp?.close();
      if (!overrides.db) await db.close();
    },
  };
}
