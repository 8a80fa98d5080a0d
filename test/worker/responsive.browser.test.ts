import { describe, expect, it } from 'vitest';
import { createSlotClient } from '../../src/worker/client/client.ts';
import { watchMainThread } from './watch-main-thread.ts';
import { yearQuery, yearRules } from './year-rules.ts';

describe('the main thread while a worker computes', () => {
  it('stays responsive (no task of 50 ms or more) while a year of slots is computed', async () => {
    const client = createSlotClient({ deadlineMs: 20_000 });
    // Warm up: start the worker and let the dev server transform the engine before measuring.
    await client.validate(yearRules, { deadlineMs: 20_000 });
    const { value, longestTaskMs, longestGapMs } = await watchMainThread(() =>
      client.slots(yearRules, yearQuery),
    );
    expect(value.slots).toHaveLength(23_490);
    expect(value.truncated).toBe(false);
    expect(value.stats.degraded).toBe(false);
    expect(longestTaskMs).toBeLessThan(50);
    expect(longestGapMs).toBeLessThan(50);
    client.dispose();
  });
});

describe('the main thread in the degraded fallback', () => {
  it('computes a year of slots on the page in provider-day slices without a task of 50 ms or more', async () => {
    const events: string[] = [];
    const client = createSlotClient({
      deadlineMs: 30_000,
      onEvent: (e) => events.push(e.type),
      createWorker: () => {
        throw new DOMException('Refused by the test', 'SecurityError');
      },
    });
    // Warm up: load the engine into the page before measuring.
    await client.validate(yearRules);
    const { value, longestTaskMs } = await watchMainThread(() => client.slots(yearRules, yearQuery));
    expect(value.slots).toHaveLength(23_490);
    expect(value.stats.degraded).toBe(true);
    expect(events).toEqual(['degraded', 'job-done', 'job-done']);
    expect(longestTaskMs).toBeLessThan(50);
    client.dispose();
    // The same slots as the worker computes in one piece.
    const worker = createSlotClient({ deadlineMs: 30_000 });
    const whole = await worker.slots(yearRules, yearQuery);
    expect(value.slots).toEqual(whole.slots);
    expect([value.truncated, value.diagnostics]).toEqual([whole.truncated, whole.diagnostics]);
    worker.dispose();
  });
});
