import { describe, expect, it } from 'vitest';
import clinic from '../../../test/fixtures/workers/clinic-rules.json' with { type: 'json' };
import type { Reply } from '../protocol.ts';
import { adminEngine } from './admin-engine.ts';
import { handleMessage, UNSUPPORTED_KIND_MESSAGE, type WorkerEngine } from './handle-message.ts';
import { patientEngine } from './patient-engine.ts';
import { RulesStore } from './rules-store.ts';

const monday = {
  appointmentTypeId: 'visit',
  from: '2026-12-07',
  to: '2026-12-07',
  now: '2026-11-24T12:00:00Z',
};

/** `handleMessage` with the patient's engine and a fresh store unless told otherwise. */
function handle(data: unknown, store = new RulesStore(), engine: WorkerEngine = patientEngine): Reply {
  return handleMessage(data, store, engine);
}

function slotsRequest(extra: Record<string, unknown> = {}) {
  return { v: 1, id: 7, kind: 'slots', rules: { hash: 'h1', document: clinic }, query: monday, ...extra };
}

function starts(reply: Reply): string[] {
  if (!reply.ok || reply.kind !== 'slots') throw new Error(`expected slots, got ${JSON.stringify(reply)}`);
  return reply.result.slots.map((s) => `${new Date(s.start).toISOString()} ${s.providerId}`);
}

describe('handleMessage', () => {
  it('answers a slots request with the slots, echoing the id, and measures them', () => {
    const reply = handle(slotsRequest());
    expect(starts(reply)).toEqual([
      '2026-12-07T14:00:00.000Z kim',
      '2026-12-07T14:00:00.000Z lee',
      '2026-12-07T15:00:00.000Z kim',
      '2026-12-07T15:00:00.000Z lee',
      '2026-12-07T16:00:00.000Z lee',
    ]);
    expect(reply).toMatchObject({
      id: 7,
      ok: true,
      kind: 'slots',
      result: { truncated: false, diagnostics: [] },
    });
    expect(reply.metrics.slotCount).toBe(5);
    expect(reply.metrics.diagnosticCount).toBe(0);
    expect(reply.metrics.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it('refuses an invalid document as INVALID_RULES data carrying the engine diagnostics', () => {
    const reply = handle(
      slotsRequest({ rules: { hash: 'bad', document: { ...clinic, timezone: 'Mars/Base' } } }),
    );
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.id).toBe(7);
    expect(reply.error.code).toBe('INVALID_RULES');
    expect(reply.error.diagnostics?.map((d) => [d.code, d.path])).toEqual([
      ['INVALID_TIMEZONE', '/timezone'],
    ]);
    expect(reply.metrics.diagnosticCount).toBe(1);
  });

  it('refuses a bad query as INVALID_QUERY data', () => {
    const reply = handle(slotsRequest({ query: { ...monday, appointmentTypeId: 'surgery' } }));
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('INVALID_QUERY');
    expect(reply.error.diagnostics?.map((d) => d.code)).toEqual(['UNKNOWN_APPOINTMENT_TYPE']);
  });

  it.each([
    ['a string', 'hello', null, 'A request must be an object.'],
    ['no id', { v: 1, kind: 'slots' }, null, 'A request must carry an integer id.'],
    [
      'another version',
      { v: 2, id: 3, kind: 'slots' },
      3,
      'Protocol version 2 is not supported (expected 1).',
    ],
    ['an unknown kind', { v: 1, id: 3, kind: 'book' }, 3, 'Unknown request kind "book".'],
  ])('answers %s with a PROTOCOL error', (_name, data, id, message) => {
    expect(handle(data)).toEqual({
      id,
      ok: false,
      error: { code: 'PROTOCOL', message },
      metrics: { elapsedMs: expect.any(Number), slotCount: 0, diagnosticCount: 0 },
    });
  });

  it('refuses a document that is not plain JSON data (a Date, a cycle) as BAD_REQUEST', () => {
    const withDate = {
      ...clinic,
      providers: [{ ...clinic.providers[0], since: new Date(Date.UTC(2026, 0, 1)) }],
    };
    const dated = handle(slotsRequest({ rules: { hash: 'd', document: withDate } }));
    expect(dated).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_REQUEST',
        message: 'The rules document is not plain JSON data: /providers/0/since is not a plain object.',
      },
    });
    const cyclic: Record<string, unknown> = { ...clinic };
    cyclic.self = cyclic;
    const looped = handle(slotsRequest({ rules: { hash: 'c', document: cyclic } }));
    expect(looped.ok).toBe(false);
    if (!looped.ok) expect(looped.error.code).toBe('BAD_REQUEST');
  });

  it('refuses a query holding a function or a missing query as BAD_REQUEST', () => {
    const fn = handle(slotsRequest({ query: { ...monday, now: () => 0 } }));
    expect(fn).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'A slots request needs a query object.' },
    });
    const none = handle(slotsRequest({ query: undefined }));
    expect(none).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('keeps a document sent once and answers later requests that refer to it by hash', () => {
    const store = new RulesStore();
    expect(handle(slotsRequest(), store).ok).toBe(true);
    const byHash = handle(slotsRequest({ id: 8, rules: { hash: 'h1' } }), store);
    expect(starts(byHash)).toHaveLength(5);
    const unknown = handle(slotsRequest({ id: 9, rules: { hash: 'h2' } }), store);
    expect(unknown).toMatchObject({
      id: 9,
      ok: false,
      error: { code: 'RULES_NOT_LOADED', message: 'No rules document with hash h2 is loaded.' },
    });
  });

  it('forgets the least recently used document beyond its capacity', () => {
    const store = new RulesStore(2);
    for (const hash of ['a', 'b', 'c']) handle(slotsRequest({ rules: { hash, document: clinic } }), store);
    expect([store.has('a'), store.has('b'), store.has('c')]).toEqual([false, true, true]);
  });

  it('validates a document and reports its warnings and errors', () => {
    const good = handle({ v: 1, id: 1, kind: 'validate', rules: { hash: 'h', document: clinic } });
    expect(good).toMatchObject({
      ok: true,
      kind: 'validate',
      result: { ok: true, errors: [], warnings: [] },
    });
    const bad = handle({
      v: 1,
      id: 2,
      kind: 'validate',
      rules: { hash: 'x', document: { version: 3 } },
    });
    expect(bad.ok && bad.kind === 'validate' && bad.result.ok).toBe(false);
    if (bad.ok && bad.kind === 'validate') {
      expect(bad.result.errors[0]?.code).toBe('UNSUPPORTED_VERSION');
      expect(bad.metrics.diagnosticCount).toBe(bad.result.errors.length + bad.result.warnings.length);
    }
  });

  it('lints and diffs with the admin engine, and asks for their options', () => {
    const admin = (data: unknown) => handle(data, new RulesStore(), adminEngine);
    const lint = admin({
      v: 1,
      id: 1,
      kind: 'lint',
      rules: { hash: 'h', document: clinic },
      options: { now: '2026-11-24T12:00:00Z' },
    });
    expect(lint).toMatchObject({ id: 1, ok: true, kind: 'lint', result: { ok: true } });
    const noOptions = admin({ v: 1, id: 2, kind: 'lint', rules: { hash: 'h', document: clinic } });
    expect(noOptions).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'A lint request needs an options object.' },
    });
    const shorterMonday = { ...clinic.providers[0]!, weekly: { mon: [{ start: '09:00', end: '10:00' }] } };
    const draft = { ...clinic, providers: [shorterMonday, clinic.providers[1]] };
    const diff = admin({
      v: 1,
      id: 3,
      kind: 'diff',
      saved: { hash: 's', document: clinic },
      draft: { hash: 'd', document: draft },
      options: { now: '2026-11-24T12:00:00Z', from: '2026-12-07', to: '2026-12-07' },
    });
    if (!diff.ok || diff.kind !== 'diff' || !diff.result.ok) throw new Error(JSON.stringify(diff));
    const days = diff.result.diff.days.map((d) => [d.date, d.providerId, d.before, d.after]);
    expect(days).toEqual([
      ['2026-12-07', 'kim', 2, 2],
      ['2026-12-07', 'lee', 3, 1],
    ]);
  });

  it('refuses lint and diff on the patient engine as UNSUPPORTED_KIND, keeping the documents it was sent', () => {
    const store = new RulesStore();
    const lint = handle(
      { v: 1, id: 4, kind: 'lint', rules: { hash: 'h', document: clinic }, options: { now: monday.now } },
      store,
    );
    expect(lint).toEqual({
      id: 4,
      ok: false,
      error: {
        code: 'UNSUPPORTED_KIND',
        message:
          "This worker answers slots and validate requests only: lint and diff run in the admin worker, admin-worker.js (the admin client's workerUrl must name that file).",
      },
      metrics: { elapsedMs: expect.any(Number), slotCount: 0, diagnosticCount: 0 },
    });
    const diff = handle(
      {
        v: 1,
        id: 5,
        kind: 'diff',
        saved: { hash: 's', document: clinic },
        draft: { hash: 'd', document: clinic },
        options: { now: monday.now, from: monday.from, to: monday.to },
      },
      store,
    );
    expect(diff).toMatchObject({
      id: 5,
      ok: false,
      error: { code: 'UNSUPPORTED_KIND', message: UNSUPPORTED_KIND_MESSAGE },
    });
    // The client counts a document as held once sent: a later request may name it by hash alone.
    expect([store.has('h'), store.has('s'), store.has('d')]).toEqual([true, true, true]);
  });

  it('answers slots and validate alike with the patient and the admin engine', () => {
    const validate = { v: 1, id: 6, kind: 'validate', rules: { hash: 'h', document: clinic } };
    expect(starts(handle(slotsRequest(), new RulesStore(), adminEngine))).toEqual(
      starts(handle(slotsRequest())),
    );
    expect(handle(validate, new RulesStore(), adminEngine)).toMatchObject({ ok: true, kind: 'validate' });
    expect(handle(validate)).toMatchObject({ ok: true, kind: 'validate' });
  });

  it('gives the patient engine no lint or diff function, so the patient bundle cannot hold them', () => {
    expect(Object.keys(patientEngine).sort()).toEqual(['slotSteps', 'validateRules']);
    expect(Object.keys(adminEngine).sort()).toEqual(['diffRules', 'lintRules', 'slotSteps', 'validateRules']);
  });
});
