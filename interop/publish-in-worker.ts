/**
 * `publishInWorker`: `publishSmart` in a `worker_threads` Worker with a heap limit and a
 * deadline, the same watchdog idea as the browser's. A document that makes the engine run too
 * long or too big costs one terminated thread and a named error, never the server process; a
 * thread that answered is kept a while for the next publication.
 * Node only (the pure `publishSmart` is what the rest of the code imports).
 */
import { Worker } from 'node:worker_threads';
import type { BusyEntry, RulesDocument } from '../src/engine/index.ts';
import { PUBLISH_LIMITS } from './limits.ts';
import type { PublishOptions, PublishResult } from './publish-smart.ts';

export interface PublishRequest {
  rules: RulesDocument;
  busy: BusyEntry[];
  options: PublishOptions;
}

export interface WorkerLimits {
  /** Terminate the thread after this long (its start included, when it is a new one); default 60,000. */
  deadlineMs?: number;
  /** The thread's old-generation heap; default 1,024 MB. Past it the thread dies, not the process. */
  maxOldGenerationSizeMb?: number;
  /** Aborted (a server stopping): the thread is terminated and the answer is `PUBLISH_STOPPED`. */
  signal?: AbortSignal;
}

function failed(
  code: 'PUBLISH_TIMEOUT' | 'PUBLISH_OUT_OF_MEMORY' | 'PUBLISH_FAILED' | 'PUBLISH_STOPPED',
  message: string,
): PublishResult {
  return { ok: false, error: { code, message } };
}

/**
 * The publication's files, computed in a worker thread that is terminated when it runs past the
 * deadline, outgrows its heap or is stopped. A thread that answered goes back to a small pool
 * (`keptThreads`) for the next publication.
 * @example
 * const result = await publishInWorker(rules, bookings, { baseUrl, now: Date.now() }, { deadlineMs: 30_000 });
 * // result.ok === false && result.error.code === 'PUBLISH_TIMEOUT' when it ran past 30 s
 */
export function publishInWorker(
  rules: RulesDocument,
  busy: BusyEntry[],
  options: PublishOptions,
  limits: WorkerLimits = {},
): Promise<PublishResult> {
  const deadlineMs = limits.deadlineMs ?? PUBLISH_LIMITS.defaultDeadlineMs;
  const heapMb = limits.maxOldGenerationSizeMb ?? PUBLISH_LIMITS.defaultMaxOldGenerationSizeMb;
  const stopped = () => failed('PUBLISH_STOPPED', 'Publishing was stopped before it finished.');
  if (limits.signal?.aborted) return Promise.resolve(stopped());
  return new Promise((resolve) => {
    const worker = takeThread(heapMb);
    let settled = false;
    const finish = (result: PublishResult, reusable = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      limits.signal?.removeEventListener('abort', stop);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (reusable) keepThread(worker, heapMb, result);
      else void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(
      () =>
        finish(
          failed('PUBLISH_TIMEOUT', `Publishing took longer than ${deadlineMs} ms; the worker was stopped.`),
        ),
      deadlineMs,
    );
    const stop = () => finish(stopped());
    const onMessage = (result: PublishResult) => finish(result, true);
    const onError = (error: Error & { code?: string }) =>
      finish(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? failed(
              'PUBLISH_OUT_OF_MEMORY',
              `Publishing needed more than ${heapMb} MB; the worker was stopped.`,
            )
          : failed('PUBLISH_FAILED', `The publishing worker failed: ${error.message}`),
      );
    const onExit = (code: number) =>
      finish(failed('PUBLISH_FAILED', `The publishing worker stopped (exit code ${code}).`));
    limits.signal?.addEventListener('abort', stop, { once: true });
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    try {
      worker.postMessage({ rules, busy, options } satisfies PublishRequest);
    } catch (error) {
      finish(
        failed('PUBLISH_FAILED', `The rules could not be sent to the worker: ${(error as Error).message}`),
      );
    }
  });
}

/**
 * Threads that answered, kept for the next publication. Starting one (Node, tsx and the engine's
 * modules) takes about 0.3 s, more than ten times what publishing the sample clinic does, and a server
 * of many clinics publishes each of them every few minutes. A kept thread is terminated after
 * `PUBLISH_POOL.idleMs` unused, and one that made a large publication is not kept, so the memory
 * of a big clinic's publication goes back at once. Kept threads do not hold the process open.
 */
const idleThreads: IdleThread[] = [];

interface IdleThread {
  worker: Worker;
  heapMb: number;
  timer: ReturnType<typeof setTimeout>;
  /** Takes the thread out of the pool should it fail or end by itself while idle. */
  leave: () => void;
}

const PUBLISH_POOL = {
  /** Idle threads kept at most. */
  kept: 2,
  /** How long an idle thread is kept. */
  idleMs: 60_000,
  /** A publication whose files are larger (in characters) leaves its thread terminated. */
  largestKeptResult: 4_000_000,
} as const;

/** How many idle publishing threads are kept now. */
export function keptThreads(): number {
  return idleThreads.length;
}

function takeThread(heapMb: number): Worker {
  const index = idleThreads.findIndex((thread) => thread.heapMb === heapMb);
  if (index === -1) {
    return new Worker(new URL('./publish-thread.mjs', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: heapMb, stackSizeMb: 4 },
    });
  }
  const thread = idleThreads.splice(index, 1)[0]!;
  clearTimeout(thread.timer);
  thread.worker.off('exit', thread.leave).off('error', thread.leave);
  thread.worker.ref();
  return thread.worker;
}

function keepThread(worker: Worker, heapMb: number, result: PublishResult): void {
  const size = result.ok ? Object.values(result.files).reduce((sum, text) => sum + text.length, 0) : 0;
  if (idleThreads.length >= PUBLISH_POOL.kept || size > PUBLISH_POOL.largestKeptResult) {
    void worker.terminate();
    return;
  }
  const thread: IdleThread = {
    worker,
    heapMb,
    timer: setTimeout(() => {
      forget(thread);
      void worker.terminate();
    }, PUBLISH_POOL.idleMs),
    leave: () => forget(thread),
  };
  thread.timer.unref();
  worker.unref();
  worker.on('exit', thread.leave).on('error', thread.leave);
  idleThreads.push(thread);
}

function forget(thread: IdleThread): void {
  const index = idleThreads.indexOf(thread);
  if (index === -1) return;
  clearTimeout(thread.timer);
  idleThreads.splice(index, 1);
}
