import { describe, expect, it } from 'vitest';
import { insertRulesVersion } from '../store/rules.ts';
import { bookingRequest, get, newClinic, post, startApi, useTempApi, WED_9AM } from '../testing.ts';
import { SmtpTransport } from './smtp.ts';
import { useMailServer, withMailingApi } from './test-mail-server.ts';

const mail = useMailServer();

const ctx = useTempApi();

const withSmtp = <T>(work: (url: string) => Promise<T>, clinicId?: string) =>
  withMailingApi(mail, ctx, work, clinicId);

describe('patient messages by SMTP', () => {
  it('emails the booking, the move and the cancellation, each with the link the patient needs', async () => {
    await withSmtp(async (url) => {
      const booked = await post(`${url}/bookings`, bookingRequest(), 'mail-1');
      expect(booked.body.emailSent).toBe(true);
      const token = booked.body.manageToken as string;
      await post(
        `${url}/bookings/${token}/reschedule`,
        { start: WED_9AM + 30 * 60_000, providerId: 'dr-lee' },
        'mail-2',
      );
      await post(`${url}/bookings/${token}/cancel`, {}, 'mail-3');
    });
    expect(mail.received.map((m) => m.subject)).toEqual([
      'Your appointment on December 2 is booked',
      'Your appointment has moved to December 2',
      'Your appointment on December 2 is cancelled',
    ]);
    const [booked, moved, cancelled] = mail.received;
    expect(booked?.to).toMatchObject({ text: 'maria@example.com' });
    expect(booked?.from).toMatchObject({ text: '"Riverside" <appointments@clinic.example>' });
    expect(booked?.text).toContain('When: Wednesday, December 2, 2026 at 9:00 AM (Eastern Standard Time)');
    expect(booked?.text).toMatch(
      /Reschedule: https:\/\/clinic\.example\/book#booking=[\w-]{43}&action=reschedule\n/,
    );
    expect(booked?.text).toMatch(
      /Cancel appointment: https:\/\/clinic\.example\/book#booking=[\w-]{43}&action=cancel\n/,
    );
    expect(moved?.text).toContain('When: Wednesday, December 2, 2026 at 9:30 AM (Eastern Standard Time)');
    expect(cancelled?.text).toContain(
      'Book a new time: https://clinic.example/book#type=follow-up&provider=dr-lee',
    );
    expect(cancelled?.text).not.toContain('#booking=');
    for (const message of mail.received) {
      const everything = `${message.text}\n${message.html}\n${JSON.stringify([...message.headers])}`;
      for (const secret of ['1984-03-09', '555 010 2030', 'Garcia']) expect(everything).not.toContain(secret);
    }
  });

  it('sends nothing again for a replayed request', async () => {
    await withSmtp(async (url) => {
      await post(`${url}/bookings`, bookingRequest(), 'mail-once');
      const again = await post(`${url}/bookings`, bookingRequest(), 'mail-once');
      expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    });
    expect(mail.received).toHaveLength(1);
  });

  it('keeps a CR or LF in a clinic or visit name from splitting the headers', async () => {
    const clinicId = await newClinic(ctx.db);
    const rules = JSON.parse((await get(`${ctx.api.origin}/c/${clinicId}/api/rules`)).text);
    rules.clinic.name = 'Riverside\r\nBcc: everyone@example.com';
    rules.appointmentTypes[0].name = 'Follow-up\rX-Injected: yes';
    await ctx.db.transaction((tx) =>
      insertRulesVersion(tx, clinicId, {
        document: JSON.stringify({ ...rules, busy: [] }),
        etag: '"crlf"',
        warnings: [],
        savedBy: null,
        note: 'test',
        now: ctx.api.clock.now,
      }),
    );
    ctx.api.clock.now += 2_000;
    await withSmtp(async (url) => {
      expect((await post(`${url}/bookings`, bookingRequest(), 'crlf')).status).toBe(201);
    }, clinicId);
    const [message] = mail.received;
    expect(message?.headers.has('bcc')).toBe(false);
    expect(message?.headers.has('x-injected')).toBe(false);
    expect(message?.text).toContain('Visit: Follow-up X-Injected: yes');
  });

  it('still books when the mail server cannot be reached, and says nothing was lost', async () => {
    const transport = new SmtpTransport({
      url: 'smtp://127.0.0.1:9',
      from: 'a@clinic.example',
      bookingPageUrl: 'https://clinic.example/',
      timeoutMs: 500,
    });
    const api = await startApi(ctx.db, ctx.api.clinicId, ctx.api.clock, { transport });
    try {
      const booked = await post(`${api.url}/bookings`, bookingRequest(), 'mail-down');
      expect(booked.status).toBe(201);
      const stored = await ctx.db.query('SELECT id FROM bookings WHERE clinic_id = $1', [ctx.api.clinicId]);
      expect(stored).toHaveLength(1);
    } finally {
      await api.close();
      transport.close();
    }
  });
});
