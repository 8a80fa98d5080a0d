/**
 * The details form and the booking request. The idempotency key belongs to one attempt (the
 * same time, type, provider and details): a retry after a lost answer or a double click sends
 * the same key, so the clinic never books twice; a changed request gets a new key.
 */
import { batch } from '@preact/signals';
import { newIdempotencyKey } from '../../api/idempotency.ts';
import type { BookingRequest } from '../../api/types.ts';
import { fieldErrors } from '../form-errors.ts';
import { FIELD_ORDER, type FieldName, type FormValues, type MessageKey } from '../form-values.ts';
import {
  answersToSend,
  firstAnswerProblem,
  mapServerAnswerErrors,
  questionsOf,
  touchAnswer,
} from '../intake-form.ts';
import type { Store } from '../state.ts';
import { mapServerFieldErrors, normalizeDateOfBirth, toPatientDetails } from '../validation.ts';
import { bookingDetail, failureMessage } from './answers.ts';
import { goToStep } from './common.ts';
import { refreshRules } from './rules.ts';
import { markMonthStale } from './slots.ts';

/** The key for this request: the previous one when the request is unchanged. */
export function idempotencyKeyFor(store: Store, fingerprint: string): string {
  const last = store.lastAttempt;
  if (last && last.fingerprint === fingerprint) return last.key;
  const key = newIdempotencyKey();
  store.lastAttempt = { fingerprint, key };
  return key;
}

/** Types into a field; the server's complaint about that field goes away as the patient edits it. */
export function setField<F extends FieldName>(store: Store, field: F, value: FormValues[F]): void {
  batch(() => {
    store.form.value = { ...store.form.peek(), [field]: value };
    if (store.serverErrors.peek()[field]) {
      const rest = { ...store.serverErrors.peek() };
      delete rest[field];
      store.serverErrors.value = rest;
    }
  });
}

/**
 * Marks a field as visited, so its problem shows. A date of birth typed another way year first
 * (`19850423`) is shown as it will be sent (`1985-04-23`), so the patient sees how it was read.
 */
export function blurField(store: Store, field: FieldName): void {
  if (field === 'dateOfBirth') {
    const typed = store.form.peek().dateOfBirth;
    const read = normalizeDateOfBirth(typed);
    if (read !== typed) setField(store, field, read);
  }
  if (store.touched.peek().has(field)) return;
  store.touched.value = new Set([...store.touched.peek(), field]);
}

/**
 * A press in the details form (`pointerdown`): the fields it takes focus from show their problems
 * only once it is released and its click is done. A message appearing on blur would push what
 * the patient is pressing out from under the pointer, and the click would land on nothing.
 */
export function pressInForm(store: Store): void {
  if (store.leftDuringPress !== null || typeof window === 'undefined') return;
  const left: Array<() => void> = [];
  store.leftDuringPress = left;
  const release = () => {
    window.removeEventListener('pointerup', release, true);
    window.removeEventListener('pointercancel', release, true);
    store.leftDuringPress = null;
    // The click follows the release in the same task: the messages come after it.
    store.later(() => {
      for (const visit of left) visit();
    }, 0);
  };
  window.addEventListener('pointerup', release, true);
  window.addEventListener('pointercancel', release, true);
}

/** A field loses focus: its problem shows now, or after the press that took focus (pressInForm). */
export function leaveField(store: Store, field: FieldName): void {
  const left = store.leftDuringPress;
  if (left) left.push(() => blurField(store, field));
  else blurField(store, field);
}

/** A question loses focus: like `leaveField`, its problem shows now or after the press. */
export function leaveAnswer(store: Store, id: string): void {
  const left = store.leftDuringPress;
  if (left) left.push(() => touchAnswer(store, id));
  else touchAnswer(store, id);
}

/** The first field with a visible problem, if any. */
export function firstProblem(store: Store): FieldName | undefined {
  const errors = fieldErrors(store).peek();
  return FIELD_ORDER.find((field) => errors[field] !== undefined);
}

/** Submits the details: to the review when they are complete, else focus the first problem. */
export function submitDetails(store: Store): void {
  store.submitted.value = true;
  const problem = firstProblem(store);
  if (problem) {
    store.focusTarget.value = `field:${problem}`;
    return;
  }
  const question = firstAnswerProblem(store);
  if (question !== undefined) {
    store.focusTarget.value = `answer:${question}`;
    return;
  }
  goToStep(store, 'review');
}

/** Sends the booking. A second call while one is in flight does nothing. */
export async function confirmBooking(store: Store): Promise<void> {
  const api = store.deps.apiClient();
  const slot = store.selectedSlot.peek();
  const appointmentTypeId = store.typeId.peek();
  // Only from the review, once: a second click of a double click may land before it is redrawn.
  if (store.step.peek() !== 'review' || store.submission.peek().status === 'sending') return;
  if (!api || !slot || appointmentTypeId === null) return;
  if (store.options.peek().mode === 'preview') return;

  const request: BookingRequest = {
    appointmentTypeId,
    providerId: slot.providerId,
    start: slot.start,
    patient: toPatientDetails(store.form.peek()),
  };
  const answers = answersToSend(store);
  if (answers) request.answers = answers;
  const key = idempotencyKeyFor(store, JSON.stringify(request));
  batch(() => {
    store.submission.value = { status: 'sending', code: null };
    store.notice.value = null;
  });
  const result = await api.createBooking(request, key, store.signal);
  if (store.disposed) return;
  if (result.ok) {
    const { booking } = result.value;
    batch(() => {
      store.submission.value = { status: 'idle', code: null };
      store.confirmation.value = result.value;
      goToStep(store, 'done');
    });
    store.deps.emit('cs-booked', bookingDetail(booking));
    return;
  }
  const { error } = result;
  store.deps.emit('cs-error', { code: error.code, message: 'The booking was not made.' });
  handleBookingError(store, error.code, error.fieldErrors, error.reason);
}

/** After a refused booking: back to the times (409), to the fields (422), or offer a retry. */
function handleBookingError(
  store: Store,
  code: string,
  fieldErrors?: Record<string, string>,
  reason?: string,
): void {
  if (code === 'VALIDATION') {
    const { answers, patient } = splitAnswerErrors(fieldErrors);
    const mapped = mapServerFieldErrors(patient, store.form.peek().patientStatus);
    const asked = mapServerAnswerErrors(answers, questionsOf(store).peek());
    const answerProblems = Object.keys(asked.problems).length > 0;
    if (Object.keys(mapped.fields).length > 0 || answerProblems || asked.unknown) {
      batch(() => {
        store.submission.value = { status: 'idle', code: null };
        store.serverErrors.value = mapped.fields;
        store.answerServerErrors.value = asked.problems;
        store.submitted.value = true;
        // An answer to a question the page does not know: the clinic changed its questions.
        store.notice.value = { kind: 'error', key: asked.unknown ? 'questionsChanged' : 'fieldsRejected' };
        store.step.value = 'details';
        const field = firstProblem(store);
        const question = firstAnswerProblem(store);
        store.focusTarget.value =
          field !== undefined || question === undefined ? `field:${field ?? 'name'}` : `answer:${question}`;
      });
      if (asked.unknown) void refreshRules(store);
      return;
    }
    if (mapped.slotRejected) code = 'SLOT_TAKEN';
  }
  if (code === 'SLOT_TAKEN') {
    timeWasTaken(store, reason);
    return;
  }
  batch(() => {
    store.submission.value = { status: 'failed', code };
    store.notice.value = { kind: 'error', key: failureMessage(code) };
  });
}

/** The server's field errors about answers (`answers`, `answers/{id}`) apart from the rest. */
function splitAnswerErrors(fieldErrors: Record<string, string> | undefined) {
  const answers: Record<string, string> = {};
  const patient: Record<string, string> = {};
  for (const [path, code] of Object.entries(fieldErrors ?? {})) {
    if (path === 'answers' || path.startsWith('answers/')) answers[path] = code;
    else patient[path] = code;
  }
  return { answers, patient };
}

/**
 * What the patient is told for each reason the clinic gives (the engine's `checkSlot` codes);
 * a reason not listed here, or none, reads as a time someone else just took.
 */
const REFUSALS: Record<string, MessageKey> = {
  DAY_FULL: 'refusedDayFull',
  DAY_LIMIT: 'refusedDayFull',
  NOT_ON_SCHEDULE: 'refusedHours',
  TIME_OFF: 'refusedHours',
  TOO_FAR: 'refusedHours',
  TOO_SOON: 'refusedTooSoon',
};

/**
 * The chosen time is no longer bookable: say why (from the clinic's `reason`), drop it, fetch
 * fresh rules and show the day's times again.
 */
export function timeWasTaken(store: Store, reason?: string): void {
  batch(() => {
    store.submission.value = { status: 'idle', code: null };
    store.selectedSlot.value = null;
    const key = (reason !== undefined && REFUSALS[reason]) || 'slotTaken';
    store.notice.value = { kind: 'error', key, refused: true };
    goToStep(store, 'when');
    markMonthStale(store);
  });
  void refreshRules(store);
}
