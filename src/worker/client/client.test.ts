import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import clinic from '../../../test/fixtures/workers/clinic-rules.json' with { type: 'json' };
import { FakeWorker, fakeWorkers } from '../../../test/worker/fake-worker.ts';
import { rejection } from '../../../test/worker/rejection.ts';
import { runToEnd } from '../../engine/steps.ts';
import { patientMainThreadEngine as mainThreadEngine, patientEngine } from '../inside/patient-engine.ts';
import { createAdminClient } from './admin-client.ts';
import { type ClientEvent, createSlotClient, type JobError, type SlotClientOptions } from './client.ts';

const monday = {
  appointmentTypeId: 'visit',
  from: '2026-12-07',
  to: '2026-12-07',
  now: '2026-11-24T12:00:00Z',
};
const tuesday = { ...monday, from: '2026-12-08', to: '2026-12-08' };

let events: ClientEvent[];

/** Lets the fake worker answer (it replies after a few fake milliseconds), then the job's outcome. */
async function answered<T>(job: Promise<T>, ms = 10): Promise<T> {
  await vi.advanceTimersByTimeAsync(ms);
  return job;
}

function client(options: SlotClientOptions) {
  return createSlotClient({ onEvent: (e) => events.push(e), ...options });
}

function adminClient(options: SlotClientOptions) {
  return createAdminClient({ onEvent: (e) => events.push(e), ...options });
}

beforeEach(() => {
  vi.useFakeTimers();
  events = [];
});

afterEach(() => {
  vi.useRealTimers();
});

describe('createSlotClient with a fake worker', () => {
  it('starts no worker until the first job, then answers with the slots and their stats', async () => {
    const workers = fakeWorkers();
    const slots = client({ createWorker: workers.createWorker });
    expect(workers.created).toHaveLength(0);
    const result = await answered(slots.slots(clinic, monday));
    expect(result.slots.map((s) => s.providerId)).toEqual(['kim', 'lee', 'kim', 'lee', 'lee']);
    expect(result.truncated).toBe(false);
    expect(result.stats).toMatchObject({ slotCount: 5, diagnosticCount: 0, degraded: false, cached: false });
    expect(result.stats.elapsedMs).toBe(10);
    expect(events).toEqual([{ type: 'job-done', kind: 'slots', stats: result.stats }]);
    expect(workers.created).toHaveLength(1);
    slots.dispose();
  });

  it('terminates a worker that passes its deadline, rejects TIMEOUT, and runs the next job on a fresh worker', async () => {
    const workers = fakeWorkers((i) => new FakeWorker({ behaviour: i === 0 ? 'hang' : 'answer' }));
    const slots = client({ createWorker: workers.createWorker, deadlineMs: 500 });
    const hung = rejection(slots.slots(clinic, monday));
    await vi.advanceTimersByTimeAsync(499);
    expect(workers.created[0]!.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await hung;
    expect([error.code, error.message]).toEqual(['TIMEOUT', 'The slot engine did not answer within 500 ms.']);
    expect(workers.created[0]!.terminated).toBe(true);
    expect(events).toEqual([{ type: 'worker-killed', reason: 'timeout' }]);
    expect((await answered(slots.slots(clinic, tuesday))).slots).toHaveLength(3);
    expect(workers.created).toHaveLength(2);
    slots.dispose();
  });

  it('rejects WORKER_CRASHED when the worker reports an error or a message it cannot read', async () => {
    const workers = fakeWorkers(() => new FakeWorker({ behaviour: 'hang' }));
    const slots = client({ createWorker: workers.createWorker });
    const first = rejection(slots.slots(clinic, monday));
    await vi.advanceTimersByTimeAsync(1);
    workers.created[0]!.emit('error');
    const crash = await first;
    expect([crash.code, crash.message]).toEqual([
      'WORKER_CRASHED',
      'The slot worker stopped (error): Uncaught Error: boom',
    ]);
    expect(workers.created[0]!.terminated).toBe(true);
    const second = rejection(slots.slots(clinic, tuesday));
    await vi.advanceTimersByTimeAsync(1);
    workers.created[1]!.emit('messageerror');
    expect((await second).code).toBe('WORKER_CRASHED');
    expect(events).toEqual([
      { type: 'worker-killed', reason: 'crashed' },
      { type: 'worker-killed', reason: 'crashed' },
    ]);
    slots.dispose();
  });

  it('ignores a late reply from a killed worker, even one carrying the id of the job now running', async () => {
    const workers = fakeWorkers(
      (i) => new FakeWorker({ behaviour: i === 0 ? 'hang' : 'answer', replyAfterMs: 300 }),
    );
    const slots = client({ createWorker: workers.createWorker, deadlineMs: 100 });
    const first = rejection(slots.slots(clinic, monday));
    await vi.advanceTimersByTimeAsync(100);
    expect((await first).code).toBe('TIMEOUT');
    let settled = false;
    const second = slots.slots(clinic, tuesday, { deadlineMs: 1000 }).finally(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(1);
    const secondId = workers.created[1]!.received[0]!.id;
    const forged = {
      id: secondId,
      ok: true,
      kind: 'slots',
      result: { slots: [], truncated: false, diagnostics: [] },
    };
    workers.created[0]!.emitLate({ ...forged, metrics: { elapsedMs: 0, slotCount: 0, diagnosticCount: 0 } });
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(300);
    expect((await second).slots).toHaveLength(3);
    slots.dispose();
  });

  it('kills the running job of a lane when a newer job arrives in that lane, and drops a queued one', async () => {
    const workers = fakeWorkers((i) => new FakeWorker({ behaviour: i === 0 ? 'hang' : 'answer' }));
    const slots = adminClient({ createWorker: workers.createWorker });
    const december = rejection(slots.slots(clinic, monday, { lane: 'month' }));
    const firstCheck = rejection(slots.validate(clinic, { lane: 'admin' }));
    const secondCheck = slots.lint(clinic, { now: monday.now }, { lane: 'admin' });
    const queued = await firstCheck;
    expect([queued.code, queued.message]).toEqual([
      'ABORTED',
      'A newer request in the same lane replaced this one.',
    ]);
    expect(events).toEqual([]);
    await vi.advanceTimersByTimeAsync(5);
    const january = slots.slots(clinic, tuesday, { lane: 'month' });
    expect((await december).code).toBe('ABORTED');
    expect(workers.created[0]!.terminated).toBe(true);
    expect(events).toEqual([{ type: 'worker-killed', reason: 'superseded' }]);
    await vi.advanceTimersByTimeAsync(20);
    expect((await secondCheck).result.ok).toBe(true);
    expect((await january).slots).toHaveLength(3);
    expect(workers.created).toHaveLength(2);
    slots.dispose();
  });

  it('kills the worker of an aborted running job, drops an aborted queued job, refuses an aborted signal', async () => {
    const workers = fakeWorkers(() => new FakeWorker({ behaviour: 'hang' }));
    const slots = client({ createWorker: workers.createWorker });
    const running = new AbortController();
    const queued = new AbortController();
    const first = rejection(slots.slots(clinic, monday, { signal: running.signal }));
    const second = rejection(slots.slots(clinic, tuesday, { signal: queued.signal }));
    await vi.advanceTimersByTimeAsync(1);
    queued.abort();
    expect((await second).code).toBe('ABORTED');
    expect(events).toEqual([]);
    running.abort();
    expect([(await first).code, (await first).message]).toEqual(['ABORTED', 'The request was aborted.']);
    expect(workers.created[0]!.terminated).toBe(true);
    expect(events).toEqual([{ type: 'worker-killed', reason: 'aborted' }]);
    expect((await rejection(slots.slots(clinic, monday, { signal: running.signal }))).code).toBe('ABORTED');
    expect(workers.created).toHaveLength(1);
    slots.dispose();
  });

  it('after 3 kills in a row for one document refuses it at once with RULES_UNCOMPUTABLE, without a worker', async () => {
    const workers = fakeWorkers((i) => new FakeWorker({ behaviour: i < 3 ? 'hang' : 'answer' }));
    const slots = client({ createWorker: workers.createWorker, deadlineMs: 100 });
    for (let kill = 0; kill < 3; kill++) {
      const job = rejection(slots.slots(clinic, { ...monday, maxSlots: 10 + kill }));
      await vi.advanceTimersByTimeAsync(100);
      expect((await job).code).toBe('TIMEOUT');
    }
    const refused = await rejection(slots.slots(clinic, tuesday));
    expect([refused.code, refused.message]).toEqual([
      'RULES_UNCOMPUTABLE',
      'These rules were stopped 3 times in a row; the slot engine will not retry them.',
    ]);
    expect(workers.created).toHaveLength(3);
    expect(
      (await answered(slots.slots({ ...clinic, timezone: 'America/Chicago' }, monday))).slots,
    ).toHaveLength(5);
    slots.dispose();
  });

  it('a completed job breaks the run of kills for its document', async () => {
    const workers = fakeWorkers(
      (i) => new FakeWorker({ behaviour: i === 2 ? 'answer' : 'hang', answers: 1 }),
    );
    const slots = client({ createWorker: workers.createWorker, deadlineMs: 100 });
    const outcomes: string[] = [];
    for (let job = 0; job < 5; job++) {
      const pending = slots.slots(clinic, { ...monday, maxSlots: 10 + job }).then(
        () => 'ok',
        (e: JobError) => e.code,
      );
      await vi.advanceTimersByTimeAsync(100);
      outcomes.push(await pending);
    }
    expect(outcomes).toEqual(['TIMEOUT', 'TIMEOUT', 'ok', 'TIMEOUT', 'TIMEOUT']);
    slots.dispose();
  });

  it('answers a repeated query from its cache, whatever the key order, without posting to the worker', async () => {
    const workers = fakeWorkers();
    const slots = client({ createWorker: workers.createWorker });
    const fresh = await answered(slots.slots(clinic, monday));
    const reordered = { now: monday.now, to: monday.to, from: monday.from, appointmentTypeId: 'visit' };
    const again = await slots.slots(structuredClone(clinic), reordered);
    expect(again.slots).toEqual(fresh.slots);
    expect(again.slots).not.toBe(fresh.slots);
    expect(again.stats).toEqual({
      elapsedMs: 0,
      slotCount: 5,
      diagnosticCount: 0,
      degraded: false,
      cached: true,
    });
    expect(workers.created[0]!.received).toHaveLength(1);
    slots.dispose();
  });

  it('sends a document once per worker and by hash afterwards, and again to a fresh worker', async () => {
    const workers = fakeWorkers();
    const slots = client({ createWorker: workers.createWorker, idleTimeoutMs: 1000 });
    await answered(slots.slots(clinic, monday));
    await answered(slots.slots(clinic, tuesday));
    const sent = workers.created[0]!.received.map((r) => 'document' in (r.rules as object));
    expect(sent).toEqual([true, false]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(workers.created[0]!.terminated).toBe(true);
    expect((await answered(slots.slots(clinic, { ...monday, maxSlots: 2 }))).slots).toHaveLength(2);
    expect('document' in (workers.created[1]!.received[0]!.rules as object)).toBe(true);
    slots.dispose();
  });

  it('re-sends the document once when the worker has forgotten it', async () => {
    const workers = fakeWorkers();
    const slots = client({ createWorker: workers.createWorker });
    const rules = Array.from({ length: 5 }, (_, i) => ({ ...clinic, clinic: { name: `Clinic ${i}` } }));
    for (const doc of rules) {
      await answered(slots.validate(doc));
    }
    const first = slots.slots(rules[0], monday);
    await vi.advanceTimersByTimeAsync(20);
    expect((await first).slots).toHaveLength(5);
    const last = workers.created[0]!.received.slice(-2).map((r) => 'document' in (r.rules as object));
    expect(last).toEqual([false, true]);
    slots.dispose();
  });

  it('ends an idle worker after idleTimeoutMs and starts a new one for the next job', async () => {
    const workers = fakeWorkers();
    const slots = client({ createWorker: workers.createWorker, idleTimeoutMs: 5000 });
    await answered(slots.slots(clinic, monday));
    await vi.advanceTimersByTimeAsync(4999);
    expect(workers.live()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(workers.live()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect((await answered(slots.validate(clinic))).ok).toBe(true);
    expect(workers.created).toHaveLength(2);
    slots.dispose();
  });

  it('dispose() rejects every pending job with DISPOSED and leaves no worker, listener, timer or abort listener', async () => {
    const workers = fakeWorkers(() => new FakeWorker({ behaviour: 'hang' }));
    const slots = client({ createWorker: workers.createWorker });
    const controller = new AbortController();
    const removed = vi.spyOn(controller.signal, 'removeEventListener');
    const running = rejection(slots.slots(clinic, monday, { signal: controller.signal }));
    const queued = rejection(slots.validate(clinic));
    await vi.advanceTimersByTimeAsync(1);
    expect(vi.getTimerCount()).toBe(1);
    slots.dispose();
    expect([(await running).code, (await queued).code]).toEqual(['DISPOSED', 'DISPOSED']);
    expect(workers.created[0]!.terminated).toBe(true);
    expect(workers.created[0]!.listenerCount()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect(removed).toHaveBeenCalledWith('abort', expect.any(Function));
    expect((await rejection(slots.slots(clinic, monday))).code).toBe('DISPOSED');
    expect(workers.created).toHaveLength(1);
  });

  it('rejects rules that cannot be cloned or hashed with PROTOCOL, and keeps working', async () => {
    const workers = fakeWorkers();
    const slots = client({ createWorker: workers.createWorker });
    const cyclic: Record<string, unknown> = { ...clinic };
    cyclic.self = cyclic;
    const hashed = await rejection(slots.slots(cyclic, monday));
    expect(hashed.code).toBe('PROTOCOL');
    expect(hashed.message).toMatch(/^The rules document is not plain JSON data \(/);
    const cloned = await rejection(slots.slots({ ...clinic, hook: () => 1 }, monday));
    expect(cloned.code).toBe('PROTOCOL');
    expect(cloned.message).toMatch(/^The request could not be sent to the worker: DataCloneError/);
    expect((await answered(slots.slots(clinic, monday))).slots).toHaveLength(5);
    slots.dispose();
  });

  it('rejects refused rules and queries with their codes and the engine diagnostics', async () => {
    const slots = client({ createWorker: fakeWorkers().createWorker });
    const rulesError = await answered(rejection(slots.slots({ ...clinic, timezone: 'Mars/Base' }, monday)));
    expect([rulesError.code, rulesError.diagnostics.map((d) => d.code)]).toEqual([
      'INVALID_RULES',
      ['INVALID_TIMEZONE'],
    ]);
    const queryError = await answered(rejection(slots.slots(clinic, { ...monday, providerId: 'nobody' })));
    expect([queryError.code, queryError.diagnostics.map((d) => d.code)]).toEqual([
      'INVALID_QUERY',
      ['UNKNOWN_PROVIDER'],
    ]);
    slots.dispose();
  });
});

describe('the degraded main-thread fallback', () => {
  it('runs on the main thread, reports `degraded` once, and gives the same slots when no worker can be created', async () => {
    const slots = client({
      createWorker: () => {
        throw new DOMException('Refused by the Content-Security-Policy', 'SecurityError');
      },
      loadEngine: async () => mainThreadEngine,
    });
    const result = await slots.slots(clinic, { ...monday, to: '2026-12-08' });
    expect(result.slots.map((s) => `${new Date(s.start).toISOString()} ${s.providerId}`)).toEqual([
      '2026-12-07T14:00:00.000Z kim',
      '2026-12-07T14:00:00.000Z lee',
      '2026-12-07T15:00:00.000Z kim',
      '2026-12-07T15:00:00.000Z lee',
      '2026-12-07T16:00:00.000Z lee',
      '2026-12-08T14:00:00.000Z lee',
      '2026-12-08T15:00:00.000Z lee',
      '2026-12-08T16:00:00.000Z lee',
    ]);
    expect(result.stats).toMatchObject({ slotCount: 8, degraded: true, cached: false });
    await slots.validate(clinic);
    expect(events.filter((e) => e.type === 'degraded')).toEqual([
      {
        type: 'degraded',
        reason: 'No worker could be created: SecurityError: Refused by the Content-Security-Policy',
      },
    ]);
    slots.dispose();
  });

  it('falls back when the worker errors before its script announced itself, and re-runs the job there', async () => {
    const workers = fakeWorkers(() => new FakeWorker({ ready: false, behaviour: 'hang' }));
    const slots = client({ createWorker: workers.createWorker, loadEngine: async () => mainThreadEngine });
    const pending = slots.slots(clinic, monday);
    await vi.advanceTimersByTimeAsync(1);
    workers.created[0]!.emit('error');
    const result = await pending;
    expect(result.slots).toHaveLength(5);
    expect(result.stats.degraded).toBe(true);
    expect(events[0]).toEqual({
      type: 'degraded',
      reason: 'The slot worker could not start: Uncaught Error: boom',
    });
    expect(workers.created[0]!.terminated).toBe(true);
    slots.dispose();
  });

  it('cuts a query at maxSlots exactly as the engine does, with its QUERY_TRUNCATED', async () => {
    const slots = client({ createWorker: () => ({}) as never, loadEngine: async () => mainThreadEngine });
    const query = { ...monday, to: '2026-12-08', maxSlots: 6 };
    const result = await slots.slots(clinic, query);
    expect(result.slots.map((s) => s.providerId)).toEqual(['kim', 'lee', 'kim', 'lee', 'lee', 'lee']);
    expect(result.truncated).toBe(true);
    expect(result.diagnostics).toEqual([
      {
        code: 'QUERY_TRUNCATED',
        path: '/maxSlots',
        message:
          'Only the first 6 slots were returned: the list stops at 2026-12-08T14:00:00.000Z (Dr. Lee, 2026-12-08 09:00 local time). Narrow the dates or raise maxSlots to see later slots.',
      },
    ]);
    expect(runToEnd(patientEngine.slotSteps(clinic, query))).toMatchObject({
      diagnostics: result.diagnostics,
    });
    slots.dispose();
  });

  it('checks the deadline between provider-day steps and stops with TIMEOUT', async () => {
    let calls = 0;
    const slowEngine: typeof mainThreadEngine = {
      ...mainThreadEngine,
      answerInSteps: function* (data, store) {
        const steps = mainThreadEngine.answerInSteps(data, store);
        for (;;) {
          calls++;
          vi.advanceTimersByTime(600);
          const step = steps.next();
          if (step.done) return step.value;
          yield;
        }
      },
    };
    const slots = client({
      createWorker: () => {
        throw new Error('no workers');
      },
      loadEngine: async () => slowEngine,
      deadlineMs: 2000,
    });
    const error = await rejection(slots.slots(clinic, { ...monday, to: '2026-12-31' }));
    expect([error.code, calls]).toEqual(['TIMEOUT', 4]);
    expect(events.some((e) => e.type === 'worker-killed')).toBe(false);
    slots.dispose();
  });

  it('rejects WORKER_CRASHED when neither a worker nor the engine script can be had', async () => {
    const slots = client({
      createWorker: () => {
        throw new Error('no workers');
      },
      loadEngine: async () => {
        throw new Error('https://cdn.example/slots-worker.js could not be loaded as a script.');
      },
    });
    const error = await rejection(slots.slots(clinic, monday));
    expect([error.code, error.message]).toEqual([
      'WORKER_CRASHED',
      'No worker could run and the slot engine could not be loaded on the page: Error: https://cdn.example/slots-worker.js could not be loaded as a script.',
    ]);
    slots.dispose();
  });
});

describe('the patient client and the admin client', () => {
  const unsupported =
    "This worker answers slots and validate requests only: lint and diff run in the admin worker, admin-worker.js (the admin client's workerUrl must name that file).";

  it("rejects the admin client's lint or diff on the patient's worker (a wrong workerUrl) with PROTOCOL and the worker's explanation", async () => {
    const workers = fakeWorkers(() => new FakeWorker({ engine: patientEngine }));
    const slots = adminClient({ createWorker: workers.createWorker });
    const lintError = await answered(rejection(slots.lint(clinic, { now: monday.now })));
    expect([lintError.code, lintError.message]).toEqual(['PROTOCOL', unsupported]);
    expect(
      (
        await answered(
          rejection(slots.diff(clinic, clinic, { now: monday.now, from: monday.from, to: monday.to })),
        )
      ).message,
    ).toBe(unsupported);
    // A refusal, not a crash: the same worker goes on answering slots.
    expect((await answered(slots.slots(clinic, monday))).slots).toHaveLength(5);
    expect(workers.created).toHaveLength(1);
    slots.dispose();
  });

  // No Worker in Node: both clients fall back to the engine of their own bundle, loaded from source.
  it('gives the admin client the admin engine, which lints, and the patient client neither lint nor diff', async () => {
    const admin = adminClient({});
    const linted = await admin.lint(clinic, { now: monday.now });
    expect([linted.result.ok, linted.stats.degraded]).toEqual([true, true]);
    admin.dispose();
    const patient = client({});
    expect(['lint' in patient, 'diff' in patient]).toEqual([false, false]);
    expect((await patient.slots(clinic, monday)).stats.degraded).toBe(true);
    patient.dispose();
  });
});

describe('SlotClient.warm()', () => {
  it('starts exactly one worker, sends it nothing, and the next job runs on that worker', async () => {
    const workers = fakeWorkers();
    const slots = client({ createWorker: workers.createWorker });
    slots.warm();
    slots.warm();
    expect(workers.created).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(workers.created[0]!.received).toEqual([]);
    expect(events).toEqual([]);
    expect((await answered(slots.slots(clinic, monday))).slots).toHaveLength(5);
    expect(workers.created).toHaveLength(1);
    expect(workers.created[0]!.received.map((m) => m.kind)).toEqual(['slots']);
    slots.warm();
    expect(workers.created).toHaveLength(1);
    slots.dispose();
  });

  it('starts no second worker while a job runs on the first', async () => {
    const workers = fakeWorkers();
    const slots = client({ createWorker: workers.createWorker });
    const job = slots.slots(clinic, monday);
    slots.warm();
    await vi.advanceTimersByTimeAsync(10);
    await job;
    expect(workers.created).toHaveLength(1);
    slots.dispose();
  });

  it('ends a warmed worker that gets no job within idleTimeoutMs, and starts a new one for the next job', async () => {
    const workers = fakeWorkers();
    const slots = client({ createWorker: workers.createWorker, idleTimeoutMs: 5000 });
    slots.warm();
    await vi.advanceTimersByTimeAsync(4999);
    expect(workers.live()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(workers.created[0]!.terminated).toBe(true);
    expect(workers.created[0]!.listenerCount()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    expect((await answered(slots.slots(clinic, monday))).slots).toHaveLength(5);
    expect(workers.created).toHaveLength(2);
    slots.dispose();
  });

  it('keeps a warmed worker that gets its job in time, and restarts the idle timeout after the job', async () => {
    const workers = fakeWorkers();
    const slots = client({ createWorker: workers.createWorker, idleTimeoutMs: 5000 });
    slots.warm();
    await vi.advanceTimersByTimeAsync(4000);
    await answered(slots.slots(clinic, monday));
    await vi.advanceTimersByTimeAsync(4999);
    expect(workers.live()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(workers.live()).toBe(0);
    slots.dispose();
  });

  it('dispose() after warm() leaves no worker, listener or timer', async () => {
    const workers = fakeWorkers();
    const slots = client({ createWorker: workers.createWorker });
    slots.warm();
    // The fake's own "ready" announcement is a timer too: let it fire first.
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(1);
    slots.dispose();
    expect(workers.created[0]!.terminated).toBe(true);
    expect(workers.created[0]!.listenerCount()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does nothing after dispose()', () => {
    const workers = fakeWorkers();
    const slots = client({ createWorker: workers.createWorker });
    slots.dispose();
    slots.warm();
    expect(workers.created).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('falls back at once when no worker can be created, loads nothing, and the first job runs on the main thread', async () => {
    let attempts = 0;
    const loadEngine = vi.fn(async () => mainThreadEngine);
    const slots = client({
      createWorker: () => {
        attempts++;
        throw new DOMException('Refused by the Content-Security-Policy', 'SecurityError');
      },
      loadEngine,
    });
    slots.warm();
    slots.warm();
    expect(attempts).toBe(1);
    expect(loadEngine).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
    expect(events).toEqual([
      {
        type: 'degraded',
        reason: 'No worker could be created: SecurityError: Refused by the Content-Security-Policy',
      },
    ]);
    const result = await slots.slots(clinic, monday);
    expect([result.slots.length, result.stats.degraded]).toEqual([5, true]);
    expect([attempts, loadEngine.mock.calls.length]).toEqual([1, 1]);
    slots.dispose();
  });

  it('ready() waits for the warmed worker to announce itself, and is at once when none runs', async () => {
    const workers = fakeWorkers();
    const slots = client({ createWorker: workers.createWorker });
    let settled = false;
    await slots.ready();
    slots.warm();
    void slots.ready().then(() => {
      settled = true;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    expect(workers.created).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(true);
    await slots.ready();
    slots.dispose();
  });

  it('ready() settles when the worker fails before announcing itself, or the client is disposed', async () => {
    const workers = fakeWorkers(() => new FakeWorker({ ready: false }));
    const slots = client({ createWorker: workers.createWorker, loadEngine: async () => mainThreadEngine });
    slots.warm();
    const failed = slots.ready();
    workers.created[0]!.emit('error');
    await failed;
    const other = client({ createWorker: fakeWorkers(() => new FakeWorker({ ready: false })).createWorker });
    other.warm();
    const disposed = other.ready();
    other.dispose();
    await disposed;
    slots.dispose();
  });

  it('falls back when a warmed worker fails before its script ran, and leaves no idle timer behind', async () => {
    const workers = fakeWorkers(() => new FakeWorker({ ready: false }));
    const slots = client({ createWorker: workers.createWorker, loadEngine: async () => mainThreadEngine });
    slots.warm();
    workers.created[0]!.emit('error');
    expect(workers.created[0]!.terminated).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    expect(events).toEqual([
      { type: 'degraded', reason: 'The slot worker could not start: Uncaught Error: boom' },
    ]);
    const result = await slots.slots(clinic, monday);
    expect(result.stats.degraded).toBe(true);
    expect(workers.created).toHaveLength(1);
    slots.dispose();
  });

  it('does not get a job past the circuit breaker: rules stopped 3 times stay refused on a warmed worker', async () => {
    const workers = fakeWorkers(() => new FakeWorker({ behaviour: 'hang' }));
    const slots = client({ createWorker: workers.createWorker, deadlineMs: 100 });
    for (let kill = 0; kill < 3; kill++) {
      const stuck = rejection(slots.slots(clinic, monday));
      await vi.advanceTimersByTimeAsync(100);
      expect((await stuck).code).toBe('TIMEOUT');
    }
    slots.warm();
    expect(workers.created).toHaveLength(4);
    const refused = await rejection(slots.slots(clinic, monday));
    expect(refused.code).toBe('RULES_UNCOMPUTABLE');
    expect(workers.created[3]!.received).toEqual([]);
    slots.dispose();
  });
});
