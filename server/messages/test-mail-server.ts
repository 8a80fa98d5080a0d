/**
 * A mail server on loopback for the message tests, one per test file: it keeps what it receives,
 * parsed, and refuses the next `refusals` recipients with 451 ("try again later"), as a busy mail
 * server does.
 */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll } from 'vitest';
import { startApi, type TempApi } from '../testing.ts';
import { SmtpTransport } from './smtp.ts';

export interface MailServer {
  /** What arrived, oldest first; a test empties it when it starts over. */
  received: ParsedMail[];
  /** Recipients still to refuse. */
  refusals: number;
  /** `smtp://127.0.0.1:{port}`, once the file's tests have begun. */
  readonly url: string;
}

export function useMailServer(): MailServer {
  let smtp: SMTPServer;
  let port = 0;
  const mail: MailServer = {
    received: [],
    refusals: 0,
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
  };
  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        if (mail.refusals > 0) {
          mail.refusals--;
          return callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
        }
        callback();
      },
      onData(stream, _session, done) {
        simpleParser(stream).then(
          (parsed) => {
            mail.received.push(parsed);
            done();
          },
          (error: Error) => done(error),
        );
      },
    });
    await new Promise<void>((done) => smtp.listen(0, '127.0.0.1', () => done()));
    port = (smtp.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((done) => smtp.close(() => done())));
  return mail;
}

/**
 * Runs `work` with the base of an instance of `ctx`'s server (clinic `clinicId`) that emails its
 * patients through `mail`, which is emptied first; the instance is closed after.
 */
export async function withMailingApi<T>(
  mail: MailServer,
  ctx: TempApi,
  work: (url: string) => Promise<T>,
  clinicId = ctx.api.clinicId,
): Promise<T> {
  mail.received = [];
  const transport = new SmtpTransport({
    url: mail.url,
    from: 'Riverside <appointments@clinic.example>',
    bookingPageUrl: 'https://clinic.example/book',
  });
  const api = await startApi(ctx.db, clinicId, ctx.api.clock, { transport });
  try {
    return await work(api.url);
  } finally {
    await api.close();
    transport.close();
  }
}
