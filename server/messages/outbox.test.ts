import { beforeEach, describe, expect, it } from 'vitest';
import { bookingRequest, get, post, type RunningApi, startApi, useTempApi, WED_9AM } from '../testing.ts';
import type { Outbox } from './outbox.ts';
import { SmtpTransport } from './smtp.ts';
import { useMailServer } from './test-mail-server.ts';

const mail = useMailServer();

const ctx = useTempApi();
const MESSAGE_KEY = 'a shared outbox key of at least 32 characters';
const running: { api: RunningApi; transport: SmtpTransport }[] = [];

beforeEach(() => {
  mail.received = [];
  mail.refusals = 0;
  return async () => {
    for (const { api, transport } of running.splice(0)) {
      await api.close();
      transport.close();
    }
  };
});

/** A server instance on the test database that mails through the test SMTP server. */
async function instance(settings: { maxAttempts?: number; messageKey?: string } = {}) {
  const transport = new SmtpTransport({
    url: mail.url,
    from: 'Riverside <appointments@clinic.example>',
    bookingPageUrl: 'https://clinic.example/book',
    timeoutMs: 2_000,
  });
  const api = await startApi(ctx.db, ctx.api.clinicId, ctx.api.clock, {
    transport,
    config: { messageKey: settings.messageKey ?? MESSAGE_KEY },
    // Retries are driven by the test (`retryDue`), never by the instance's own timer.
    outbox: {
      maxAttempts: settings.maxAttempts ?? 6,
      retryDelayMs: 60_000,
      leaseMs: 300_000,
      pollMs: 3_600_000,
    },
  });
  running.push({ api, transport });
  return { api, outbox: api.server.context.outbox as Outbox };
}

interface OutboxRow {
  attempts: number;
  sent: boolean;
  failed: boolean;
  lastError: string | null;
  dueInMs: number | null;
  sealed: string | null;
}

async function outboxRows(): Promise<OutboxRow[]> {
  return ctx.db.query<OutboxRow>(
    `SELECT attempts, sent_at IS NOT NULL AS sent, failed_at IS NOT NULL AS failed, last_error AS "lastError",
        round(extract(epoch from next_attempt_at) * 1000)::float8 - $2 AS "dueInMs", sealed_token AS sealed
       FROM outbox WHERE clinic_id = $1 ORDER BY id`,
    [ctx.api.clinicId, ctx.api.clock.now],
  );
}

describe('the outbox retries patient messages', () => {
  it('tries a refused message again once it is due, and the link it sends opens the booking', async () => {
    const { api, outbox } = await instance();
    mail.refusals = 1;
    const booked = await post(`${api.url}/bookings`, bookingRequest(), 'retry-1');
    expect(booked.status).toBe(201);
    await outbox.settled();
    expect(mail.received).toHaveLength(0);
    const [first] = await outboxRows();
    expect(first).toMatchObject({
      attempts: 1,
      sent: false,
      failed: false,
      lastError: 'EENVELOPE 451',
      dueInMs: 60_000,
    });
    // The manage token waits sealed: the database never holds it in the clear.
    expect(first?.sealed).toMatch(/^[\w-]{80,}$/);
    expect(first?.sealed).not.toContain(booked.body.manageToken);

    // Not due yet: nothing is claimed.
    ctx.api.clock.now += 59_000;
    expect(await outbox.retryDue()).toBe(0);
    ctx.api.clock.now += 1_000;
    expect(await outbox.retryDue()).toBe(1);
    expect(mail.received.map((m) => m.subject)).toEqual(['Your appointment on December 2 is booked']);
    const link = /#booking=([\w-]{43})&action=cancel/.exec(mail.received[0]?.text ?? '');
    expect(link?.[1]).toBe(booked.body.manageToken);
    expect((await get(`${api.url}/bookings/${link?.[1]}`)).status).toBe(200);
    expect(await outboxRows()).toEqual([
      { attempts: 2, sent: true, failed: false, lastError: null, dueInMs: null, sealed: null },
    ]);
    // Sent is sent: nothing is claimed again.
    ctx.api.clock.now += 3_600_000;
    expect(await outbox.retryDue()).toBe(0);
    expect(mail.received).toHaveLength(1);
  });

  it('waits twice as long after each failure, then records that it gave up', async () => {
    const { api, outbox } = await instance({ maxAttempts: 3 });
    mail.refusals = 10;
    expect((await post(`${api.url}/bookings`, bookingRequest(), 'retry-2')).status).toBe(201);
    await outbox.settled();
    expect((await outboxRows())[0]).toMatchObject({ attempts: 1, dueInMs: 60_000 });
    ctx.api.clock.now += 60_000;
    expect(await outbox.retryDue()).toBe(1);
    expect((await outboxRows())[0]).toMatchObject({ attempts: 2, failed: false, dueInMs: 120_000 });
    ctx.api.clock.now += 120_000;
    expect(await outbox.retryDue()).toBe(1);
    expect(await outboxRows()).toEqual([
      { attempts: 3, sent: false, failed: true, lastError: 'EENVELOPE 451', dueInMs: null, sealed: null },
    ]);
    ctx.api.clock.now += 86_400_000;
    mail.refusals = 0;
    expect(await outbox.retryDue()).toBe(0);
    expect(mail.received).toHaveLength(0);
  });

  it('sends a due message once when two instances look for it at the same moment', async () => {
    const one = await instance();
    const two = await instance();
    mail.refusals = 3;
    for (const i of [0, 1, 2]) {
      const booked = await post(
        `${one.api.url}/bookings`,
        bookingRequest({ start: WED_9AM + i * 30 * 60_000 }),
        `pair-${i}`,
      );
      expect(booked.status).toBe(201);
    }
    await one.outbox.settled();
    expect((await outboxRows()).map((r) => r.attempts)).toEqual([1, 1, 1]);
    ctx.api.clock.now += 60_000;
    const claimed = await Promise.all([one.outbox.retryDue(), two.outbox.retryDue()]);
    expect(claimed[0] + claimed[1]).toBe(3);
    expect(mail.received).toHaveLength(3);
    expect((await outboxRows()).map((r) => [r.attempts, r.sent])).toEqual([
      [2, true],
      [2, true],
      [2, true],
    ]);
  });

  it('leaves a message to the instances that hold its key', async () => {
    const { api, outbox } = await instance();
    const stranger = await instance({ messageKey: 'another key, of another deployment, 32+ chars' });
    mail.refusals = 1;
    expect((await post(`${api.url}/bookings`, bookingRequest(), 'retry-4')).status).toBe(201);
    await outbox.settled();
    ctx.api.clock.now += 60_000;
    expect(await stranger.outbox.retryDue()).toBe(0);
    expect(await outbox.retryDue()).toBe(1);
    expect(mail.received).toHaveLength(1);
  });
});
