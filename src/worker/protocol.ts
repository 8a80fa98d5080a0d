/**
 * The wire protocol between the client (main thread) and the slot worker. Types only.
 * Every request carries the protocol version and an id; every reply echoes the id. Errors cross
 * the boundary as data, never as thrown values.
 */
import type { DiffOptions, DiffResult } from '../engine/diff.ts';
import type { LintOptions, LintResult } from '../engine/lint.ts';
import type { Diagnostic, Slot, SlotQuery } from '../engine/types.ts';

export type ProtocolVersion = 1;

/**
 * A rules document by reference. The client sends `document` the first time a worker sees a hash
 * and only the hash afterwards, so a large document is cloned across the boundary once.
 */
export interface RulesRef {
  hash: string;
  document?: unknown;
}

interface RequestBase {
  v: ProtocolVersion;
  id: number;
}

export interface SlotsRequest extends RequestBase {
  kind: 'slots';
  rules: RulesRef;
  query: SlotQuery;
}

export interface ValidateRequest extends RequestBase {
  kind: 'validate';
  rules: RulesRef;
}

export interface LintRequest extends RequestBase {
  kind: 'lint';
  rules: RulesRef;
  options: LintOptions;
}

export interface DiffRequest extends RequestBase {
  kind: 'diff';
  saved: RulesRef;
  draft: RulesRef;
  options: DiffOptions;
}

export type Request = SlotsRequest | ValidateRequest | LintRequest | DiffRequest;
export type RequestKind = Request['kind'];

export interface SlotsPayload {
  slots: Slot[];
  truncated: boolean;
  diagnostics: Diagnostic[];
}

export interface ValidatePayload {
  ok: boolean;
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

export interface ResultByKind {
  slots: SlotsPayload;
  validate: ValidatePayload;
  lint: LintResult;
  diff: DiffResult;
}

/**
 * - PROTOCOL: the message is not a request of this protocol version (not an object, no id, unknown kind).
 * - BAD_REQUEST: a known request whose payload is missing, malformed or not plain JSON data.
 * - INVALID_RULES / INVALID_QUERY: the engine refused the document or the query (see diagnostics).
 * - RULES_NOT_LOADED: a hash the worker does not hold; the client re-sends the document.
 * - ENGINE_FAILED: the engine threw (a bug); the message says what was thrown.
 * - UNSUPPORTED_KIND: a lint or diff request to the patient's worker (`slots-worker.js`), whose
 *   bundle leaves them out; they run in the admin worker (`admin-worker.js`).
 */
export type WireErrorCode =
  | 'PROTOCOL'
  | 'BAD_REQUEST'
  | 'INVALID_RULES'
  | 'INVALID_QUERY'
  | 'RULES_NOT_LOADED'
  | 'ENGINE_FAILED'
  | 'UNSUPPORTED_KIND';

export interface WireError {
  code: WireErrorCode;
  message: string;
  diagnostics?: Diagnostic[];
}

/** Measured inside the worker: the engine's own time, without transfer or queueing. */
export interface Metrics {
  elapsedMs: number;
  slotCount: number;
  diagnosticCount: number;
}

export type OkReply<K extends RequestKind = RequestKind> = {
  [P in K]: { id: number; ok: true; kind: P; result: ResultByKind[P]; metrics: Metrics };
}[K];

export interface ErrorReply {
  /** `null` when the request was too malformed to carry an id. */
  id: number | null;
  ok: false;
  error: WireError;
  metrics: Metrics;
}

export type Reply = OkReply | ErrorReply;

/** Posted once by the worker when its script has loaded, before it handles any request. */
export interface ReadyMessage {
  type: 'ready';
  v: ProtocolVersion;
}

export type WorkerMessage = Reply | ReadyMessage;

/**
 * What a worker bundle (`slots-worker.js` or `admin-worker.js`) offers the page when it runs
 * outside a worker (the degraded fallback): the same handler, with the same engine functions, as
 * in the worker, whole or in the engine's steps (a slots request pauses after each provider-day),
 * so the page can run it in small slices.
 */
export interface MainThreadEngine {
  v: ProtocolVersion;
  handleMessage(data: unknown, store: unknown): Reply;
  /** `handleMessage` in steps: each `next()` is one bounded step; the last returns the reply. */
  answerInSteps(data: unknown, store: unknown): Generator<void, Reply, void>;
  createStore(): unknown;
}
