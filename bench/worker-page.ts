/**
 * The in-page half of `npm run bench:worker` (loaded by the Vite dev server into headless
 * Chromium). Every job runs on the BUILT worker, `/dist/slots-worker.js`, as a clinic would get it.
 */

import { createSlotClient, type JobError } from '../src/worker/client/client.ts';
import { watchMainThread } from '../test/worker/watch-main-thread.ts';
import { yearQuery, yearRules } from '../test/worker/year-rules.ts';

const WORKER = '/dist/slots-worker.js';
const HANG = '/test/fixtures/workers/hang-worker.js';
const DEADLINE_MS = 500;

export interface WorkerFigures {
  deadlineToAnswerMs: number[];
  timerOvershootMs: number[];
  yearLongestTaskMs: number[];
  yearLongestGapMs: number[];
  yearWorkerMs: number[];
  monthColdMs: number[];
  monthWarmMs: number[];
  largeFirstMs: number[];
  largeByHashMs: number[];
  largeDocumentKb: number;
  degradedYearMs: number[];
  degradedLongestTaskMs: number[];
}

const month = { ...yearQuery, from: '2027-03-01', to: '2027-03-31' };

/** Runs every measurement `runs` times. */
export async function measureAll(runs: number): Promise<WorkerFigures> {
  const figures: WorkerFigures = {
    deadlineToAnswerMs: [],
    timerOvershootMs: [],
    yearLongestTaskMs: [],
    yearLongestGapMs: [],
    yearWorkerMs: [],
    monthColdMs: [],
    monthWarmMs: [],
    largeFirstMs: [],
    largeByHashMs: [],
    largeDocumentKb: 0,
    degradedYearMs: [],
    degradedLongestTaskMs: [],
  };
  for (let run = 0; run < runs; run++) {
    await deadlineToAnswer(run, figures);
    await yearResponsiveness(run, figures);
    await monthRoundTrip(run, figures);
    await largeDocument(run, figures);
    await degradedYear(run, figures);
  }
  return figures;
}

/** A job hangs; from its deadline, how long until a fresh worker answers the next one. */
async function deadlineToAnswer(run: number, figures: WorkerFigures): Promise<void> {
  let made = 0;
  const client = createSlotClient({
    deadlineMs: DEADLINE_MS,
    createWorker: () => new Worker(made++ === 0 ? HANG : WORKER),
  });
  const rules = { ...yearRules, clinic: { name: `Run ${run}` } };
  const started = performance.now();
  const timedOut = await client.slots(rules, month).then(
    () => null,
    (error: JobError) => error.code,
  );
  const deadlineAt = performance.now();
  if (timedOut !== 'TIMEOUT') throw new Error(`expected TIMEOUT, got ${timedOut}`);
  await client.slots(rules, { ...month, to: '2027-03-01' }, { deadlineMs: 10_000 });
  figures.deadlineToAnswerMs.push(performance.now() - deadlineAt);
  figures.timerOvershootMs.push(deadlineAt - started - DEADLINE_MS);
  client.dispose();
}

async function yearResponsiveness(run: number, figures: WorkerFigures): Promise<void> {
  const client = createSlotClient({ workerUrl: WORKER, deadlineMs: 20_000 });
  const rules = { ...yearRules, clinic: { name: `Year ${run}` } };
  await client.validate(rules);
  const {
    value: result,
    longestTaskMs,
    longestGapMs,
  } = await watchMainThread(() => client.slots(rules, yearQuery));
  // The client's own measure: the watch waits a little after the answer.
  figures.yearWorkerMs.push(result.stats.elapsedMs);
  if (result.slots.length !== 23_490) throw new Error(`expected 23490 slots, got ${result.slots.length}`);
  figures.yearLongestTaskMs.push(longestTaskMs);
  figures.yearLongestGapMs.push(longestGapMs);
  client.dispose();
}

/** A one-month query: on a new client (worker start included) and on a warm one (excluded). */
async function monthRoundTrip(run: number, figures: WorkerFigures): Promise<void> {
  const client = createSlotClient({ workerUrl: WORKER, deadlineMs: 20_000 });
  const rules = { ...yearRules, clinic: { name: `Month ${run}` } };
  let started = performance.now();
  await client.slots(rules, month);
  figures.monthColdMs.push(performance.now() - started);
  // Another `now` so the cache cannot answer.
  started = performance.now();
  await client.slots(rules, { ...month, now: '2026-11-24T12:01:00Z' });
  figures.monthWarmMs.push(performance.now() - started);
  client.dispose();
}

/** A large document (20,000 busy entries): first job sends it, the next refers to it by hash. */
async function largeDocument(run: number, figures: WorkerFigures): Promise<void> {
  const busy = Array.from({ length: 20_000 }, (_, i) => {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const hour = String(8 + (i % 10)).padStart(2, '0');
    return {
      providerId: ['ana', 'ben', 'cai'][i % 3]!,
      start: `2027-02-${day}T${hour}:00:00Z`,
      end: `2027-02-${day}T${hour}:20:00Z`,
    };
  });
  const rules = { ...yearRules, clinic: { name: `Large ${run}` }, busy };
  figures.largeDocumentKb = Math.round(JSON.stringify(rules).length / 1024);
  const client = createSlotClient({ workerUrl: WORKER, deadlineMs: 20_000 });
  await client.validate(yearRules);
  let started = performance.now();
  await client.slots(rules, month);
  figures.largeFirstMs.push(performance.now() - started);
  started = performance.now();
  await client.slots(rules, { ...month, now: '2026-11-24T12:01:00Z' });
  figures.largeByHashMs.push(performance.now() - started);
  client.dispose();
}

/** The fallback: no worker may start, the engine is loaded from the built file into the page. */
async function degradedYear(run: number, figures: WorkerFigures): Promise<void> {
  const client = createSlotClient({
    workerUrl: WORKER,
    deadlineMs: 20_000,
    createWorker: () => {
      throw new DOMException('Refused for the benchmark', 'SecurityError');
    },
  });
  const rules = { ...yearRules, clinic: { name: `Degraded ${run}` } };
  await client.validate(rules);
  const { value, longestTaskMs } = await watchMainThread(() => client.slots(rules, yearQuery));
  if (!value.stats.degraded || value.slots.length !== 23_490)
    throw new Error('expected a degraded year of slots');
  figures.degradedYearMs.push(value.stats.elapsedMs);
  figures.degradedLongestTaskMs.push(longestTaskMs);
  client.dispose();
}
