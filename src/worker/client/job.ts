/**
 * One request as the client tracks it: its documents by hash, its keys for the cache and the
 * circuit breaker, its deadline and how it ends. `requestFor` turns it into a wire request.
 */
import type { SlotQuery } from '../../engine/types.ts';
import type { Request, RequestKind, RulesRef } from '../protocol.ts';
import { JobError } from './job-error.ts';
import { hashRules, stableKey } from './rules-hash.ts';
import type { JobOptions, JobStats } from './slot-jobs.ts';

export interface RulesInput {
  field: 'rules' | 'saved' | 'draft';
  value: unknown;
}

export interface JobAnswer<T> {
  result: T;
  stats: JobStats;
}

export interface Job {
  id: number;
  kind: RequestKind;
  refs: { field: RulesInput['field']; hash: string; document: unknown }[];
  args: unknown;
  /** The documents' hashes: kills are counted per document (pair, for a diff). */
  breakerKey: string;
  cacheKey: string;
  lane: string | undefined;
  deadlineMs: number;
  state: 'queued' | 'running' | 'settled';
  /** Running in the degraded fallback rather than in a worker. */
  onMainThread: boolean;
  /** Already re-sent once with its documents after a RULES_NOT_LOADED answer. */
  resent: boolean;
  startedAt: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  onAbort: (() => void) | undefined;
  detachAbort: (() => void) | undefined;
  resolve(answer: JobAnswer<unknown>): void;
  reject(error: JobError): void;
}

/** A queued job, or a PROTOCOL error when its documents or arguments are not plain data. */
export function newJob(
  id: number,
  kind: RequestKind,
  docs: RulesInput[],
  args: unknown,
  options: JobOptions,
  defaultDeadlineMs: number,
): Job | JobError {
  let refs: Job['refs'];
  let argsKey: string;
  try {
    refs = docs.map((doc) => ({ field: doc.field, hash: hashRules(doc.value), document: doc.value }));
    argsKey = stableKey(args);
  } catch (thrown) {
    return new JobError('PROTOCOL', thrown instanceof Error ? thrown.message : String(thrown));
  }
  const hashes = refs.map((ref) => ref.hash).join('+');
  const deadline = options.deadlineMs;
  return {
    id,
    kind,
    refs,
    args,
    breakerKey: hashes,
    cacheKey: `${kind}\u0000${hashes}\u0000${argsKey}`,
    lane: options.lane,
    deadlineMs:
      deadline !== undefined && Number.isFinite(deadline) && deadline > 0 ? deadline : defaultDeadlineMs,
    state: 'queued',
    onMainThread: false,
    resent: false,
    startedAt: 0,
    timer: undefined,
    onAbort: undefined,
    detachAbort: undefined,
    resolve: () => {},
    reject: () => {},
  };
}

/** The wire request; a document travels only where `withDocument(hash)` says the receiver lacks it. */
export function requestFor(job: Job, withDocument: (hash: string) => boolean): Request {
  const refs = job.refs.map(
    (ref): RulesRef =>
      withDocument(ref.hash) ? { hash: ref.hash, document: ref.document } : { hash: ref.hash },
  );
  const base = { v: 1 as const, id: job.id };
  switch (job.kind) {
    case 'slots':
      return { ...base, kind: 'slots', rules: refs[0]!, query: job.args as SlotQuery };
    case 'validate':
      return { ...base, kind: 'validate', rules: refs[0]! };
    case 'lint':
      return { ...base, kind: 'lint', rules: refs[0]!, options: job.args as never };
    case 'diff':
      return { ...base, kind: 'diff', saved: refs[0]!, draft: refs[1]!, options: job.args as never };
  }
}
