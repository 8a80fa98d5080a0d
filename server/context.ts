/**
 * What every route of one app shares: the database, the rules catalog, the clock, the message
 * transport. Decorated onto the Fastify instance as `app.clinic`.
 */
import type { SmartSettings } from './config.ts';
import type { Outbox } from './messages/outbox.ts';
import type { MessageTransport, PatientMessage } from './messages/transport.ts';
import type { RulesCatalog } from './rules/catalog.ts';
import type { Database } from './store/database.ts';

export interface ServerContext {
  db: Database;
  catalog: RulesCatalog;
  now: () => number;
  /** The clinic `/api` serves. */
  defaultClinic: string;
  /** Sends patients' messages after their transaction committed; null sends nothing. */
  transport: MessageTransport | null;
  /** Origins (besides the server's own) whose pages may call the staff endpoints with cookies. */
  adminOrigins: readonly string[];
  /** Sends and retries the messages of the outbox; null with no transport. */
  outbox: Outbox | null;
  /** Where the SMART Scheduling Links publication is served from; absent, it is not served. */
  smart?: SmartSettings;
}

declare module 'fastify' {
  interface FastifyInstance {
    clinic: ServerContext;
  }
  interface FastifyRequest {
    /** The clinic of the request's API base (`/api` or `/c/{clinicId}/api`), resolved before handlers. */
    clinicId: string;
    /** Where the clinic's API is mounted, for cookie paths. */
    apiBase: string;
  }
}

/**
 * Sends each message without holding up the answer: a slow or unreachable mail server never delays
 * a booking. A failed send is logged (its kind and the error's name, nothing of the message) and
 * retried later by the outbox.
 */
export function deliver(context: ServerContext, messages: PatientMessage[]): void {
  if (messages.length > 0) context.outbox?.deliver(messages);
}
