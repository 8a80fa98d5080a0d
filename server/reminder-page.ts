/**
 * The demo's sample reminder email: what a clinic would send for the latest booking, with
 * reschedule and cancel links that carry the manage token in the URL fragment
 * (`/#booking=TOKEN&action=reschedule`), so it never reaches a server log or a `Referer` header;
 * the widget opens that action directly.
 */
import { DateTime } from 'luxon';
import type { Booking, PatientDetails } from '../src/api/types.ts';
import type { RulesDocument } from '../src/engine/index.ts';
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
  const doc = (rules ?? {}) as Partial<RulesDocument>;
  const clinic = doc.clinic?.name ?? 'Your clinic';
  const phone = doc.clinic?.phone;
  const type = doc.appointmentTypes?.find((t) => t.id === booking.appointmentTypeId);
  const provider = doc.providers?.find((p) => p.id === booking.providerId);
  const location = doc.locations?.find((l) => l.id === booking.locationId);
  // The visit's zone is its provider's, as the widget shows it (a video visit has no location of
  // its own, but its provider still works in theirs).
  const home = doc.locations?.find((l) => l.id === provider?.locationId);
  const zone = provider?.timezone ?? home?.timezone ?? doc.timezone ?? 'UTC';
  const start = DateTime.fromMillis(booking.start, { zone }).setLocale('en-US');
  const when = `${start.toFormat('cccc, LLLL d, yyyy')} at ${start.toFormat('h:mm a')} (${start.toFormat('ZZZZZ')})`;
  const where =
    booking.mode === 'video'
      ? 'Video visit: the link to join arrives by email 15 minutes before.'
      : location
        ? `${location.name}${location.address ? `, ${location.address}` : ''}`
        : 'At the clinic';
  const link = `/#booking=${encodeURIComponent(message.manageToken)}`;
  const firstName = booking.patient.name.split(/\s+/)[0] ?? '';
  const cancelled = booking.status === 'cancelled';
  const subject = cancelled
    ? `Your appointment on ${start.toFormat('LLLL d')} is cancelled`
    : message.kind === 'rescheduled'
      ? `Your appointment has moved to ${start.toFormat('LLLL d')}`
      : `Reminder: your appointment on ${start.toFormat('LLLL d')}`;
  // The widget reads the visit and the provider from the fragment (src/widget/link.ts).
  const again = `/#type=${encodeURIComponent(booking.appointmentTypeId)}&provider=${encodeURIComponent(booking.providerId)}`;
  const actions = cancelled
    ? `<p class="actions"><a class="button" href="${escapeHtml(again)}">Book a new time</a></p>`
    : `<p class="actions"><a class="button" href="${escapeHtml(`${link}&action=reschedule`)}">Reschedule</a>
<a class="button secondary" href="${escapeHtml(`${link}&action=cancel`)}">Cancel appointment</a></p>
<p class="small">These links open your booking. Please don't forward this email: anyone with the links can change it.
They stop working after the appointment.</p>`;
  return `<main class="email" aria-labelledby="subject">
<dl class="headers">
<dt>From</dt><dd>${escapeHtml(clinic)} &lt;${escapeHtml(doc.clinic?.email ?? 'appointments@clinic.example')}&gt;</dd>
<dt>Subject</dt><dd id="subject">${escapeHtml(subject)}</dd>
</dl>
<h1>${escapeHtml(clinic)}</h1>
<p>Hello ${escapeHtml(firstName)},</p>
<p>${cancelled ? 'Your appointment has been cancelled:' : 'This is a reminder of your upcoming appointment:'}</p>
<table class="details">
<tr><th scope="row">Visit</th><td>${escapeHtml(type?.name ?? booking.appointmentTypeId)}</td></tr>
<tr><th scope="row">With</th><td>${escapeHtml(provider?.name ?? booking.providerId)}</td></tr>
<tr><th scope="row">When</th><td>${escapeHtml(when)}</td></tr>
<tr><th scope="row">Where</th><td>${escapeHtml(where)}</td></tr>
</table>
${actions}
${phone ? `<p>Questions? Call us at <a href="tel:${escapeHtml(phone.replace(/\s+/g, ''))}">${escapeHtml(phone)}</a>.</p>` : ''}
</main>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
