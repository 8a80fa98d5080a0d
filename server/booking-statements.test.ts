import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from './store/database.ts';
import { bookingRequest, post, type RunningApi, startApi, useTempApi, WED_9AM } from './testing.ts';

const ctx = useTempApi();

/**
 * The test database with each transaction's statements recorded (their first words), so a test
 * can say how many round trips a booking costs. Closing it leaves the shared database open.
 */
function recording(db: Database) {
  const transactions: string[][] = [];
  const recorded: Database = {
    kind: db.kind,
    query: (sql, params) => db.query(sql, params),
    exec: (sql) => db.exec(sql),
    close: async () => undefined,
    transaction: (work) => {
      const statements: string[] = [];
      transactions.push(statements);
      return db.transaction((tx) =>
        work({
          query: (sql, params) => {
            statements.push(sql.trim().split(/\s+/).slice(0, 2).join(' '));
            return tx.query(sql, params);
          },
        }),
      );
    },
  };
  return { recorded, transactions };
}

const MINUTE = 60_000;
let api: RunningApi;
let transactions: string[][];

beforeEach(async () => {
  const recorder = recording(ctx.db);
  transactions = recorder.transactions;
  api = await startApi(recorder.recorded, ctx.api.clinicId, ctx.api.clock);
  // The first booking of a rules version also reads and compiles the version; later ones do not.
  expect((await post(`${api.url}/bookings`, bookingRequest(), 'warm-up')).status).toBe(201);
  await api.messagesSent();
  transactions.length = 0;
});
afterEach(async () => {
  await api.close();
});

/** The statements of the transactions run while `work` ran, after its messages were sent. */
async function statementsOf(work: () => Promise<unknown>): Promise<string[][]> {
  transactions.length = 0;
  await work();
  await api.messagesSent();
  return transactions.filter((statements) => statements.length > 0);
}

describe('the booking step’s round trips', () => {
  it('books in one transaction of two statements: the claim, then the writes', async () => {
    const booked = await statementsOf(async () => {
      const answer = await post(
        `${api.url}/bookings`,
        bookingRequest({ start: WED_9AM + 60 * MINUTE, offerEarlier: 'same-provider' }),
        'two-statements',
      );
      expect(answer.status).toBe(201);
    });
    expect(booked).toEqual([['SELECT booking_claim($1,', 'WITH booking']]);
  });

  it('answers a repeated key with the claim alone', async () => {
    const request = bookingRequest({ start: WED_9AM + 90 * MINUTE });
    await post(`${api.url}/bookings`, request, 'repeat');
    const replayed = await statementsOf(async () => {
      const answer = await post(`${api.url}/bookings`, request, 'repeat');
      expect(answer.headers.get('Idempotent-Replayed')).toBe('true');
    });
    expect(replayed).toEqual([['SELECT booking_claim($1,']]);
  });

  it('refuses a taken time after the claim alone, writing nothing', async () => {
    const refused = await statementsOf(async () => {
      const answer = await post(`${api.url}/bookings`, bookingRequest(), 'taken');
      expect(answer.status).toBe(409);
    });
    expect(refused).toEqual([['SELECT booking_claim($1,']]);
  });
});
