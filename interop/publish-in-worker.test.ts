import { beforeAll, describe, expect, it } from 'vitest';
import { largeClinic } from '../bench/large-clinic.ts';
import type { RulesDocument } from '../src/engine/index.ts';
import { keptThreads, publishInWorker } from './publish-in-worker.ts';
import { publishSmart } from './publish-smart.ts';

const RULES: RulesDocument = {
  version: 1,
  timezone: 'America/New_York',
  providers: [{ id: 'lee', name: 'Dr. Ana Lee', weekly: { mon: [{ start: '09:00', end: '12:00' }] } }],
  appointmentTypes: [{ id: 'checkup', name: 'Checkup', providerIds: ['lee'], durationMinutes: 30 }],
};
const OPTIONS = { baseUrl: 'https://clinic.example/smart', now: '2026-11-30T12:00:00Z' };
/**
 * Seconds of work and hundreds of megabytes for the benchmark clinic, whatever the thread has
 * loaded already (a year would stop early, at the slot ceiling, in a thread that is already warm).
 */
const LONG = { ...OPTIONS, days: 91 };

let large: RulesDocument;
// The benchmark clinic (31,440 bookings) is generated once for the file, outside the tests.
beforeAll(() => {
  large = largeClinic();
}, 60_000);

describe('publishInWorker', () => {
  it('gives in a worker thread the very files publishSmart gives', async () => {
    expect(await publishInWorker(RULES, [], OPTIONS)).toEqual(publishSmart(RULES, [], OPTIONS));
  });

  it('keeps the threads of answers for the next publications, at most two, and none it stopped', async () => {
    const publishing = () => publishInWorker(RULES, [], OPTIONS);
    await Promise.all([publishing(), publishing()]);
    expect(keptThreads()).toBe(2);
    // Two threads taken again and one started: the third goes once it has answered.
    const answers = await Promise.all([publishing(), publishing(), publishing()]);
    expect(answers).toEqual(Array(3).fill(publishSmart(RULES, [], OPTIONS)));
    expect(keptThreads()).toBe(2);
    const late = await publishInWorker(large, [], LONG, { deadlineMs: 400 });
    expect(late).toMatchObject({ ok: false, error: { code: 'PUBLISH_TIMEOUT' } });
    expect(keptThreads()).toBe(1);
    expect(await publishing()).toEqual(publishSmart(RULES, [], OPTIONS));
    expect(keptThreads()).toBe(1);
    // A week of the benchmark clinic is about 9 million characters of files: its thread goes.
    expect(await publishInWorker(large, [], { ...OPTIONS, days: 7 })).toMatchObject({ ok: true });
    expect(keptThreads()).toBe(0);
  }, 30_000);

  it('passes the named errors of the pure function through', async () => {
    const result = await publishInWorker({ ...RULES, timezone: 'Nowhere/Else' }, [], OPTIONS);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_RULES' } });
  });

  it('terminates a thread that runs past its deadline, with PUBLISH_TIMEOUT', async () => {
    const result = await publishInWorker(large, [], LONG, { deadlineMs: 400 });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'PUBLISH_TIMEOUT',
        message: 'Publishing took longer than 400 ms; the worker was stopped.',
      },
    });
  }, 30_000);

  it('terminates the thread when its signal is aborted, with PUBLISH_STOPPED', async () => {
    const stopping = new AbortController();
    const publishing = publishInWorker(large, [], LONG, { signal: stopping.signal });
    stopping.abort();
    const stoppedAnswer = {
      ok: false,
      error: { code: 'PUBLISH_STOPPED', message: 'Publishing was stopped before it finished.' },
    };
    expect(await publishing).toEqual(stoppedAnswer);
    expect(await publishInWorker(RULES, [], OPTIONS, { signal: stopping.signal })).toEqual(stoppedAnswer);
  });

  it('stops a thread that outgrows its heap with PUBLISH_OUT_OF_MEMORY, and this process goes on', async () => {
    const result = await publishInWorker(large, [], LONG, { maxOldGenerationSizeMb: 48, deadlineMs: 60_000 });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'PUBLISH_OUT_OF_MEMORY',
        message: 'Publishing needed more than 48 MB; the worker was stopped.',
      },
    });
    expect(await publishInWorker(RULES, [], OPTIONS)).toMatchObject({ ok: true });
  }, 60_000);
});
