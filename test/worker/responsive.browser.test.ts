import { describe, expect, it } from 'vitest';
import { createSlotClient } from '../../src/worker/client/client.ts';
import { calmestRun, LONG_TASK_MS } from './watch-main-thread.ts';
import { yearQuery, yearRules } from './year-rules.ts';

describe('the main thread while a worker computes', () => {
  it('stays responsive (no task of 50 ms or more) while a year of slots is computed', async () => {
    const { value, longestTaskMs, longestGapMs } = await calmestRun(async (watch) => {
      const client = createSlotClient({ deadlineMs: 20_000 });
      try {
        // Warm up: start the worker and let the dev server transform the engine before measuring.
        await client.validate(yearRules, { deadlineMs: 20_000 });
        return await watch(() => client.slots(yearRules, yearQuery));
      } finally {
        client.dispose();
      }
    });
    expect(value.slots).toHaveLength(23_490);
    expect(value.truncated).toBe(false);
    expect([value.stats.degraded, value.stats.cached]).toEqual([false, false]);
    expect(longestTaskMs).toBeLessThan(LONG_TASK_MS);
    expect(longestGapMs).toBeLessThan(LONG_TASK_MS);
  });
});

describe('the main thread in the degraded fallback', () => {
  it('computes a year of slots on the page in provider-day slices without a task of 50 ms or more', async () => {
    const { value, longestTaskMs } = await calmestRun(async (watch) => {
      const events: string[] = [];
      const client = createSlotClient({
        deadlineMs: 30_000,
        onEvent: (e) => events.push(e.type),
        createWorker: () => {
          throw new DOMException('Refused by the test', 'SecurityError');
        },
      });
      try {
        // Warm up: load the engine into the page before measuring.
        await client.validate(yearRules);
        const run = await watch(() => client.slots(yearRules, yearQuery));
        return { ...run, value: { ...run.value, events } };
      } finally {
        client.dispose();
      }
    });
    expect(value.slots).toHaveLength(23_490);
    expect([value.stats.degraded, value.stats.cached]).toEqual([true, false]);
    expect(value.events).toEqual(['degraded', 'job-done', 'job-done']);
    expect(longestTaskMs).toBeLessThan(LONG_TASK_MS);
    // The same slots as the worker computes in one piece.
    const worker = createSlotClient({ deadlineMs: 30_000 });
    const whole = await worker.slots(yearRules, yearQuery);
    expect(value.slots).toEqual(whole.slots);
    expect([value.truncated, value.diagnostics]).toEqual([whole.truncated, whole.diagnostics]);
    worker.dispose();
  });
});
