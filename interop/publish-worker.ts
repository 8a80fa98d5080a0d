/**
 * The worker thread's side of `publishInWorker`: each request in, its result out, one at a time
 * (the parent sends the next only after the answer). Slot generation is synchronous, so a thread
 * that runs too long can only be terminated from outside.
 */
import { parentPort } from 'node:worker_threads';
import type { PublishRequest } from './publish-in-worker.ts';
import { publishSmart } from './publish-smart.ts';

parentPort?.on('message', (request: PublishRequest) => {
  parentPort?.postMessage(publishSmart(request.rules, request.busy, request.options));
});
