/**
 * Sends patients' messages by SMTP (nodemailer), configured from the environment: `SMTP_URL`
 * (`smtps://user:password@mail.example:465`), `MAIL_FROM` and `BOOKING_PAGE_URL` (the clinic's page
 * with the widget, which the links open). Connections are pooled; a message that cannot be handed
 * to the mail server within the timeouts fails that message, never the booking.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { composeEmail } from './compose.ts';
import type { MessageTransport, PatientMessage } from './transport.ts';

export interface SmtpSettings {
  url: string;
  from: string;
  bookingPageUrl: string;
  /** Connection, greeting and socket timeouts. Default 5 s. */
  timeoutMs?: number;
}

export class SmtpTransport implements MessageTransport {
  private readonly mailer: Transporter;

  constructor(private readonly settings: SmtpSettings) {
    const timeout = settings.timeoutMs ?? 5_000;
    const url = new URL(settings.url);
    if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
      throw new Error('SMTP_URL must be an smtp:// or smtps:// URL.');
    }
    const secure = url.protocol === 'smtps:';
    this.mailer = nodemailer.createTransport({
      host: url.hostname,
      port: url.port ? Number(url.port) : secure ? 465 : 587,
      secure,
      ...(url.username
        ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
        : {}),
      pool: true,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      // Nothing about the conversation reaches a log: it holds patients' addresses.
      logger: false,
      debug: false,
    });
  }

  async send(message: PatientMessage): Promise<void> {
    const email = composeEmail(message, { bookingPageUrl: this.settings.bookingPageUrl });
    await this.mailer.sendMail({
      from: this.settings.from,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
    });
  }

  close(): void {
    this.mailer.close();
  }
}
