/**
 * What every route of one app shares: the database, the rules catalog, the clock, the message
 * transport. Decorated onto the Fastify instance as `app.clinic`.
 */
import type { FastifyRequest } from 'fastify';
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

/** Sends each message; a transport failure is logged (without the message) and never fails the request. */
export async function deliver(
  request: FastifyRequest,
  context: ServerContext,
  messages: PatientMessage[],
): Promise<boolean> {
  if (!context.transport || messages.length === 0) return false;
  let sent = true;
  for (const message of messages) {
    try {
      await context.transport.send(message);
    } catch (error) {
      sent = false;
      request.log.error(
        { kind: message.kind, err: { name: (error as Error)?.name } },
        'a patient message was not sent',
      );
    }
  }
  return sent;
}
