/**
 * The public types of the engine: the rules document (formats v1 and v2), busy windows, queries,
 * slots and diagnostics.
 * Types only; the widget imports these with `import type` so no engine code reaches the page bundle.
 */

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Wall-clock hours of one day, `HH:mm` from `00:00` to `24:00` (`24:00` only as an end). */
export interface TimeSpan {
  start: string;
  end: string;
  /**
   * Version 2 with `span-locations` required, in a provider's weekly or override hours: where the
   * provider works during this span. Default: the provider's `locationId`.
   */
  locationId?: string;
}

/** Spans for each day of the week; a missing day (or `[]`) has none. */
export type WeekHours = Partial<Record<Weekday, TimeSpan[]>>;

/** Hours for one calendar date that replace the weekly hours (`[]` closes the day). */
export interface DateOverride {
  date: string;
  hours: TimeSpan[];
}

/** A stretch of real time given as ISO 8601 instants with an offset or `Z`; half-open `[start, end)`. */
export interface InstantRange {
  start: string;
  end: string;
}

export interface ClinicInfo {
  name?: string;
  phone?: string;
  email?: string;
  website?: string;
}

export interface Location {
  id: string;
  name: string;
  timezone?: string;
  address?: string;
}

export interface Provider {
  id: string;
  name: string;
  locationId?: string;
  timezone?: string;
  weekly?: WeekHours;
  overrides?: DateOverride[];
  timeOff?: InstantRange[];
}

export type PatientKind = 'new' | 'existing' | 'any';
export type VisitMode = 'in-person' | 'video';

export interface AppointmentType {
  id: string;
  name: string;
  providerIds: string[];
  durationMinutes: number;
  /** Default: the duration. */
  stepMinutes?: number;
  bufferBeforeMinutes?: number;
  bufferAfterMinutes?: number;
  minNoticeMinutes?: number;
  maxAdvanceDays?: number;
  maxPerDay?: number;
  /** Seats per slot; above 1 the type is a group type. Default 1. */
  capacity?: number;
  /** Default `any`. */
  patients?: PatientKind;
  /** Default `in-person`. */
  mode?: VisitMode;
  description?: string;
  /** What patients may change online, and until when; display-only in the widget, enforced by the server. */
  changePolicy?: ChangePolicy;
  /**
   * Version 2 with `type-hours` required: the wall-clock hours of each weekday when the type is
   * offered, in each provider's zone, intersected with the provider's hours. A day not listed
   * offers none. Absent: whenever its providers work.
   */
  hours?: WeekHours;
  /** Version 2 with the `intake-questions` feature: what the patient answers when booking. */
  questions?: IntakeQuestion[];
}

/** How a question is answered: a text, a long text, one or several of its choices, yes/no, a date. */
export type QuestionKind = 'text' | 'long-text' | 'one-choice' | 'several-choices' | 'yes-no' | 'date';

/**
 * A question asked on the details step. Its answer is a text (`text`, `long-text`), one of
 * `choices` (`one-choice`), a list of them (`several-choices`), `true`/`false` (`yes-no`) or a
 * `YYYY-MM-DD` date (`date`).
 */
export interface IntakeQuestion {
  /** Unique within the type: the answer's key. */
  id: string;
  kind: QuestionKind;
  /** The question as the patient reads it. */
  label: string;
  /** Default `false`. A required yes/no question needs an answer, yes or no. */
  required?: boolean;
  /** The clinic's help text, shown under the question. */
  help?: string;
  /** Text kinds only: the answer's length bounds (defaults 0 and 500, or 2,000 for a long text). */
  minLength?: number;
  maxLength?: number;
  /** Choice kinds only: the texts offered, each once. */
  choices?: string[];
}

/**
 * A type's cancellation and rescheduling policy. Changing a booking online is allowed while
 * `now + cutoffMinutes` is not after its start (the same clock rule as `minNoticeMinutes`, on the
 * server's clock), and only for the changes allowed here.
 */
export interface ChangePolicy {
  /** Minutes before the visit after which it can no longer be changed online; default 0. */
  cutoffMinutes?: number;
  /** Whether patients may cancel online; default `true`. */
  cancelOnline?: boolean;
  /** Whether patients may reschedule online; default `true`. */
  rescheduleOnline?: boolean;
  /** The clinic's own sentence(s), shown before booking and in every manage view. */
  text?: string;
}

export interface Closure {
  date: string;
  name?: string;
  /** Version 2 with `span-locations` required: only this location is closed that date. */
  locationId?: string;
}

/** Opaque busy time of a provider (an existing booking or a block): never patient data. */
export interface BusyEntry {
  providerId: string;
  start: string;
  end: string;
  appointmentTypeId?: string;
  /** Seats taken in a group slot; default 1. */
  seats?: number;
}

/**
 * Busy time of every provider over one stretch of real time, `[start, end)` in epoch ms: what
 * `GET {api}/busy/{YYYY-MM}` answers. Offsets and lengths are whole minutes from `start`.
 * Outside `[start, end)` the window says nothing: with the `busy-windows` feature required, no
 * slot is offered there.
 */
export interface BusyWindow {
  /** `YYYY-MM`, the month asked for; informative (the range is `start`/`end`). */
  month?: string;
  start: number;
  end: number;
  /** Per provider: `[offsetMinutes, lengthMinutes]`, merged and sorted by the server. */
  busy?: Record<string, Array<[number, number]>>;
  /** Per provider: `[offsetMinutes, lengthMinutes, appointmentTypeId, seatsTaken]` of group types. */
  seats?: Record<string, Array<[number, number, string, number]>>;
  /** Per provider and type with `maxPerDay`: bookings by the provider's local date. */
  perDay?: Record<string, Record<string, Record<string, number>>>;
}

/** Features a version-2 document can require; an engine refuses one it does not know. */
export type RulesFeature = 'busy-windows' | 'intake-questions' | 'type-hours' | 'span-locations';

export interface Limits {
  /** Per provider-day; default 288, at most 1440. */
  maxSlotsPerDay?: number;
}

export interface RulesDocument {
  version: 1 | 2;
  /** Version 2 only: features that change which slots exist; every one must be known. */
  requires?: string[];
  timezone: string;
  clinic?: ClinicInfo;
  locations?: Location[];
  providers: Provider[];
  appointmentTypes: AppointmentType[];
  closures?: Closure[];
  busy?: BusyEntry[];
  /** Version 2 only: busy time by window (the widget adds the windows it fetched). */
  busyWindows?: BusyWindow[];
  limits?: Limits;
}

export type RulesErrorCode =
  | 'INVALID_DOCUMENT'
  | 'UNSUPPORTED_VERSION'
  | 'UNSUPPORTED_FEATURE'
  | 'MISSING_FIELD'
  | 'INVALID_FIELD'
  | 'INVALID_NUMBER'
  | 'INVALID_TIME'
  | 'INVALID_DATE'
  | 'INVALID_INSTANT'
  | 'INVALID_TIMEZONE'
  | 'EMPTY_INTERVAL'
  | 'DUPLICATE_ID'
  | 'DUPLICATE_DATE'
  | 'UNKNOWN_REFERENCE'
  | 'TOO_LARGE'
  | 'FEATURE_NOT_REQUIRED'
  | 'LOCATION_CONFLICT';

export type QueryErrorCode =
  | 'UNKNOWN_APPOINTMENT_TYPE'
  | 'UNKNOWN_PROVIDER'
  | 'PROVIDER_NOT_OFFERING'
  | 'INVALID_DATE_RANGE'
  | 'RANGE_TOO_LARGE'
  | 'INVALID_NOW'
  | 'INVALID_QUERY';

export type WarningCode =
  | 'OVERLAPPING_HOURS'
  | 'UNKNOWN_FIELD'
  | 'NOTICE_EXCEEDS_WINDOW'
  | 'TYPE_WITHOUT_HOURS'
  | 'MANY_SLOTS_PER_DAY'
  | 'UNKNOWN_BUSY_REFERENCE'
  | 'BUSY_OUTSIDE_WINDOW'
  | 'DAY_TRUNCATED'
  | 'QUERY_TRUNCATED'
  | 'BUSY_NOT_COVERED'
  | 'CUTOFF_EXCEEDS_WINDOW'
  | 'TYPE_HOURS_UNWORKED'
  | 'LOCATION_ZONE_DIFFERS';

/**
 * One problem found in a document or a query. `path` is a JSON Pointer to the offending value
 * (`""` for the whole document); `message` is a sentence an admin understands.
 */
export interface Diagnostic {
  code: string;
  path: string;
  message: string;
}

export type ValidationResult =
  | { ok: true; rules: RulesDocument; warnings: Diagnostic[] }
  | { ok: false; errors: Diagnostic[]; warnings: Diagnostic[] };

/** `from`/`to` are calendar dates (`YYYY-MM-DD`, inclusive), read in each provider's zone. */
export interface SlotQuery {
  appointmentTypeId: string;
  providerId?: string;
  from: string;
  to: string;
  /** Epoch milliseconds or an ISO 8601 instant. */
  now: number | string;
  /** Default 20,000. */
  maxSlots?: number;
}

/** `start`/`end` are epoch milliseconds. */
export interface Slot {
  start: number;
  end: number;
  providerId: string;
  seatsLeft: number;
  /** Where the visit takes place: set when the document requires `span-locations` and the span has a location. */
  locationId?: string;
}

export type SlotsResult =
  | { ok: true; slots: Slot[]; truncated: boolean; diagnostics: Diagnostic[] }
  | { ok: false; errors: Diagnostic[] };

export interface SlotCheck {
  appointmentTypeId: string;
  providerId: string;
  /** Epoch milliseconds or an ISO 8601 instant. */
  start: number | string;
  now: number | string;
}

/** On success, `locationId` is the slot's location, as in `generateSlots`. */
export type SlotCheckResult =
  | { ok: true; locationId?: string }
  | { ok: false; code: string; message: string };
