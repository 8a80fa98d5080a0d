/**
 * `publishInWorker`: `publishSmart` in a `worker_threads` Worker with a heap limit and a
 * deadline, the same watchdog idea as the browser's. A document that makes the engine run too
 * long or too big costs one terminated thread and a named error, never the server process.
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
  /** Terminate the thread after this long (its start included); default 60,000. */
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
 * The publication's files, computed in a fresh worker thread that is terminated when done.
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
    const worker = new Worker(new URL('./publish-thread.mjs', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: heapMb, stackSizeMb: 4 },
    });
    let settled = false;
    const finish = (result: PublishResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      limits.signal?.removeEventListener('abort', stop);
      void worker.terminate();
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
    limits.signal?.addEventListener('abort', stop, { once: true });
    worker.once('message', (result: PublishResult) => finish(result));
    worker.once('error', (error: Error & { code?: string }) =>
      finish(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? failed(
              'PUBLISH_OUT_OF_MEMORY',
              `Publishing needed more than ${heapMb} MB; the worker was stopped.`,
            )
          : failed('PUBLISH_FAILED', `The publishing worker failed: ${error.message}`),
      ),
    );
    worker.once('exit', (code) =>
      finish(failed('PUBLISH_FAILED', `The publishing worker stopped (exit code ${code}).`)),
    );
    try {
      worker.postMessage({ rules, busy, options } satisfies PublishRequest);
    } catch (error) {
      finish(
        failed('PUBLISH_FAILED', `The rules could not be sent to the worker: ${(error as Error).message}`),
      );
    }
  });
}
