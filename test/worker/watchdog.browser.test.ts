import { afterEach, describe, expect, it } from 'vitest';
import { createAdminClient } from '../../src/worker/client/admin-client.ts';
import { type ClientEvent, createSlotClient } from '../../src/worker/client/client.ts';
import clinic from '../fixtures/workers/clinic-rules.json' with { type: 'json' };
import { countWorkers } from './count-workers.ts';
import { rejection } from './rejection.ts';

const monday = {
  appointmentTypeId: 'visit',
  from: '2026-12-07',
  to: '2026-12-07',
  now: '2026-11-24T12:00:00Z',
};

const fixture = (name: string) => new URL(`../fixtures/workers/${name}`, import.meta.url).href;
const realWorker = () =>
  new Worker(new URL('../../src/worker/inside/slots.worker.ts', import.meta.url), { type: 'module' });

let counter: ReturnType<typeof countWorkers> | null = null;
afterEach(() => {
  counter?.restore();
  counter = null;
});

describe('the watchdog with real workers in Chromium', () => {
  it('terminates a worker stuck in while (true) at its deadline; the next job succeeds on a fresh worker', async () => {
    counter = countWorkers();
    const events: ClientEvent[] = [];
    let made = 0;
    const client = createSlotClient({
      deadlineMs: 300,
      onEvent: (e) => events.push(e),
      createWorker: () => (made++ === 0 ? new Worker(fixture('hang-worker.js')) : realWorker()),
    });
    const started = performance.now();
    const error = await rejection(client.slots(clinic, monday));
    const waited = performance.now() - started;
    expect([error.code, error.message]).toEqual(['TIMEOUT', 'The slot engine did not answer within 300 ms.']);
    expect(waited).toBeGreaterThanOrEqual(299);
    expect(counter.counts.terminated).toBe(1);
    // A longer deadline: the dev server may still be transforming the engine for a module worker.
    const next = await client.slots(clinic, monday, { deadlineMs: 10_000 });
    expect(next.slots.map((s) => s.providerId)).toEqual(['kim', 'lee', 'kim', 'lee', 'lee']);
    expect(next.stats.degraded).toBe(false);
    expect(events.filter((e) => e.type !== 'job-done')).toEqual([
      { type: 'worker-killed', reason: 'timeout' },
    ]);
    client.dispose();
    expect(counter.live()).toBe(0);
  });

  it('reports a worker that throws as WORKER_CRASHED, and the page carries on', async () => {
    counter = countWorkers();
    const client = createSlotClient({ createWorker: () => new Worker(fixture('throw-worker.js')) });
    const error = await rejection(client.slots(clinic, monday));
    expect(error.code).toBe('WORKER_CRASHED');
    expect(error.message).toBe('The slot worker stopped (error): Uncaught Error: fixture: the worker threw');
    expect(counter.live()).toBe(0);
    client.dispose();
  });

  it('ends a worker that allocates without bound as crashed or timed out, and the page survives', async () => {
    counter = countWorkers();
    const client = createSlotClient({
      deadlineMs: 3000,
      createWorker: () => new Worker(fixture('allocate-worker.js')),
    });
    const error = await rejection(client.slots(clinic, monday));
    expect(['WORKER_CRASHED', 'TIMEOUT']).toContain(error.code);
    expect(counter.live()).toBe(0);
    // The page still runs script and the client still works with a sound worker.
    client.dispose();
    const sound = createSlotClient({ createWorker: realWorker });
    expect((await sound.slots(clinic, monday)).slots).toHaveLength(5);
    sound.dispose();
  });

  it('leaves no live worker behind after 100 hung jobs in a row', async () => {
    counter = countWorkers();
    const client = createSlotClient({
      deadlineMs: 40,
      createWorker: () => new Worker(fixture('hang-worker.js')),
    });
    const codes = new Set<string>();
    for (let i = 0; i < 100; i++) {
      // A different document each time, or the circuit breaker would stop the run after 3 kills.
      const rules = { ...clinic, clinic: { name: `Clinic ${i}` } };
      codes.add((await rejection(client.slots(rules, monday))).code);
    }
    expect([...codes]).toEqual(['TIMEOUT']);
    expect(counter.counts.constructed).toBe(100);
    expect(counter.live()).toBe(0);
    client.dispose();
    expect(counter.live()).toBe(0);
  });

  it('stops retrying a document after 3 kills: RULES_UNCOMPUTABLE at once, no worker started', async () => {
    counter = countWorkers();
    const client = createSlotClient({
      deadlineMs: 40,
      createWorker: () => new Worker(fixture('hang-worker.js')),
    });
    const codes: string[] = [];
    for (let i = 0; i < 5; i++)
      codes.push((await rejection(client.slots(clinic, { ...monday, maxSlots: 10 + i }))).code);
    expect(codes).toEqual(['TIMEOUT', 'TIMEOUT', 'TIMEOUT', 'RULES_UNCOMPUTABLE', 'RULES_UNCOMPUTABLE']);
    expect(counter.counts.constructed).toBe(3);
    client.dispose();
  });

  it('runs slots, validate, lint and diff on the real admin worker from source, measuring each job', async () => {
    const client = createAdminClient();
    const slots = await client.slots(clinic, monday);
    expect(slots.stats).toMatchObject({ slotCount: 5, diagnosticCount: 0, degraded: false, cached: false });
    expect((await client.validate({ version: 3 })).errors[0]?.code).toBe('UNSUPPORTED_VERSION');
    expect((await client.lint(clinic, { now: monday.now })).result.ok).toBe(true);
    const diff = await client.diff(clinic, clinic, { now: monday.now, from: monday.from, to: monday.to });
    expect(diff.result.ok).toBe(true);
    const refused = await rejection(client.slots(clinic, { ...monday, providerId: 'nobody' }));
    expect([refused.code, refused.diagnostics.map((d) => d.code)]).toEqual([
      'INVALID_QUERY',
      ['UNKNOWN_PROVIDER'],
    ]);
    client.dispose();
  });

  it("answers the admin client's lint on the patient's worker from source with PROTOCOL, and keeps serving slots", async () => {
    const client = createAdminClient({ createWorker: realWorker, deadlineMs: 20_000 });
    const refused = await rejection(client.lint(clinic, { now: monday.now }));
    expect([refused.code, refused.message]).toEqual([
      'PROTOCOL',
      "This worker answers slots and validate requests only: lint and diff run in the admin worker, admin-worker.js (the admin client's workerUrl must name that file).",
    ]);
    expect((await client.slots(clinic, monday)).slots).toHaveLength(5);
    client.dispose();
  });
});
