import type { ParsedMail } from 'mailparser';
import { describe, expect, it } from 'vitest';
import type { BookingRequest } from '../../src/api/types.ts';
import { insertRulesVersion } from '../store/rules.ts';
import { bookingRequest, get, newClinic, post, useTempApi, WED_9AM } from '../testing.ts';
import { useMailServer, withMailingApi } from './test-mail-server.ts';

const mail = useMailServer();

const ctx = useTempApi();
const HALF_HOUR = 30 * 60_000;

/** Mail arrives after the answer: waits (bounded) until `count` messages are in. */
async function arrived(count: number): Promise<ParsedMail[]> {
  for (let i = 0; i < 200 && mail.received.length < count; i++) await new Promise((r) => setTimeout(r, 25));
  return mail.received;
}

const withSmtp = <T>(work: (url: string) => Promise<T>, clinicId?: string) =>
  withMailingApi(mail, ctx, work, clinicId);

const first: BookingRequest['patient'] = {
  ...bookingRequest().patient,
  name: 'Olga Firstbooker',
  email: 'olga@example.com',
  dateOfBirth: '1950-01-02',
  phone: '+1 555 999 0000',
};

describe('earlier-slot offers by SMTP', () => {
  it('emails the offer to the waiting patient only, with the one link that takes it, and then the move', async () => {
    const mails = await withSmtp(async (url) => {
      const freed = await post(`${url}/bookings`, bookingRequest({ patient: first }), 'o-1');
      await post(
        `${url}/bookings`,
        bookingRequest({ start: WED_9AM + 3 * HALF_HOUR, offerEarlier: 'same-provider' }),
        'o-2',
      );
      await post(`${url}/bookings/${freed.body.manageToken}/cancel`, {}, 'o-3');
      const [, , , offer] = await arrived(4);
      const link =
        /Move my appointment to this time: https:\/\/clinic\.example\/book#offer=([\w-]{43})\n/.exec(
          offer?.text ?? '',
        );
      expect(link).not.toBeNull();
      const accepted = await post(`${url}/offers/${link?.[1]}/accept`, {}, 'o-4');
      expect(accepted.status).toBe(200);
      const [, , , , moved] = await arrived(5);
      expect(moved?.text).toContain(
        `Reschedule: https://clinic.example/book#booking=${accepted.body.manageToken}&action=reschedule\n`,
      );
      expect((await get(`${url}/bookings/${accepted.body.manageToken}`)).body.booking).toMatchObject({
        start: WED_9AM,
      });
      return mail.received;
    });
    expect(mails.map((m) => [m.to && 'text' in m.to ? m.to.text : null, m.subject])).toEqual([
      ['olga@example.com', 'Your appointment on December 2 is booked'],
      ['maria@example.com', 'Your appointment on December 2 is booked'],
      ['olga@example.com', 'Your appointment on December 2 is cancelled'],
      ['maria@example.com', 'An earlier time is free on December 2'],
      ['maria@example.com', 'Your appointment has moved to December 2'],
    ]);
    const offer = mails[3] as ParsedMail;
    expect(offer.text).toContain('Hello Maria,');
    expect(offer.text).toContain('With: Dr. Ana Lee');
    expect(offer.text).toContain('When: Wednesday, December 2, 2026 at 9:00 AM (Eastern Standard Time)');
    expect(offer.text).toContain('Where: Main Street, 1 Main Street');
    expect(offer.text).toContain(
      'Your current time: Wednesday, December 2, 2026 at 10:30 AM (Eastern Standard Time)',
    );
    expect(offer.html).toMatch(/<a class="button" href="https:\/\/clinic\.example\/book#offer=[\w-]{43}">/);
    const everything = `${offer.text}\n${offer.html}\n${JSON.stringify([...offer.headers])}`;
    expect(everything).not.toContain('#booking=');
    // Nothing of the patient who cancelled, and of this one nothing but the first name.
    for (const secret of [
      'Olga',
      'Firstbooker',
      'olga@',
      '1950-01-02',
      '555 999',
      'Garcia',
      '1984-03-09',
      '555 010 2030',
    ]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('keeps a CR or LF in the clinic, provider or visit names from splitting the headers or the lines', async () => {
    const clinicId = await newClinic(ctx.db);
    const rules = JSON.parse((await get(`${ctx.api.origin}/c/${clinicId}/api/rules`)).text);
    rules.clinic.name = 'Riverside\r\nBcc: everyone@example.com';
    rules.providers[0].name = 'Dr. Ana Lee\nX-Injected: yes';
    rules.appointmentTypes[0].name = 'Follow-up\r\nSubject: free money';
    await ctx.db.transaction((tx) =>
      insertRulesVersion(tx, clinicId, {
        document: JSON.stringify({ ...rules, busy: [] }),
        etag: '"crlf-offer"',
        warnings: [],
        savedBy: null,
        note: 'test',
        now: ctx.api.clock.now,
      }),
    );
    ctx.api.clock.now += 2_000;
    const [offer] = await withSmtp(async (url) => {
      const freed = await post(`${url}/bookings`, bookingRequest({ patient: first }), 'c-1');
      await post(
        `${url}/bookings`,
        bookingRequest({ start: WED_9AM + 3 * HALF_HOUR, offerEarlier: 'same-provider' }),
        'c-2',
      );
      await post(`${url}/bookings/${freed.body.manageToken}/cancel`, {}, 'c-3');
      return (await arrived(4)).filter((m) => m.subject?.startsWith('An earlier time'));
    }, clinicId);
    expect(offer?.subject).toBe('An earlier time is free on December 2');
    expect(offer?.headers.has('bcc')).toBe(false);
    expect(offer?.headers.has('x-injected')).toBe(false);
    expect(offer?.text).toContain('With: Dr. Ana Lee X-Injected: yes\n');
    expect(offer?.text).toContain('Visit: Follow-up Subject: free money\n');
    expect(offer?.text).toMatch(/\nRiverside Bcc: everyone@example\.com$/);
  });
});
