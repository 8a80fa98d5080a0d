/**
 * The demo's sample reminder email: what a clinic would send for the latest booking, with
 * reschedule and cancel links that carry the manage token in the URL fragment
 * (`/#booking=TOKEN&action=reschedule`), so it never reaches a server log or a `Referer` header;
 * the widget opens that action directly.
 */
import type { Booking, PatientDetails } from '../src/api/types.ts';
import type { RulesDocument } from '../src/engine/index.ts';
import { emailHtml, escapeHtml, messageParts } from './messages/compose.ts';
import type { PatientMessage } from './messages/transport.ts';

/** The latest message, as the page shows it. */
export interface SentEmail {
  message: { kind: PatientMessage['kind']; bookingId: string; manageToken: string; at: number };
  booking: Booking & { patient: PatientDetails };
  rules: unknown;
}

/** The page's view of a message the demo's outbox holds. */
export function sentEmail(message: PatientMessage | null): SentEmail | null {
  if (!message) return null;
  return {
    message: {
      kind: message.kind,
      bookingId: message.booking.id,
      manageToken: message.manageToken,
      at: message.at,
    },
    booking: message.booking,
    rules: message.rules,
  };
}

/** The whole HTML page for `sent` (or an explanation when nothing was booked yet). */
export function renderReminderEmail(sent: SentEmail | null): string {
  const body = sent ? renderMessage(sent) : renderNothingYet();
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Sample reminder email · Riverside Family Clinic demo</title>
<link rel="icon" href="/demo/logo.svg" type="image/svg+xml">
<link rel="stylesheet" href="/demo/email.css">
</head>
<body>
<aside class="demo-note" aria-label="About this demo"><p>Demo: this is the email the clinic would send for the
most recent booking. <a href="/">Back to the clinic website</a></p></aside>
${body}
</body>
</html>
`;
}

function renderNothingYet(): string {
  return `<main class="email">
<h1>No email yet</h1>
<p>Book an appointment on the <a href="/#book">clinic website</a>, then come back to this page to see
the confirmation email with its reschedule and cancel links.</p>
</main>`;
}

function renderMessage({ message, booking, rules }: SentEmail): string {
  // The page is a sample of the reminder the clinic sends, on the demo's own origin.
  const parts = messageParts(
    { kind: message.kind, manageToken: message.manageToken, rules, booking },
    { bookingPageUrl: '/', reminder: true },
  );
  const doc = (rules ?? {}) as Partial<RulesDocument>;
  return `<main class="email" aria-labelledby="subject">
<dl class="headers">
<dt>From</dt><dd>${escapeHtml(parts.clinic)} &lt;${escapeHtml(doc.clinic?.email ?? 'appointments@clinic.example')}&gt;</dd>
<dt>Subject</dt><dd id="subject">${escapeHtml(parts.subject)}</dd>
</dl>
${emailHtml(parts)}
</main>`;
}
