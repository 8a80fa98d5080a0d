/**
 * What every route of one app shares: the database, the rules catalog, the clock, the message
 * transport. Decorated onto the Fastify instance as `app.clinic`.
 */
import type { FastifyRequest } from 'fastify';
import type { SmartSettings } from './config.ts';
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
  /** Messages being sent: a stopping server waits for them. */
  sending: Set<Promise<void>>;
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
 * a booking. A failure is logged (its kind and the error's name, nothing of the message).
 */
export function deliver(request: FastifyRequest, context: ServerContext, messages: PatientMessage[]): void {
  const transport = context.transport;
  if (!transport || messages.length === 0) return;
  const sending = (async () => {
    for (const message of messages) {
      try {
        await transport.send(message);
      } catch (error) {
        request.log.error(
          { kind: message.kind, err: { name: (error as Error)?.name } },
          'a patient message was not sent',
        );
      }
    }
  })();
  context.sending.add(sending);
  void sending.finally(() => context.sending.delete(sending));
}
