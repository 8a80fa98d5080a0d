import { JobError } from '../../src/worker/client/client.ts';

/** The rejection of `promise` as a JobError; fails the test when it resolves or throws anything else. */
export async function rejection(promise: Promise<unknown>): Promise<JobError> {
  const outcome = await promise.then(
    (value) => new Error(`resolved with ${JSON.stringify(value)}`),
    (error: unknown) => error,
  );
  if (!(outcome instanceof JobError)) throw outcome;
  return outcome;
}
