/**
 * The widget's state, in one place: signals for what the patient chose and what has loaded,
 * computed values derived from them. Actions that change the state live beside it in
 * `actions/*.ts` as plain functions taking the store. One store per mounted widget, so two
 * widgets on a page never share anything.
 */
import { computed, type ReadonlySignal, signal } from '@preact/signals';
import type {
  ApiClient,
  ApiResult,
  Booking,
  BookingConfirmation,
  EarlierOffer,
  OfferEarlier,
} from '../api/types.ts';
import type { Slot } from '../engine/types.ts';
import type { Answer, AnswerProblems } from '../intake.ts';
import type { SlotClient } from '../worker/client/client.ts';
import type { WidgetEmit } from './events.ts';
import {
  EMPTY_FORM,
  type FieldName,
  type FieldProblems,
  type FormValues,
  type MessageKey,
} from './form-values.ts';
import {
  english,
  type Messages,
  messagesFor,
  type ResolvedLocale,
  resolveLocale,
  speakable,
} from './i18n/index.ts';
import type { LinkChoice } from './link.ts';
import { createLoads } from './loads.ts';
import { type MonthQuery, type MonthStates, NO_MONTHS, sameQuery, stateOf } from './month-query.ts';
import { isKnownZone, type WidgetOptions } from './options.ts';
import {
  clinicZoneFor,
  findType,
  locationsFor,
  type PatientFilter,
  providersFor,
  type RulesView,
  slotsAt,
} from './rules-view.ts';
import { onePerTime, slotsByDay } from './slots-view.ts';
import { addDays, browserZone, dateInZone, type IsoDate, type IsoMonth, monthOf, utcDate } from './time.ts';

export type Step = 'what' | 'when' | 'details' | 'review' | 'done' | 'manage' | 'offer';

export type { MonthState } from './month-query.ts';

export interface ManageState {
  token: string;
  booking: Booking | null;
  status: 'loading' | 'ready' | 'confirm-cancel' | 'cancelling' | 'cancelled' | 'rescheduled';
  /** The link asked to reschedule (`#booking=TOKEN&action=reschedule`): started once it is shown. */
  reschedule?: true;
}

/**
 * An earlier time offered by email (`#offer=TOKEN`): loading it, shown beside the current visit,
 * being taken, or no longer available. Once taken, the moved booking is shown as a managed one.
 */
export interface OfferState {
  token: string;
  /** The offer and the booking it would move, once loaded. */
  offer: EarlierOffer | null;
  status: 'loading' | 'ready' | 'accepting' | 'failed' | 'gone';
  /** While `failed`: the code of the request that got no answer worth keeping (the patient may retry). */
  code?: string;
  /** While `gone`: the server's reason (`TAKEN`, `PASSED`, `USED`, `BOOKING_CHANGED`), if it gave one. */
  reason?: string;
  /**
   * While `loading`: the answer on its way, asked for as the link opened (in the page bundle,
   * beside the later part), until OfferStep reads it (actions/offer.ts).
   */
  pending?: Promise<ApiResult<EarlierOffer>>;
}

/** Saving the earlier-time opt-in from the confirmation or the manage view. */
export interface OptInState {
  status: 'idle' | 'saving' | 'failed';
  /** The choice being saved, or the one that failed to save. */
  wanted: OfferEarlier | null;
  /** The booking it is for (a failure shown for one booking is not shown for another). */
  bookingId?: string;
  /** While `failed`: the failed request's code. */
  code?: string;
}

export interface Notice {
  kind: 'error' | 'info';
  /** A catalogue key, so the notice follows a change of language. */
  key: MessageKey;
  /** Show the clinic's phone number with it ("call to book"). */
  phone?: boolean;
  /** Offer to retry the last action. */
  retry?: 'rules' | 'month' | 'manage';
  /** The clinic refused the chosen time: the notice goes once another time is chosen. */
  refused?: true;
}

export interface StoreDeps {
  emit: WidgetEmit;
  now: () => number;
  slotClient: () => SlotClient;
  apiClient: () => ApiClient | null;
  locationHash: LocationHash;
  /** Whether the page is in view; the widget refreshes its times when a patient comes back to it. */
  pageVisibility?: PageVisibility | undefined;
  /** Calls `listener` when the browser is back online (the `online` event); returns the unsubscribe. */
  onReconnect?: ((listener: () => void) => () => void) | undefined;
  patientTimezone?: string | undefined;
  pageLang?: string | undefined;
}

/** The page's URL fragment, where a manage link (`#booking=TOKEN`) lives. */
export interface LocationHash {
  get(): string;
  set(hash: string): void;
  /** Calls `listener` when the fragment changes (a manage link clicked); returns the unsubscribe. */
  subscribe?(listener: () => void): () => void;
}

/** The page's visibility (`document.visibilityState`), a fake in tests. */
export interface PageVisibility {
  hidden(): boolean;
  /** Calls `listener` when the page is hidden or shown again; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

/**
 * The steps that need the chosen month's times: the calendar, and the two after it, where new
 * rules or a fresh busy window recompute the chosen time's month.
 */
const MONTH_STEPS: ReadonlySet<Step> = new Set(['when', 'details', 'review']);

/** The farthest a calendar looks ahead when a type sets no booking window. */
export const DEFAULT_WINDOW_DAYS = 365;

function browserLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
}

function weekStartFor(locale: ResolvedLocale): number {
  try {
    const info = new Intl.Locale(locale.intl) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    const firstDay = info.getWeekInfo?.().firstDay ?? info.weekInfo?.firstDay;
    if (firstDay !== undefined) return firstDay % 7;
  } catch {
    // Older engines lack week info: fall back on the language's usual week.
  }
  return locale.language === 'es' ? 1 : 0;
}

/**
 * Widgets mounted on this page so far. Per page on purpose: element ids must differ between the
 * widgets of one document (one may be mounted outside a shadow root), and the back button finds
 * its widget's history entries by this prefix after a reload, when the same widget is again the
 * same number.
 */
let instances = 0;

/** Creates the state of one widget. */
export function createStore(initial: WidgetOptions, deps: StoreDeps) {
  /** Prefix of element ids, unique per widget (labels and descriptions refer to them). */
  const idPrefix = `cs${++instances}`;
  const options = signal<WidgetOptions>(initial);
  const wanted = computed(() => resolveLocale(options.value.locale, deps.pageLang, browserLanguages()));
  const locale = computed(() => speakable(wanted.value));
  const messages = computed(() => messagesFor(locale.value.language));
  /** False while the language's catalogue loads (English stands in meanwhile, but is not shown). */
  const messagesReady = computed(() => messages.value !== null);
  const t: ReadonlySignal<Messages> = computed(() => messages.value ?? english());
  const weekStart = computed(() => weekStartFor(locale.value));

  const rules = signal<RulesView | null>(null);
  const rulesStatus = signal<'loading' | 'ready' | 'failed'>('loading');
  const previewProblem = signal<string | null>(null);

  const step = signal<Step>('what');
  const flow = signal<'book' | 'reschedule'>('book');
  const patientFilter = signal<PatientFilter>('all');
  const typeId = signal<string | null>(null);
  const providerId = signal<string | null>(null);
  const zoneChoice = signal<'patient' | 'clinic'>('patient');
  /** The location the patient wants to be seen at; `null`: any. */
  const locationFilter = signal<string | null>(null);

  const type = computed(() => (rules.value ? findType(rules.value, typeId.value) : undefined));
  const typeProviders = computed(() => (rules.value ? providersFor(rules.value, type.value) : []));
  /** Where the chosen type takes place; a filter is offered only when there are several. */
  const typeLocations = computed(() => (rules.value ? locationsFor(rules.value, type.value) : []));
  /** The location whose times are shown, when the patient chose one of several; else `null`. */
  const place = computed(() => (typeLocations.value.length > 1 ? locationFilter.value : null));
  const patientZone = computed(() => {
    const { displayTimezone } = options.value;
    if (isKnownZone(displayTimezone)) return displayTimezone;
    if (isKnownZone(deps.patientTimezone)) return deps.patientTimezone;
    return browserZone();
  });
  const clinicZone = computed(() =>
    rules.value ? clinicZoneFor(rules.value, type.value, providerId.value) : patientZone.value,
  );
  const viewZone = computed(() => (zoneChoice.value === 'clinic' ? clinicZone.value : patientZone.value));
  /** When the shown times start: the mount, moved on when a patient comes back (actions/freshen.ts). */
  const clock = signal(deps.now());
  const today = computed(() => dateInZone(clock.value, viewZone.value));
  const windowEnd = computed(() => {
    const days = Math.min(type.value?.maxAdvanceDays ?? DEFAULT_WINDOW_DAYS, 366);
    return addDays(today.value, days);
  });

  // Placeholders until the rules arrive, when applyRules sets both from `today` (actions/rules.ts):
  // reading the patient's date now would build the page's first formatter during the mount.
  const month = signal<IsoMonth>(monthOf(utcDate(deps.now())));
  const focusedDate = signal<IsoDate>(utcDate(deps.now()));
  const selectedDate = signal<IsoDate | null>(null);
  /** The months of slots held, for the current rules (month-query.ts). */
  const months = signal<MonthStates>(NO_MONTHS);
  const search = signal<'idle' | 'searching' | 'none'>('idle');
  /** The month a search for the first bookable day is looking at (actions/slots.ts), else `null`. */
  const searchMonth = signal<IsoMonth | null>(null);
  /** Bumped to have the needed month loaded again when it failed or went stale (actions/months.ts). */
  const monthReloads = signal(0);
  const selectedSlot = signal<Slot | null>(null);

  /** Month `at` of the chosen type and provider under the current rules; none before both are known. */
  const queryAt = (at: IsoMonth): MonthQuery | null => {
    const view = rules.value;
    const id = typeId.value;
    return view && id !== null ? { rules: view, typeId: id, providerId: providerId.value, month: at } : null;
  };
  let lastQuery: MonthQuery | null = null;
  /**
   * The month the widget needs loaded (actions/months.ts loads it): the one a search looks at, else
   * the shown one; none outside the calendar and the steps after it.
   */
  const monthQuery = computed(() => {
    const next = MONTH_STEPS.has(step.value) ? queryAt(searchMonth.value ?? month.value) : null;
    // The same query stays the same object, so what reacts to it does not run again for nothing.
    if (next === null || lastQuery === null || !sameQuery(next, lastQuery)) lastQuery = next;
    return lastQuery;
  });
  const monthState = computed(() => stateOf(months.value, queryAt(month.value)));
  /** The shown month's bookable entries by day, in the shown zone ("any available": one per time). */
  const days = computed(() => {
    const state = monthState.value;
    const out = new Map<IsoDate, Slot[]>();
    if (state?.status !== 'ready') return out;
    const order = type.value?.providerIds ?? [];
    for (const [day, all] of slotsByDay(state.slots, viewZone.value)) {
      if (monthOf(day) !== month.value) continue;
      const list = slotsAt(rules.value, all, place.value);
      if (list.length === 0) continue;
      out.set(day, providerId.value === null ? onePerTime(list, order) : list);
    }
    return out;
  });
  const daySlots = computed(() => (selectedDate.value ? (days.value.get(selectedDate.value) ?? []) : []));

  const form = signal<FormValues>(EMPTY_FORM);
  const touched = signal<ReadonlySet<FieldName>>(new Set());
  const submitted = signal(false);
  const serverErrors = signal<FieldProblems>({});
  /** Answers to the chosen type's intake questions by id: in memory only, never in events or storage. */
  const answers = signal<Readonly<Record<string, Answer>>>({});
  const answersTouched = signal<ReadonlySet<string>>(new Set());
  const answerServerErrors = signal<AnswerProblems>({});

  const submission = signal<{ status: 'idle' | 'sending' | 'failed'; code: string | null }>({
    status: 'idle',
    code: null,
  });
  const confirmation = signal<BookingConfirmation | null>(null);
  const manage = signal<ManageState | null>(null);
  const offer = signal<OfferState | null>(null);
  const optIn = signal<OptInState>({ status: 'idle', wanted: null });
  const notice = signal<Notice | null>(null);
  /** Polite announcements ("12 times available on Tuesday, December 3"). */
  const announcement = signal('');
  /** Where focus should go after the next render: `heading`, or `field:NAME` for a form field. */
  const focusTarget = signal<string | null>(null);

  const controller = new AbortController();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const cleanups: (() => void)[] = [];
  const derived = new Map<object, unknown>();
  let updateHandler: (previous: WidgetOptions) => void = () => {};

  return {
    idPrefix,
    deps,
    options,
    /** The language asked for (option, page, browser); `locale` is what is spoken (see speakable). */
    wantedLocale: wanted,
    locale,
    messagesReady,
    t,
    weekStart,
    rules,
    rulesStatus,
    previewProblem,
    step,
    flow,
    patientFilter,
    typeId,
    providerId,
    zoneChoice,
    locationFilter,
    type,
    typeProviders,
    typeLocations,
    place,
    patientZone,
    clinicZone,
    viewZone,
    clock,
    today,
    windowEnd,
    month,
    focusedDate,
    selectedDate,
    months,
    search,
    searchMonth,
    monthReloads,
    selectedSlot,
    monthQuery,
    monthState,
    days,
    daySlots,
    form,
    touched,
    submitted,
    serverErrors,
    answers,
    answersTouched,
    answerServerErrors,
    submission,
    confirmation,
    manage,
    offer,
    optIn,
    notice,
    announcement,
    focusTarget,
    /** What a reminder email's link chose (link.ts): over the host's options until it changes them. */
    link: {} as LinkChoice,
    /** Busy windows and searches for a bookable day, in flight or answered (loads.ts). */
    loads: createLoads(),
    /** The last booking request's fingerprint and idempotency key: a retry of it reuses the key. */
    lastAttempt: null as { fingerprint: string; key: string } | null,
    /**
     * While a press in the details form is under way: what to mark as visited once it is released
     * (the fields and questions it took focus from).
     */
    leftDuringPress: null as Array<() => void> | null,
    /** The earlier-time choice last saved, and for which booking ("on" means it again for that one). */
    lastOptIn: null as { bookingId: string; choice: OfferEarlier } | null,
    /** The history's length once the widget had added its entry (back-button.ts). */
    historyLength: 0,
    /** Whether `cs-ready` was sent (once per widget, on its first rules). */
    readyEmitted: false,
    /** Aborted by `dispose()`: every request the widget makes listens to it. */
    signal: controller.signal,
    get disposed() {
      return controller.signal.aborted;
    },
    /** A timer that `dispose()` clears. */
    later(fn: () => void, ms: number): ReturnType<typeof setTimeout> {
      const id = setTimeout(() => {
        timers.delete(id);
        if (!controller.signal.aborted) fn();
      }, ms);
      timers.add(id);
      return id;
    },
    cancelLater(id: ReturnType<typeof setTimeout> | undefined) {
      if (id === undefined) return;
      clearTimeout(id);
      timers.delete(id);
    },
    /**
     * What `make` returns, made once per widget under `key`: the derived signals of the parts the
     * page loads later (form-errors.ts, intake-form.ts), which this module cannot import.
     */
    derivedOnce<T>(key: object, make: () => T): T {
      if (!derived.has(key)) derived.set(key, make());
      return derived.get(key) as T;
    },
    /** Runs `cleanup` on `dispose()` (listeners on the page, effects). */
    onDispose(cleanup: () => void) {
      cleanups.push(cleanup);
    },
    onUpdate(handler: (previous: WidgetOptions) => void) {
      updateHandler = handler;
    },
    update(partial: Partial<WidgetOptions>) {
      const previous = options.peek();
      options.value = { ...previous, ...partial };
      updateHandler(previous);
    },
    dispose() {
      controller.abort();
      for (const id of timers) clearTimeout(id);
      timers.clear();
      for (const cleanup of cleanups.splice(0)) cleanup();
    },
  };
}

export type Store = ReturnType<typeof createStore>;
