/**
 * The messages the clinic sends a patient (booked, moved, cancelled, the reminder before the
 * visit) as an email: a subject, a plain-text body and an HTML body. They hold what that patient
 * needs and no more: the visit, the provider, when and where, the clinic's phone, and the links
 * that open their booking (the token in the URL fragment). Never the birth date, the phone number
 * or the reason for the visit.
 */
import { DateTime } from 'luxon';
import type { RulesDocument } from '../../src/engine/index.ts';
import type { PatientMessage } from './transport.ts';

export interface ComposedEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface ComposeOptions {
  /** The clinic's page with the widget, e.g. `https://clinic.example/book`; links add a fragment. */
  bookingPageUrl: string;
  /** Worded as the reminder before the visit (as a `reminder` message is), not as a change's answer. */
  reminder?: boolean;
}

/** What a message needs of its booking: no id, token hash or anything else of the store's. */
export type MessageInput = Pick<PatientMessage, 'kind' | 'manageToken' | 'rules' | 'offer'> & {
  booking: Pick<
    PatientMessage['booking'],
    'appointmentTypeId' | 'providerId' | 'start' | 'status' | 'mode'
  > & {
    locationId?: string | undefined;
    patient: { name: string; email: string };
  };
};

/** What a message says, before it is written as text or HTML. */
export interface MessageParts {
  clinic: string;
  phone: string | undefined;
  greeting: string;
  subject: string;
  lead: string;
  details: [label: string, value: string][];
  /** `[label, href]`: reschedule and cancel, or book the same visit again once cancelled. */
  links: [label: string, href: string][];
  footnote: string | null;
}

/**
 * Where a video visit happens. The link to join comes from the clinic's own video service, not
 * from this server, so the message promises no time for it.
 */
const VIDEO_WHERE = 'Video visit: the clinic sends you the link to join before your appointment.';

export function messageParts(message: MessageInput, options: ComposeOptions): MessageParts {
  if (message.kind === 'offer' && message.offer) return offerParts(message, message.offer, options);
  const { booking } = message;
  const doc = (message.rules ?? {}) as Partial<RulesDocument>;
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
      ? VIDEO_WHERE
      : location
        ? `${location.name}${location.address ? `, ${location.address}` : ''}`
        : 'At the clinic';
  const page = options.bookingPageUrl.split('#')[0] ?? '';
  const cancelled = booking.status === 'cancelled';
  const reminder = message.kind === 'reminder' || options.reminder === true;
  const day = start.toFormat('LLLL d');
  const subject = cancelled
    ? `Your appointment on ${day} is cancelled`
    : reminder
      ? `Reminder: your appointment on ${day}`
      : message.kind === 'rescheduled' || message.kind === 'clinic-moved'
        ? `Your appointment has moved to ${day}`
        : `Your appointment on ${day} is booked`;
  const manage = `${page}#booking=${encodeURIComponent(message.manageToken)}`;
  // A message about what the clinic did (staff moved or cancelled the visit), or a reminder of a
  // booking made before reminders were on: the manage token, stored only as a hash, cannot be given
  // again, so the message has no links to the booking.
  const linkless = message.manageToken === '';
  // The widget reads the visit and the provider from the fragment (src/widget/link.ts).
  const again = `${page}#type=${encodeURIComponent(booking.appointmentTypeId)}&provider=${encodeURIComponent(booking.providerId)}`;
  return {
    clinic: oneLine(doc.clinic?.name ?? 'Your clinic'),
    phone: doc.clinic?.phone,
    greeting: `Hello ${oneLine(booking.patient.name.split(/\s+/)[0] ?? '')},`,
    subject: oneLine(subject),
    lead: cancelled
      ? message.kind === 'clinic-cancelled'
        ? 'The clinic has cancelled your appointment:'
        : 'Your appointment has been cancelled:'
      : reminder
        ? 'This is a reminder of your upcoming appointment:'
        : message.kind === 'rescheduled'
          ? 'Your appointment has moved. The new time:'
          : message.kind === 'clinic-moved'
            ? 'The clinic has moved your appointment. The new time:'
            : 'Your appointment is booked:',
    details: [
      ['Visit', oneLine(type?.name ?? booking.appointmentTypeId)],
      ['With', oneLine(provider?.name ?? booking.providerId)],
      ['When', when],
      ['Where', oneLine(where)],
    ],
    // The widget opens the action a link names (`&action=`, src/widget/fragment.ts).
    links: cancelled
      ? [['Book a new time', again]]
      : linkless
        ? []
        : [
            ['Reschedule', `${manage}&action=reschedule`],
            ['Cancel appointment', `${manage}&action=cancel`],
          ],
    footnote: cancelled
      ? message.kind === 'clinic-cancelled'
        ? 'We are sorry for the change. Book a new time with the link above, or call us.'
        : null
      : message.kind === 'clinic-moved'
        ? 'To change or cancel it, use the link in your booking confirmation, which opens it at its new time, or contact the clinic.'
        : linkless
          ? 'To change or cancel it, please contact the clinic.'
          : "These links open your booking. Please don't forward this email: anyone with the links can change it. They stop working after the appointment.",
  };
}

/**
 * An earlier-slot offer: the time offered (its provider, place and zone), the patient's current
 * time, and one link that takes it. The link holds the offer's token only, in the fragment.
 */
function offerParts(
  message: MessageInput,
  offer: NonNullable<MessageInput['offer']>,
  options: ComposeOptions,
): MessageParts {
  const { booking } = message;
  const doc = (message.rules ?? {}) as Partial<RulesDocument>;
  const type = doc.appointmentTypes?.find((t) => t.id === booking.appointmentTypeId);
  const provider = doc.providers?.find((p) => p.id === offer.providerId);
  const current = doc.providers?.find((p) => p.id === booking.providerId);
  const location = doc.locations?.find((l) => l.id === offer.locationId);
  const zoneOf = (p: typeof provider) =>
    p?.timezone ?? doc.locations?.find((l) => l.id === p?.locationId)?.timezone ?? doc.timezone ?? 'UTC';
  const start = DateTime.fromMillis(offer.start, { zone: zoneOf(provider) }).setLocale('en-US');
  const where =
    offer.mode === 'video'
      ? VIDEO_WHERE
      : location
        ? `${location.name}${location.address ? `, ${location.address}` : ''}`
        : 'At the clinic';
  const page = options.bookingPageUrl.split('#')[0] ?? '';
  return {
    clinic: oneLine(doc.clinic?.name ?? 'Your clinic'),
    phone: doc.clinic?.phone,
    greeting: `Hello ${oneLine(booking.patient.name.split(/\s+/)[0] ?? '')},`,
    subject: oneLine(`An earlier time is free on ${start.toFormat('LLLL d')}`),
    lead: 'An earlier time has opened up for your appointment. You asked us to offer you one:',
    details: [
      ['Visit', oneLine(type?.name ?? booking.appointmentTypeId)],
      ['With', oneLine(provider?.name ?? offer.providerId)],
      ['When', whenText(start)],
      ['Where', oneLine(where)],
      [
        'Your current time',
        whenText(DateTime.fromMillis(booking.start, { zone: zoneOf(current) }).setLocale('en-US')),
      ],
    ],
    links: [['Move my appointment to this time', `${page}#offer=${encodeURIComponent(offer.token)}`]],
    footnote:
      "This time is offered to a few patients at once: the first to accept it takes it, and the link stops working once the time is taken or has passed. If you do nothing, your appointment stays as it is. Please don't forward this email.",
  };
}

function whenText(start: DateTime): string {
  return `${start.toFormat('cccc, LLLL d, yyyy')} at ${start.toFormat('h:mm a')} (${start.toFormat('ZZZZZ')})`;
}

/** The email for `message`, to the patient's address. */
export function composeEmail(message: MessageInput, options: ComposeOptions): ComposedEmail {
  const parts = messageParts(message, options);
  const text = [
    parts.greeting,
    '',
    parts.lead,
    ...parts.details.map(([label, value]) => `${label}: ${value}`),
    '',
    ...parts.links.map(([label, href]) => `${label}: ${href}`),
    ...(parts.footnote ? ['', parts.footnote] : []),
    ...(parts.phone ? ['', `Questions? Call us at ${parts.phone}.`] : []),
    '',
    parts.clinic,
  ].join('\n');
  return { to: message.booking.patient.email, subject: parts.subject, text, html: emailHtml(parts) };
}

/** The HTML body: every text escaped, links as buttons. */
export function emailHtml(parts: MessageParts): string {
  const rows = parts.details.map(
    ([label, value]) => `<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`,
  );
  // The first action is the main one; the others are drawn as secondary buttons.
  const links = parts.links.map(
    ([label, href], index) =>
      `<a class="button${index > 0 ? ' secondary' : ''}" href="${escapeHtml(href)}">${escapeHtml(label)}</a>`,
  );
  return [
    `<h1>${escapeHtml(parts.clinic)}</h1>`,
    `<p>${escapeHtml(parts.greeting)}</p>`,
    `<p>${escapeHtml(parts.lead)}</p>`,
    `<table class="details">${rows.join('')}</table>`,
    `<p class="actions">${links.join(' ')}</p>`,
    parts.footnote ? `<p class="small">${escapeHtml(parts.footnote)}</p>` : '',
    parts.phone
      ? `<p>Questions? Call us at <a href="tel:${escapeHtml(parts.phone.replace(/\s+/g, ''))}">${escapeHtml(parts.phone)}</a>.</p>`
      : '',
  ].join('\n');
}

/** Names from the rules or the patient on one line: a CR or LF can never start a new header or line. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029\u0085]+/g, ' ');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
