import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderReminderEmail, type SentEmail } from './reminder-page.ts';
import { FIXTURE_RULES, WED_9AM } from './testing.ts';

const rules = JSON.parse(readFileSync(FIXTURE_RULES, 'utf8'));
const TOKEN = 'FocfGooYpSYs9TFNgNrzhw0CJfOlRbA_OH-tBdBULR0';

function sent(
  overrides: Partial<SentEmail['booking']> = {},
  kind: SentEmail['message']['kind'] = 'booked',
): SentEmail {
  return {
    message: { kind, bookingId: 'bk_1', manageToken: TOKEN, at: 0 },
    booking: {
      id: 'bk_1',
      appointmentTypeId: 'follow-up',
      providerId: 'dr-lee',
      start: WED_9AM,
      end: WED_9AM + 1_800_000,
      status: 'confirmed',
      mode: 'in-person',
      locationId: 'main',
      patient: {
        name: 'Maria <b>Garcia</b>',
        dateOfBirth: '1984-03-09',
        email: 'maria@example.com',
        phone: '+1 555 010 2030',
        patientStatus: 'existing',
        consent: true,
      },
      ...overrides,
    },
    rules,
  };
}

describe('the sample reminder email', () => {
  it('names the visit in the clinic zone and links to the booking with the token in the fragment', () => {
    const html = renderReminderEmail(sent());
    expect(html).toContain('<dd id="subject">Reminder: your appointment on December 2</dd>');
    expect(html).toContain('<td>Wednesday, December 2, 2026 at 9:00 AM (Eastern Standard Time)</td>');
    expect(html).toContain('<td>Dr. Ana Lee</td>');
    expect(html).toContain('<td>Main Street, 1 Main Street</td>');
    expect(html).toContain(
      `<a class="button" href="/#booking=${TOKEN}&#38;action=reschedule">Reschedule</a>`,
    );
    expect(html).toContain(
      `<a class="button secondary" href="/#booking=${TOKEN}&#38;action=cancel">Cancel appointment</a>`,
    );
    expect(html).not.toContain(`?booking=`);
    expect(html).toContain('<meta name="referrer" content="no-referrer">');
    // The page's own icon, so the browser asks for no /favicon.ico that is not there.
    expect(html).toContain('<link rel="icon" href="/demo/logo.svg" type="image/svg+xml">');
  });

  it("gives a video visit's time in its provider's zone, not the clinic's", () => {
    const chicago = structuredClone(rules);
    chicago.locations.push({ id: 'tele', name: 'Telehealth', timezone: 'America/Chicago' });
    chicago.providers[0].locationId = 'tele';
    const video = sent({ mode: 'video' });
    delete video.booking.locationId;
    const html = renderReminderEmail({ ...video, rules: chicago });
    expect(html).toContain('<td>Wednesday, December 2, 2026 at 8:00 AM (Central Standard Time)</td>');
  });

  it('escapes what the patient typed', () => {
    const html = renderReminderEmail(sent({ patient: { ...sent().booking.patient, name: '<img src=x>' } }));
    expect(html).toContain('Hello &#60;img,');
    expect(html).not.toContain('<img src=x>');
  });

  it('tells a cancelled booking apart and offers a new time for the same visit instead of the manage links', () => {
    const html = renderReminderEmail(sent({ status: 'cancelled' }, 'cancelled'));
    expect(html).toContain('Your appointment on December 2 is cancelled');
    expect(html).toContain(
      '<a class="button" href="/#type=follow-up&#38;provider=dr-lee">Book a new time</a>',
    );
    expect(html).not.toContain('#booking=');
  });

  it('says there is nothing yet before the first booking', () => {
    expect(renderReminderEmail(null)).toContain('<h1>No email yet</h1>');
  });
});
