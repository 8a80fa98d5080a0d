/**
 * The worker's whole job as one function: a request in, a reply out. Pure apart from the rules
 * store it is given, so it is tested without a worker. Refusals (bad rules, bad query, malformed
 * messages, engine exceptions) come back as error replies; nothing is thrown across the boundary.
 * The engine functions come in as an argument (never imported here) so that each worker bundle
 * holds only the engine code it can run: lint and diff stay out of the patient's worker.
 *
 * `answerInSteps` is the same answer in the engine's steps (a slots request pauses after each
 * provider-day): the page's no-worker fallback runs it with turns of the event loop between them.
 */

import type { diffRules } from '../../engine/diff.ts';
import type { slotSteps } from '../../engine/generate.ts';
import type { Diagnostic, DiffOptions, LintOptions, QueryErrorCode, SlotQuery } from '../../engine/index.ts';
import type { lintRules } from '../../engine/lint.ts';
import { runToEnd, type Steps } from '../../engine/steps.ts';
import type { validateRules } from '../../engine/validate.ts';
import type { ErrorReply, Metrics, Reply, RequestKind, RulesRef, WireErrorCode } from '../protocol.ts';
import { describeNonPlainData } from './plain-data.ts';
import type { RulesStore } from './rules-store.ts';

const KINDS: ReadonlySet<string> = new Set<RequestKind>(['slots', 'validate', 'lint', 'diff']);

/** The engine's query refusals; any other error code means the document itself was refused. */
const QUERY_ERROR_CODES: Record<QueryErrorCode, true> = {
  UNKNOWN_APPOINTMENT_TYPE: true,
  UNKNOWN_PROVIDER: true,
  PROVIDER_NOT_OFFERING: true,
  INVALID_DATE_RANGE: true,
  RANGE_TOO_LARGE: true,
  INVALID_NOW: true,
  INVALID_QUERY: true,
};

/**
 * The engine functions a worker bundle carries. The patient's worker (`slots-worker.js`) has no
 * `lintRules`/`diffRules`; the admin worker (`admin-worker.js`) has all four.
 */
export interface WorkerEngine {
  slotSteps: typeof slotSteps;
  validateRules: typeof validateRules;
  lintRules?: typeof lintRules;
  diffRules?: typeof diffRules;
}

/** Why a lint or diff request reached a worker whose bundle leaves them out. */
export const UNSUPPORTED_KIND_MESSAGE =
  "This worker answers slots and validate requests only: lint and diff run in the admin worker, admin-worker.js (the admin client's workerUrl must name that file).";

type Fields = Record<string, unknown>;
type Outcome = { reply: Reply } | { document: unknown };

/**
 * Answers one message with the functions of `engine`. `store` keeps documents sent earlier (the
 * worker passes one store for its lifetime); a fresh store means every request must carry its
 * documents.
 * @example
 * handleMessage({ v: 1, id: 1, kind: 'lint', rules, options }, store, { slotSteps, validateRules })
 * // → { id: 1, ok: false, error: { code: 'UNSUPPORTED_KIND', message: UNSUPPORTED_KIND_MESSAGE }, metrics }
 */
export function handleMessage(data: unknown, store: RulesStore, engine: WorkerEngine): Reply {
  return runToEnd(answerInSteps(data, store, engine));
}

/** `handleMessage`'s answer, computed in the engine's steps. */
export function* answerInSteps(data: unknown, store: RulesStore, engine: WorkerEngine): Steps<Reply> {
  const started = performance.now();
  if (!isRecord(data)) return fail(null, 'PROTOCOL', 'A request must be an object.', started);
  const id = Number.isSafeInteger(data.id) ? (data.id as number) : null;
  if (id === null) return fail(null, 'PROTOCOL', 'A request must carry an integer id.', started);
  if (data.v !== 1) {
    return fail(id, 'PROTOCOL', `Protocol version ${String(data.v)} is not supported (expected 1).`, started);
  }
  if (typeof data.kind !== 'string' || !KINDS.has(data.kind)) {
    return fail(id, 'PROTOCOL', `Unknown request kind ${JSON.stringify(String(data.kind))}.`, started);
  }
  try {
    return yield* answer(id, data.kind as RequestKind, data, store, engine, started);
  } catch (thrown) {
    const what = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown);
    return fail(id, 'ENGINE_FAILED', `The slot engine failed: ${what}`, started);
  }
}

function* answer(
  id: number,
  kind: RequestKind,
  data: Fields,
  store: RulesStore,
  engine: WorkerEngine,
  started: number,
): Steps<Reply> {
  const { lintRules, diffRules } = engine;
  // A lint or diff the bundle lacks is refused only after its documents are stored: the client
  // counts them as held once sent, and later requests refer to them by hash.
  const rules = resolveRules(id, kind === 'diff' ? data.draft : data.rules, 'rules', store, started);
  if ('reply' in rules) return rules.reply;
  switch (kind) {
    case 'slots':
      return yield* answerSlots(id, rules.document, data.query, engine, started);
    case 'validate': {
      const result = engine.validateRules(rules.document);
      const payload = { ok: result.ok, errors: result.ok ? [] : result.errors, warnings: result.warnings };
      const count = payload.errors.length + payload.warnings.length;
      return { id, ok: true, kind, result: payload, metrics: measure(started, 0, count) };
    }
    case 'lint': {
      if (lintRules === undefined) return fail(id, 'UNSUPPORTED_KIND', UNSUPPORTED_KIND_MESSAGE, started);
      const options = plainRecord(data.options);
      if (options === null)
        return fail(id, 'BAD_REQUEST', 'A lint request needs an options object.', started);
      const result = lintRules(rules.document, options as unknown as LintOptions);
      const count = result.ok ? result.diagnostics.length : result.errors.length + result.warnings.length;
      return { id, ok: true, kind, result, metrics: measure(started, 0, count) };
    }
    case 'diff': {
      const saved = resolveRules(id, data.saved, 'saved', store, started);
      if ('reply' in saved) return saved.reply;
      if (diffRules === undefined) return fail(id, 'UNSUPPORTED_KIND', UNSUPPORTED_KIND_MESSAGE, started);
      const options = plainRecord(data.options);
      if (options === null)
        return fail(id, 'BAD_REQUEST', 'A diff request needs an options object.', started);
      const result = diffRules(saved.document, rules.document, options as unknown as DiffOptions);
      const count = result.ok ? 0 : result.errors.length;
      return { id, ok: true, kind, result, metrics: measure(started, 0, count) };
    }
  }
}

function* answerSlots(
  id: number,
  document: unknown,
  query: unknown,
  engine: WorkerEngine,
  started: number,
): Steps<Reply> {
  const checked = plainRecord(query);
  if (checked === null) return fail(id, 'BAD_REQUEST', 'A slots request needs a query object.', started);
  const result = yield* engine.slotSteps(document, checked as unknown as SlotQuery);
  if (!result.ok) {
    const internal = result.errors.find((e) => e.code === 'INTERNAL_ERROR');
    if (internal !== undefined) return fail(id, 'ENGINE_FAILED', internal.message, started, result.errors);
    const isQuery = result.errors.length > 0 && result.errors.every((e) => e.code in QUERY_ERROR_CODES);
    return isQuery
      ? fail(id, 'INVALID_QUERY', 'The query was refused.', started, result.errors)
      : fail(id, 'INVALID_RULES', 'The rules document was refused.', started, result.errors);
  }
  const payload = { slots: result.slots, truncated: result.truncated, diagnostics: result.diagnostics };
  return {
    id,
    ok: true,
    kind: 'slots',
    result: payload,
    metrics: measure(started, result.slots.length, result.diagnostics.length),
  };
}

/** Finds the document a request refers to, storing it when the request carries it. */
function resolveRules(id: number, ref: unknown, field: string, store: RulesStore, started: number): Outcome {
  if (!isRecord(ref) || typeof ref.hash !== 'string') {
    return { reply: fail(id, 'BAD_REQUEST', `The request's ${field} must be { hash, document? }.`, started) };
  }
  const { hash } = ref as unknown as RulesRef;
  if ('document' in ref) {
    const problem = describeNonPlainData(ref.document);
    if (problem !== null) {
      return {
        reply: fail(id, 'BAD_REQUEST', `The ${field} document is not plain JSON data: ${problem}.`, started),
      };
    }
    store.set(hash, ref.document);
    return { document: ref.document };
  }
  if (!store.has(hash)) {
    return {
      reply: fail(id, 'RULES_NOT_LOADED', `No ${field} document with hash ${hash} is loaded.`, started),
    };
  }
  return { document: store.get(hash) };
}

function plainRecord(value: unknown): Fields | null {
  return isRecord(value) && describeNonPlainData(value) === null ? value : null;
}

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function measure(started: number, slotCount: number, diagnosticCount: number): Metrics {
  return { elapsedMs: performance.now() - started, slotCount, diagnosticCount };
}

function fail(
  id: number | null,
  code: WireErrorCode,
  message: string,
  started: number,
  diagnostics?: Diagnostic[],
): ErrorReply {
  const error = diagnostics === undefined ? { code, message } : { code, message, diagnostics };
  return { id, ok: false, error, metrics: measure(started, 0, diagnostics?.length ?? 0) };
}
