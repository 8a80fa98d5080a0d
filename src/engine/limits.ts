/**
 * Every bound the engine enforces, in one place. Validation rejects anything outside these
 * ranges, so every loop in the engine is bounded by construction: a document can never ask for
 * more work than these numbers allow, and the watchdog in the worker is only the backstop.
 */

/** Inclusive integer ranges for the numbers of a rules document. */
export const NUMBER_RANGES = {
  durationMinutes: [1, 1440],
  stepMinutes: [1, 1440],
  bufferBeforeMinutes: [0, 1440],
  bufferAfterMinutes: [0, 1440],
  minNoticeMinutes: [0, 525_600],
  maxAdvanceDays: [0, 3660],
  maxPerDay: [1, 1000],
  capacity: [1, 1000],
  seats: [1, 1000],
  maxSlotsPerDay: [1, 1440],
  /** A type's `changePolicy.cutoffMinutes`: at most a year, like the notice. */
  cutoffMinutes: [0, 525_600],
  /** An intake question's `minLength` and `maxLength` (a long text's longest answer). */
  minLength: [0, 2000],
  maxLength: [1, 2000],
} as const satisfies Record<string, readonly [number, number]>;

/** How many entries a document may hold (`TOO_LARGE` past these). */
export const SIZE_LIMITS = {
  providers: 1000,
  appointmentTypes: 500,
  locations: 1000,
  busy: 200_000,
  overridesPerProvider: 3660,
  timeOffPerProvider: 3660,
  closures: 3660,
  spansPerDay: 48,
  /** Spans of one weekday in an appointment type's own `hours`. */
  typeSpansPerDay: 48,
  providerIdsPerType: 1000,
  /** Busy windows in one document (`busyWindows`), and entries in one window (all providers). */
  busyWindows: 24,
  windowEntries: 200_000,
  /** The longest window, in minutes (62 days): a month and its margins fit with room to spare. */
  windowMinutes: 62 * 1440,
  /** How far an entry's offset and length may reach, in minutes (a year either way). */
  windowEntryMinutes: 525_600,
  /** Ids, names and other strings, in UTF-16 code units. */
  stringLength: 500,
  /** Free texts (an appointment type's `description`, a location's `address`), in UTF-16 code units. */
  longTextLength: 2000,
} as const;

/**
 * Bounds on a type's intake questions and so on the answers of one booking: the widget, the engine
 * and the server all read these, so an answer the form accepts is never refused for its size.
 */
export const QUESTION_LIMITS = {
  questionsPerType: 20,
  choicesPerQuestion: 50,
  /** One choice's text, in UTF-16 code units (the answer to a choice question is its text). */
  choiceLength: 200,
  /** The longest answer of a `text` question, and its default `maxLength`. */
  textLength: 500,
  /** The longest answer of a `long-text` question, and its default `maxLength`. */
  longTextLength: 2000,
  /**
   * The longest answers of one type's questions, added up (a text's `maxLength`, a one-choice's
   * longest choice, all of a several-choices' choices, a date's 10): a booking's answers stay
   * this small, whatever the questions.
   */
  answerLengthPerType: 20_000,
} as const;

/** Bounds on the work and the output of one `validateRules` run. */
export const VALIDATION_LIMITS = {
  /** Errors listed before validation stops (one more diagnostic then says it stopped). */
  maxErrors: 200,
  /** Warnings listed; past this a closing note says how many were left out. */
  maxWarnings: 200,
  /** Span evaluations spent on the MANY_SLOTS_PER_DAY estimate before that check gives up. */
  slotEstimateBudget: 1_000_000,
  /** Longest zone name and instant text examined; anything longer is refused unread. */
  maxZoneNameLength: 64,
  maxInstantLength: 64,
} as const;

/** Bounds on one query. */
export const QUERY_LIMITS = {
  /** Days in one `from`..`to` range, both ends included. */
  maxRangeDays: 366,
  /** Slots per provider-day when the document sets no `limits.maxSlotsPerDay`. */
  defaultMaxSlotsPerDay: 288,
  /** Slots per query when the query sets no `maxSlots`. */
  defaultMaxSlots: 20_000,
  /** The largest `maxSlots` a query may ask for. */
  maxSlotsCeiling: 200_000,
} as const;
