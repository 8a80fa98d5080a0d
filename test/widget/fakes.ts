/**
 * Fake clients for component tests: a slot client that runs the real engine synchronously (or
 * fails as told), and an API client whose answers are scripted and whose calls are recorded.
 */
import { vi } from 'vitest';
import { busyMonthRange } from '../../src/api/busy-month.ts';
import type {
  ApiClient,
  ApiError,
  ApiResult,
  Booking,
  BookingConfirmation,
  BookingRequest,
  BusyFetch,
  EarlierOffer,
  OfferEarlier,
} from '../../src/api/types.ts';
import { generateSlots, validateRules } from '../../src/engine/index.ts';
import type { SlotQuery } from '../../src/engine/types.ts';
import type { WidgetEventMap } from '../../src/widget/events.ts';
import type { JobOptions, SlotClient, SlotsJobResult } from '../../src/worker/client/client.ts';
import { JobError } from '../../src/worker/client/job-error.ts';

export interface FakeSlotClient extends SlotClient {
  calls: { query: SlotQuery; options: JobOptions | undefined }[];
  /** When set, the next jobs reject with this code (and these diagnostics). */
  failWith: { code: string; diagnostics?: { code: string; path: string; message: string }[] } | null;
  /** When true, jobs never settle until `release()`. */
  hold: boolean;
  release(): void;
  /**
   * How many workers `warm()` started: one, as the real client's first call does, and later calls
   * find it running.
   */
  warmStarts: number;
  disposed: boolean;
}

/**
 * A slot client that runs the engine in the test's thread. Like the real client, a job rejects
 * with `ABORTED` when its `signal` aborts or a newer job takes its `lane` before it settles, so a
 * widget that uses a superseded answer fails its test.
 */
export function fakeSlotClient(): FakeSlotClient {
  let waiting: (() => void)[] = [];
  /** The unsettled job of each lane: the rejection that supersedes it. */
  const lanes = new Map<string, (error: Error) => void>();
  const client: FakeSlotClient = {
    calls: [],
    failWith: null,
    hold: false,
    warmStarts: 0,
    disposed: false,
    release() {
      const now = waiting;
      waiting = [];
      for (const go of now) go();
    },
    slots(rules, query, options) {
      client.calls.push({ query, options });
      const lane = options?.lane;
      if (lane !== undefined)
        lanes.get(lane)?.(aborted('A newer request in the same lane replaced this one.'));
      return new Promise<SlotsJobResult>((resolve, reject) => {
        let settled = false;
        const settle = (finish: () => void) => {
          if (settled) return;
          settled = true;
          options?.signal?.removeEventListener('abort', onAbort);
          if (lane !== undefined && lanes.get(lane) === cancel) lanes.delete(lane);
          finish();
        };
        const cancel = (error: Error) => settle(() => reject(error));
        const onAbort = () => cancel(aborted('The request was aborted.'));
        if (options?.signal?.aborted) return onAbort();
        options?.signal?.addEventListener('abort', onAbort);
        if (lane !== undefined) lanes.set(lane, cancel);
        run(rules, query).then(
          (answer) => settle(() => resolve(answer)),
          (error: Error) => settle(() => reject(error)),
        );
      });
    },
    async validate(rules) {
      const result = validateRules(rules);
      return {
        ok: result.ok,
        errors: result.ok ? [] : result.errors,
        warnings: result.warnings,
        stats: { elapsedMs: 1, slotCount: 0, diagnosticCount: 0, degraded: false, cached: false },
      };
    },
    warm() {
      client.warmStarts = 1;
    },
    ready: () => Promise.resolve(),
    dispose() {
      client.disposed = true;
    },
  };

  async function run(rules: unknown, query: SlotQuery): Promise<SlotsJobResult> {
    if (client.hold) await new Promise<void>((go) => waiting.push(go));
    const failure = client.failWith;
    if (failure)
      throw Object.assign(new Error(failure.code), {
        code: failure.code,
        diagnostics: failure.diagnostics ?? [],
      });
    const result = generateSlots(rules, query);
    if (!result.ok)
      throw Object.assign(new Error('INVALID_RULES'), {
        code: 'INVALID_RULES',
        diagnostics: result.errors,
      });
    const answer: SlotsJobResult = {
      slots: result.slots,
      truncated: result.truncated,
      diagnostics: result.diagnostics,
      stats: {
        elapsedMs: 1,
        slotCount: result.slots.length,
        diagnosticCount: 0,
        degraded: false,
        cached: false,
      },
    };
    return answer;
  }
  return client;
}

function aborted(message: string): Error {
  return new JobError('ABORTED', message);
}

type Answer<T> = ApiResult<T> | (() => ApiResult<T> | Promise<ApiResult<T>>);

export interface FakeApi extends ApiClient {
  rules: unknown;
  rulesAnswer: ApiResult<{ rules: unknown; etag: string | null; fromCache: boolean }> | null;
  cached: unknown | null;
  bookingAnswers: Answer<BookingConfirmation>[];
  bookingCalls: { request: BookingRequest; key: string }[];
  getAnswer: ApiResult<{ booking: Booking }> | null;
  getCalls: string[];
  rescheduleCalls: { token: string; change: { start: number; providerId: string }; key: string }[];
  rescheduleAnswer: ApiResult<BookingConfirmation> | null;
  cancelCalls: { token: string; key: string }[];
  cancelAnswer: ApiResult<{ booking: Booking }> | null;
  offerAnswer: ApiResult<EarlierOffer> | null;
  acceptCalls: { token: string; key: string }[];
  acceptAnswer: ApiResult<BookingConfirmation> | null;
  offerEarlierCalls: { token: string; offerEarlier: OfferEarlier | null }[];
  fetchRulesCalls: number;
  /** Scripted window answers by month; a month without one gets an empty window. */
  busyAnswers: Map<string, Answer<BusyFetch>>;
  busyCalls: string[];
}

/** An empty busy window of `month`, as the server answers for a month without bookings. */
export function emptyWindow(month: string): BusyFetch {
  const range = busyMonthRange(month)!;
  return {
    window: { month, ...range, busy: {}, seats: {}, perDay: {} },
    etag: `"${month}"`,
    fromCache: false,
  };
}

export function apiError(
  code: ApiError['code'],
  extra: Partial<ApiError> = {},
): { ok: false; error: ApiError } {
  return { ok: false, error: { code, message: code, ...extra } };
}

/** An API client that serves `rules` and books whatever it is asked, unless scripted otherwise. */
export function fakeApi(rules: unknown): FakeApi {
  const api: FakeApi = {
    rules,
    rulesAnswer: null,
    cached: null,
    bookingAnswers: [],
    bookingCalls: [],
    getAnswer: null,
    getCalls: [],
    rescheduleCalls: [],
    rescheduleAnswer: null,
    cancelCalls: [],
    cancelAnswer: null,
    offerAnswer: null,
    acceptCalls: [],
    acceptAnswer: null,
    offerEarlierCalls: [],
    fetchRulesCalls: 0,
    busyAnswers: new Map(),
    busyCalls: [],
    cachedRules: () => api.cached,
    async fetchBusy(month) {
      api.busyCalls.push(month);
      const scripted = api.busyAnswers.get(month);
      if (scripted) return typeof scripted === 'function' ? scripted() : scripted;
      return { ok: true, value: emptyWindow(month) };
    },
    async fetchRules() {
      api.fetchRulesCalls++;
      return api.rulesAnswer ?? { ok: true, value: { rules: api.rules, etag: '"1"', fromCache: false } };
    },
    async createBooking(request, key) {
      api.bookingCalls.push({ request, key });
      const scripted = api.bookingAnswers.shift();
      if (scripted) return typeof scripted === 'function' ? scripted() : scripted;
      return { ok: true, value: confirmationFor(request) };
    },
    async getBooking(token) {
      api.getCalls.push(token);
      return api.getAnswer ?? apiError('NOT_FOUND');
    },
    async reschedule(token, change, key) {
      api.rescheduleCalls.push({ token, change, key });
      return api.rescheduleAnswer ?? apiError('SERVER');
    },
    async cancel(token, key) {
      api.cancelCalls.push({ token, key });
      return api.cancelAnswer ?? apiError('SERVER');
    },
    async getOffer() {
      return api.offerAnswer ?? apiError('NOT_FOUND');
    },
    async acceptOffer(token, key) {
      api.acceptCalls.push({ token, key });
      return api.acceptAnswer ?? apiError('SERVER');
    },
    async setOfferEarlier(token, offerEarlier) {
      api.offerEarlierCalls.push({ token, offerEarlier });
      const booking = api.getAnswer?.ok ? api.getAnswer.value.booking : null;
      if (!booking) return apiError('NOT_FOUND');
      const { offerEarlier: _old, ...rest } = booking;
      return { ok: true, value: { booking: offerEarlier ? { ...rest, offerEarlier } : rest } };
    },
  };
  return api;
}

export function confirmationFor(request: BookingRequest): BookingConfirmation {
  return {
    booking: {
      id: 'bk-1',
      appointmentTypeId: request.appointmentTypeId,
      providerId: request.providerId,
      start: request.start,
      end: request.start + 30 * 60_000,
      status: 'confirmed',
      mode: 'in-person',
      locationId: 'main',
    },
    manageToken: 'tok-123',
  };
}

/** Records every event the widget sends to its host. */
export function recordEvents() {
  const events: { name: keyof WidgetEventMap; detail: unknown }[] = [];
  const emit = vi.fn(<K extends keyof WidgetEventMap>(name: K, detail: WidgetEventMap[K]) => {
    events.push({ name, detail });
  });
  return { events, emit };
}
