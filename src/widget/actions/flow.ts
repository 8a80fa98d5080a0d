/** Moving through the steps: choosing the visit and the provider, going back, starting over. */
import { batch } from '@preact/signals';
import { EMPTY_FORM } from '../form-values.ts';
import { type PatientFilter, slotLocation } from '../rules-view.ts';
import type { Store } from '../state.ts';
import { goToStep } from './common.ts';
import { startCalendar } from './rules.ts';
import { recheckChosenSlot } from './slots.ts';

export function chooseFilter(store: Store, filter: PatientFilter): void {
  batch(() => {
    store.patientFilter.value = filter;
    const type = store.type.peek();
    if (type && filter !== 'all' && (type.patients ?? 'any') !== 'any' && type.patients !== filter) {
      store.typeId.value = null;
      store.providerId.value = null;
    }
    if (filter !== 'all' && store.form.peek().patientStatus === '') {
      store.form.value = { ...store.form.peek(), patientStatus: filter };
    }
  });
}

/** Chooses a type; the provider choice survives only when that provider offers it. */
export function chooseType(store: Store, typeId: string): void {
  batch(() => {
    store.typeId.value = typeId;
    const offered = store.type.peek()?.providerIds ?? [];
    const current = store.providerId.peek();
    if (current !== null && !offered.includes(current)) store.providerId.value = null;
    if (offered.length === 1) store.providerId.value = offered[0] ?? null;
    store.selectedSlot.value = null;
    store.selectedDate.value = null;
    const patients = store.type.peek()?.patients;
    if ((patients === 'new' || patients === 'existing') && store.form.peek().patientStatus === '') {
      store.form.value = { ...store.form.peek(), patientStatus: patients };
    }
  });
}

/** `null` means "any available". */
export function chooseProvider(store: Store, providerId: string | null): void {
  batch(() => {
    store.providerId.value = providerId;
    store.selectedSlot.value = null;
    store.selectedDate.value = null;
  });
}

/**
 * Shows only the times at one location (`null`: all of them); a chosen time elsewhere is
 * unchosen. The day stays chosen: its times at that location, if any, are shown.
 */
export function chooseLocation(store: Store, locationId: string | null): void {
  batch(() => {
    store.locationFilter.value = locationId;
    const slot = store.selectedSlot.peek();
    const view = store.rules.peek();
    if (slot && view && locationId !== null && slotLocation(view, slot)?.id !== locationId)
      store.selectedSlot.value = null;
  });
}

/** From "what and who" to the calendar. */
export function continueToCalendar(store: Store): void {
  if (store.typeId.peek() === null) return;
  goToStep(store, 'when');
  startCalendar(store);
}

/** From the chosen time to the details (or, when rescheduling, straight to the review). */
export function continueFromTime(store: Store): void {
  if (!store.selectedSlot.peek()) return;
  if (store.notice.peek()?.refused) store.notice.value = null;
  goToStep(store, store.flow.peek() === 'reschedule' ? 'review' : 'details');
  // While the patient types, the time is checked against fresh busy time, so the review never
  // shows one taken meanwhile.
  void recheckChosenSlot(store);
}

/** True when the "what and who" step was skipped: the host fixed the type, and the provider too (or there is one). */
export function whatStepSkipped(store: Store): boolean {
  const options = store.options.peek();
  const type = store.type.peek();
  if (!type || options.appointmentTypeId !== type.id) return false;
  return (
    type.providerIds.length === 1 ||
    (options.providerId !== undefined && options.providerId === store.providerId.peek())
  );
}

/** One step back; what was typed and chosen stays. */
export function goBack(store: Store): void {
  const step = store.step.peek();
  const rescheduling = store.flow.peek() === 'reschedule';
  if (step === 'review') goToStep(store, rescheduling ? 'when' : 'details');
  else if (step === 'details') goToStep(store, 'when');
  else if (step === 'when') goToStep(store, rescheduling ? 'manage' : 'what');
}

/** After a confirmation: book another visit, keeping nothing of the last patient's details. */
export function startOver(store: Store): void {
  batch(() => {
    store.confirmation.value = null;
    store.selectedSlot.value = null;
    store.form.value = EMPTY_FORM;
    store.touched.value = new Set();
    store.submitted.value = false;
    store.serverErrors.value = {};
    store.answers.value = {};
    store.answersTouched.value = new Set();
    store.answerServerErrors.value = {};
    store.flow.value = 'book';
    store.manage.value = null;
    store.notice.value = null;
    goToStep(store, whatStepSkipped(store) ? 'when' : 'what');
  });
  if (store.step.peek() === 'when') startCalendar(store);
}
