/**
 * The clinic API's wire types and the browser client's public interface. Types only: the widget
 * and the admin page import these with `import type`. The contract in prose is docs/api.md.
 */
import type { Answers, StoredAnswer } from '../intake.ts';

/** What the patient typed. Sent once, in the body of `POST /bookings`; never in a URL or a log. */
export interface PatientDetails {
  name: string;
  /** `YYYY-MM-DD`. */
  dateOfBirth: string;
  email: string;
  phone: string;
  patientStatus: 'new' | 'existing';
  reason?: string;
  consent: boolean;
}

export interface BookingRequest {
  appointmentTypeId: string;
  providerId: string;
  /** Epoch milliseconds: a slot start produced by the engine. */
  start: number;
  patient: PatientDetails;
  /**
   * Opts in to earlier-slot offers: times of the same provider, or of any provider of the type
   * (sent when the patient chose "any provider"). Absent for none.
   */
  offerEarlier?: OfferEarlier;
  /**
   * Answers to the type's intake questions, by question id (src/intake.ts checks them). They
   * travel only in this body and are shown only to staff.
   */
  answers?: Answers;
}

/** Which freed times a patient who opted in is offered. */
export type OfferEarlier = 'same-provider' | 'any-provider';

/** A booking as the API returns it: no patient data. */
export interface Booking {
  id: string;
  appointmentTypeId: string;
  providerId: string;
  /** Epoch milliseconds. */
  start: number;
  /** Epoch milliseconds. */
  end: number;
  status: 'confirmed' | 'cancelled';
  mode: 'in-person' | 'video';
  locationId?: string;
  /** Present when the patient opted in to earlier-slot offers. */
  offerEarlier?: OfferEarlier;
}

/** An earlier-slot offer (`GET /offers/{token}`): the time offered and the booking it would move. */
export interface EarlierOffer {
  offer: Pick<Booking, 'appointmentTypeId' | 'providerId' | 'start' | 'end' | 'mode' | 'locationId'>;
  booking: Booking;
}

export interface BookingConfirmation {
  booking: Booking;
  /** The secret that opens the booking (`#booking=TOKEN`). Travels in URL fragments only. */
  manageToken: string;
  /** True when the clinic's server says it emailed the details to the patient. */
  emailSent?: boolean;
}

export type ApiErrorCode =
  | 'NETWORK'
  | 'TIMEOUT'
  | 'SERVER'
  | 'NOT_JSON'
  | 'UNSUPPORTED_VERSION'
  | 'BAD_WINDOW'
  | 'TOO_LARGE'
  | 'SLOT_TAKEN'
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'EXPIRED'
  | 'BAD_REQUEST'
  | 'CHANGE_CUTOFF_PASSED'
  | 'CHANGES_NOT_ONLINE'
  | 'OFFER_EXPIRED'
  | 'ABORTED';

/** One problem in a rules document, as the engine's `validateRules` reports it. */
export interface RulesProblem {
  code: string;
  path: string;
  message: string;
}

/**
 * A failed call. `message` is a plain-English default for developers; the widget shows its own
 * translated text chosen by `code`. `fieldErrors` maps a request field (`start`, `providerId`,
 * `name`, `email`, ...) to a short code (`REQUIRED`, `INVALID`, ...).
 */
export interface ApiError {
  code: ApiErrorCode;
  message: string;
  /** The HTTP status when the server answered. */
  status?: number;
  fieldErrors?: Record<string, string>;
  /** Why a booking was refused (`SLOT_TAKEN`): the engine's `checkSlot` code, e.g. `BUSY`, `DAY_FULL`. */
  reason?: string;
  /** `saveRules` only: the validator's errors for a refused draft (`code: 'VALIDATION'`). */
  problems?: RulesProblem[];
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export interface RulesFetch {
  rules: unknown;
  etag: string | null;
  /** True when the server answered 304 and the stored copy was confirmed fresh. */
  fromCache: boolean;
}

/** A month's busy window (`GET /busy/{YYYY-MM}`): the engine's `BusyWindow`, range checked. */
export interface BusyWindowData {
  month: string;
  start: number;
  end: number;
  busy: Record<string, unknown>;
  seats: Record<string, unknown>;
  perDay: Record<string, unknown>;
}

export interface BusyFetch {
  window: BusyWindowData;
  etag: string | null;
  /** True when the server answered 304 and the copy held in memory was confirmed fresh. */
  fromCache: boolean;
}

export interface ApiClientOptions {
  /** Where the API lives, e.g. `/api` or `https://clinic.example/api` (no trailing slash needed). */
  apiBase: string;
  fetch?: typeof fetch;
  /** Per attempt. Default 10 000 ms. */
  timeoutMs?: number;
  /** Extra attempts after the first, on network errors, timeouts and 5xx only (never 4xx). Default 3. */
  retries?: number;
  /** The first retry's delay before jitter; it doubles each time. Default 300 ms. */
  retryBaseMs?: number;
}

export interface ApiClient {
  /** The last good rules document this client fetched, or null: shown at once while a fresh copy loads. */
  cachedRules(): unknown | null;
  /** Timeout, retry with backoff, If-None-Match revalidation, refuses non-JSON / an unknown version or required feature / > 5 MB with a clear message; keeps the last good doc in memory. */
  fetchRules(signal?: AbortSignal): Promise<ApiResult<RulesFetch>>;
  /**
   * The busy window of `month` (`YYYY-MM`), revalidated with If-None-Match against the copy held
   * in memory. Refuses an answer over 2 MB (`TOO_LARGE`), one that is not a window or is a window
   * of another range (`BAD_WINDOW`).
   */
  fetchBusy(month: string, signal?: AbortSignal): Promise<ApiResult<BusyFetch>>;
  /** Retries reuse `idempotencyKey`, so a lost response never makes two bookings. */
  createBooking(
    request: BookingRequest,
    idempotencyKey: string,
    signal?: AbortSignal,
  ): Promise<ApiResult<BookingConfirmation>>;
  getBooking(token: string, signal?: AbortSignal): Promise<ApiResult<{ booking: Booking }>>;
  reschedule(
    token: string,
    change: { start: number; providerId: string },
    idempotencyKey: string,
    signal?: AbortSignal,
  ): Promise<ApiResult<BookingConfirmation>>;
  cancel(
    token: string,
    idempotencyKey: string,
    signal?: AbortSignal,
  ): Promise<ApiResult<{ booking: Booking }>>;
  /** An offer link's offer; `OFFER_EXPIRED` (with `reason`) once it no longer works. */
  getOffer(token: string, signal?: AbortSignal): Promise<ApiResult<EarlierOffer>>;
  /** Takes the offered time; the confirmation's `manageToken` is the booking's new token. */
  acceptOffer(
    token: string,
    idempotencyKey: string,
    signal?: AbortSignal,
  ): Promise<ApiResult<BookingConfirmation>>;
  /** Opts the booking in to earlier-slot offers, or out (`null`). */
  setOfferEarlier(
    token: string,
    offerEarlier: OfferEarlier | null,
    signal?: AbortSignal,
  ): Promise<ApiResult<{ booking: Booking }>>;
}

/** The admin's client (admin-client.ts): the patient's, plus staff sign-in, saving and the rules history. */
/** A signed-in staff member, and the token their writes carry (`X-CSRF-Token`). */
export interface StaffSession {
  staff: { id: string; email: string; role: 'admin' | 'staff' };
  csrfToken: string;
}

/**
 * A failed admin call: an `ApiError` with the server's own `code` kept as `serverCode`
 * (`INVALID_LOGIN`, `RATE_LIMITED`, `UNAUTHENTICATED`, `FORBIDDEN`, `CSRF`, `RULES_CONFLICT`,
 * `RULES_ORPHAN_BOOKINGS`, ...), which the patient's codes do not name.
 */
export interface AdminApiError extends ApiError {
  serverCode?: string;
  /** From `Retry-After` on a 429, when the server sent one. */
  retryAfterSeconds?: number;
  /** 412 `RULES_CONFLICT`: the newer version the draft would overwrite. */
  conflict?: RulesConflict;
  /** 409 `RULES_ORPHAN_BOOKINGS`: the upcoming bookings the draft would leave without a type or provider. */
  orphans?: OrphanedBookings[];
}

export type AdminResult<T> = { ok: true; value: T } | { ok: false; error: AdminApiError };

/** One saved version of the rules, without its document. `etag` is the version's own (`If-Match`). */
export interface RulesVersionSummary {
  version: number;
  etag: string;
  /** Epoch milliseconds. */
  savedAt: number;
  /** The staff member's email, or null for the server (seeded rules, imports). */
  savedBy: string | null;
  note: string;
  warningCount: number;
}

export interface RulesVersion extends RulesVersionSummary {
  document: unknown;
}

/** The version a save would have overwritten (412 `RULES_CONFLICT`). */
export interface RulesConflict {
  version: number;
  etag: string;
  savedBy: string | null;
  savedAt: number;
  document: unknown;
}

/** Upcoming bookings of one type and provider that the saved rules would no longer have. */
export interface OrphanedBookings {
  appointmentTypeId: string;
  providerId: string;
  count: number;
  problem: 'TYPE_REMOVED' | 'PROVIDER_REMOVED' | 'PROVIDER_NO_LONGER_OFFERS';
}

/** A save's answer: the served document's ETag, the stored version's (`rulesEtag`) and number. */
export interface RulesSaved {
  etag: string | null;
  rulesEtag: string | null;
  version: number | null;
  warnings: RulesProblem[];
}

export interface SaveRulesOptions {
  /** The `rulesEtag` of the version the draft started from: a newer version answers 412. */
  ifMatch?: string | null;
  /** Keep upcoming bookings the rules orphan as plain busy time (`?orphans=keep`). */
  keepOrphans?: boolean;
  signal?: AbortSignal;
}

/** A booking as staff see it: with the patient's details (screen only: never logged or stored). */
export interface StaffBooking extends Booking {
  seats: number;
  patient: PatientDetails;
  /** The answers to the type's intake questions, each with the question as it was asked. */
  answers?: StoredAnswer[];
}

/** A staff account of the clinic, as administrators see it (never its password). */
export interface StaffMember {
  id: string;
  email: string;
  role: 'admin' | 'staff';
  /** Epoch milliseconds. */
  createdAt: number;
}

/** An account to add, with its first password. */
export interface NewStaffMember {
  email: string;
  password: string;
  role: StaffMember['role'];
}

/** One answer of the staff's bookings list. */
export interface BookingsPage {
  bookings: StaffBooking[];
  /** More bookings start later in the range than the page holds. */
  truncated: boolean;
}

export interface AdminApiClient extends ApiClient {
  /**
   * Store a draft as the served rules (an administrator's session). A refused draft gives
   * `VALIDATION` with `problems`; no session gives status 401, a staff member's status 403; a
   * newer version than `ifMatch` gives status 412 with `conflict`; orphaned bookings status 409
   * with `orphans`.
   */
  saveRules(rules: unknown, options?: SaveRulesOptions): Promise<AdminResult<RulesSaved>>;
  signIn(email: string, password: string): Promise<AdminResult<StaffSession>>;
  session(): Promise<AdminResult<StaffSession>>;
  signOut(): Promise<void>;
  /** The saved versions, newest first. */
  listVersions(signal?: AbortSignal): Promise<AdminResult<RulesVersionSummary[]>>;
  getVersion(version: number, signal?: AbortSignal): Promise<AdminResult<RulesVersion>>;
  /** Saves version `version`'s document again as a new version (same checks as `saveRules`). */
  restoreVersion(version: number, options?: SaveRulesOptions): Promise<AdminResult<RulesSaved>>;
  /**
   * Bookings that start in [from, to), any status, with the patients' details, in order of start:
   * at most a page of them (`truncated` when more start later in the range).
   */
  listBookings(from: number, to: number, signal?: AbortSignal): Promise<AdminResult<BookingsPage>>;
  /** The clinic's staff accounts, by email (administrators only: a staff member's status 403). */
  listStaff(signal?: AbortSignal): Promise<AdminResult<StaffMember[]>>;
  /**
   * Adds an account with its first password; `422 VALIDATION` names a bad email or a weak
   * password, `409 EXISTS` an email the clinic has.
   */
  addStaff(member: NewStaffMember): Promise<AdminResult<StaffMember>>;
  /** Changes an account's role (its sessions have it at once); `409 SELF` for one's own. */
  setStaffRole(id: string, role: StaffMember['role']): Promise<AdminResult<StaffMember>>;
  /**
   * Sets another account's password (to hand over in person) and ends its sessions; `409 SELF` for
   * one's own, `422 VALIDATION` with `fieldErrors.password` for one too short or too long.
   */
  setStaffPassword(id: string, password: string): Promise<AdminResult<StaffMember>>;
  /** Removes an account and ends its sessions; `409 SELF` for one's own. */
  removeStaff(id: string): Promise<AdminResult<null>>;
  /**
   * Changes the signed-in staff member's own password (any role); every other session of the
   * account ends, this one stays. `422 VALIDATION` names the refused field in `fieldErrors`
   * (`currentPassword: 'WRONG'`, `newPassword: 'TOO_WEAK'`); status 429 after ten attempts.
   */
  changeOwnPassword(currentPassword: string, newPassword: string): Promise<AdminResult<null>>;
  /**
   * Cancels a booking for its patient (any staff member), whatever its type's change policy; the
   * patient is emailed. A booking already cancelled answers as it is; `409 TOO_LATE` once begun.
   */
  cancelForPatient(bookingId: string): Promise<AdminResult<StaffBookingChange>>;
  /**
   * Moves a booking for its patient (any staff member) to a time the server finds free for its
   * type, whatever the change policy; the patient is emailed. Asked for where it already is, it
   * answers it as it is; `409 SLOT_TAKEN` (with `reason`) for a time not free, `409 CANCELLED`,
   * `409 TOO_LATE` once begun.
   */
  moveForPatient(
    bookingId: string,
    change: { start: number; providerId: string },
  ): Promise<AdminResult<StaffBookingChange>>;
}

/**
 * A booking the clinic cancelled or moved for its patient: the patient is emailed (`emailSent`),
 * or was already told (null: it was so before).
 */
export interface StaffBookingChange {
  booking: Booking;
  emailSent: boolean | null;
}
