import { describe, expect, it } from 'vitest';
import { SERVED_FRESH_MS } from './rules/served.ts';
import type { Database } from './store/database.ts';
import { bookingRequest, get, post, startApi, useTempApi, WED_9AM } from './testing.ts';

const ctx = useTempApi();

describe('GET /rules between instances', () => {
  it("shows another instance's booking within SERVED_FRESH_MS, and this instance's own at once", async () => {
    const other = await startApi(ctx.db, ctx.api.clinicId, ctx.api.clock);
    try {
      const first = await get(`${ctx.api.url}/rules`);
      const etag = first.headers.get('etag')!;
      expect(first.body.busy).toEqual([]);

      expect((await post(`${other.url}/bookings`, bookingRequest(), 'on-the-other')).status).toBe(201);
      await new Promise((done) => setTimeout(done, SERVED_FRESH_MS + 50));
      const seen = await get(`${ctx.api.url}/rules`, { 'If-None-Match': etag });
      expect(seen.status).toBe(200);
      expect(seen.body.busy).toEqual([
        {
          providerId: 'dr-lee',
          start: new Date(WED_9AM).toISOString(),
          end: new Date(WED_9AM + 1_800_000).toISOString(),
          appointmentTypeId: 'follow-up',
          seats: 1,
        },
      ]);

      const before = seen.headers.get('etag')!;
      const own = bookingRequest({ start: WED_9AM + 1_800_000 });
      expect((await post(`${ctx.api.url}/bookings`, own, 'on-this-one')).status).toBe(201);
      const after = await get(`${ctx.api.url}/rules`, { 'If-None-Match': before });
      expect(after.status).toBe(200);
      expect((after.body.busy as unknown[]).length).toBe(2);
    } finally {
      await other.close();
    }
  });

  it('reads the bookings once for many requests at once, and not again within SERVED_FRESH_MS', async () => {
    let reads = 0;
    const counted: Database = {
      ...ctx.db,
      query: (sql, params) => {
        if (/FROM bookings/.test(sql)) reads++;
        return ctx.db.query(sql, params);
      },
    };
    const counting = await startApi(counted, ctx.api.clinicId, ctx.api.clock);
    try {
      const answers = await Promise.all(Array.from({ length: 20 }, () => get(`${counting.url}/rules`)));
      expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
      expect(new Set(answers.map((answer) => answer.headers.get('etag'))).size).toBe(1);
      expect(reads).toBe(1);
      const etag = answers[0]!.headers.get('etag')!;
      const again = await Promise.all(
        Array.from({ length: 20 }, () => get(`${counting.url}/rules`, { 'If-None-Match': etag })),
      );
      expect(again.map((answer) => answer.status)).toEqual(Array(20).fill(304));
      expect(reads).toBe(1);
    } finally {
      await counting.close();
    }
  });
});
