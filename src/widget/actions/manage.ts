/**
 * An existing booking opened from a reminder email (`#booking=TOKEN`): show it, move it to a
 * new time with the same type and provider, or cancel it. A token that is unknown or expired
 * gets a clear message and the normal booking flow.
 */
import { batch } from '@preact/signals';
import { hashWithoutToken } from '../fragment.ts';
import type { ManageState, Store } from '../state.ts';
import { monthOf } from '../time.ts';
import { bookingDetail, failureMessage } from './answers.ts';
import { idempotencyKeyFor, timeWasTaken } from './booking.ts';
import { goToStep } from './common.ts';
import { openFirstAvailable } from './slots.ts';

/** Picks a new time for the booking: same type, same provider. */
export function startReschedule(store: Store): void {
  const manage = store.manage.peek();
  const booking = manage?.booking;
  if (!manage || !booking) return;
  batch(() => {
    store.manage.value = { ...manage, reschedule: undefined } as ManageState;
    store.flow.value = 'reschedule';
    store.typeId.value = booking.appointmentTypeId;
    store.providerId.value = booking.providerId;
    store.selectedSlot.value = null;
    store.selectedDate.value = null;
    store.notice.value = null;
    goToStep(store, 'when');
  });
  void openFirstAvailable(store, monthOf(store.today.peek()));
}

/**
 * After a cancellation: book the same visit again, at a new time. The link's token is done with,
 * so it leaves the page's fragment; the provider stays chosen when they still offer the visit.
 */
export function bookAgain(store: Store): void {
  const booking = store.manage.peek()?.booking;
  if (!booking) return;
  const type = store.rules.peek()?.types.find((known) => known.id === booking.appointmentTypeId);
  batch(() => {
    store.flow.value = 'book';
    store.manage.value = null;
    store.notice.value = null;
    store.typeId.value = type ? type.id : null;
    store.providerId.value = type?.providerIds.includes(booking.providerId) ? booking.providerId : null;
    store.selectedSlot.value = null;
    store.selectedDate.value = null;
    goToStep(store, type ? 'when' : 'what');
  });
  store.deps.locationHash.set(hashWithoutToken(store.deps.locationHash.get()));
  if (type) void openFirstAvailable(store, monthOf(store.today.peek()));
}

export function askCancel(store: Store): void {
  const manage = store.manage.peek();
  if (manage?.booking) store.manage.value = { ...manage, status: 'confirm-cancel' };
  store.focusTarget.value = 'heading';
}

export function keepBooking(store: Store): void {
  const manage = store.manage.peek();
  if (manage?.booking) store.manage.value = { ...manage, status: 'ready' };
  store.focusTarget.value = 'heading';
}

/** Cancels the booking (one request at a time; a retry reuses the key). */
export async function confirmCancel(store: Store): Promise<void> {
  const api = store.deps.apiClient();
  const manage = store.manage.peek();
  if (!api || !manage?.booking || manage.status !== 'confirm-cancel') return;
  const key = idempotencyKeyFor(store, `cancel:${manage.token}`);
  batch(() => {
    store.manage.value = { ...manage, status: 'cancelling' };
    store.notice.value = null;
  });
  const result = await api.cancel(manage.token, key, store.signal);
  if (store.disposed) return;
  if (result.ok) {
    batch(() => {
      store.manage.value = { ...manage, booking: result.value.booking, status: 'cancelled' };
      store.focusTarget.value = 'heading';
    });
    store.deps.emit('cs-cancelled', { bookingId: result.value.booking.id });
    return;
  }
  batch(() => {
    store.manage.value = { ...manage, status: 'confirm-cancel' };
    store.notice.value = { kind: 'error', key: failureMessage(result.error.code), phone: true };
  });
  store.deps.emit('cs-error', { code: result.error.code, message: 'The booking was not cancelled.' });
}

/** Moves the booking to the chosen time. */
export async function confirmReschedule(store: Store): Promise<void> {
  const api = store.deps.apiClient();
  const manage = store.manage.peek();
  const slot = store.selectedSlot.peek();
  if (store.step.peek() !== 'review' || store.submission.peek().status === 'sending') return;
  if (!api || !manage?.booking || !slot) return;
  const change = { start: slot.start, providerId: slot.providerId };
  const key = idempotencyKeyFor(store, `reschedule:${manage.token}:${change.start}:${change.providerId}`);
  batch(() => {
    store.submission.value = { status: 'sending', code: null };
    store.notice.value = null;
  });
  const result = await api.reschedule(manage.token, change, key, store.signal);
  if (store.disposed) return;
  if (result.ok) {
    // A move keeps the opt-in to earlier times: the answer repeats it, and an answer without it
    // (a server that does not) keeps the one shown.
    const { offerEarlier } = manage.booking;
    const booking = offerEarlier ? { offerEarlier, ...result.value.booking } : result.value.booking;
    batch(() => {
      store.submission.value = { status: 'idle', code: null };
      store.manage.value = {
        token: result.value.manageToken || manage.token,
        booking,
        status: 'rescheduled',
      };
      store.flow.value = 'book';
      goToStep(store, 'manage');
    });
    store.deps.emit('cs-rescheduled', bookingDetail(booking));
    return;
  }
  store.deps.emit('cs-error', { code: result.error.code, message: 'The booking was not moved.' });
  if (result.error.code === 'SLOT_TAKEN' || result.error.code === 'VALIDATION') {
    timeWasTaken(store, result.error.reason);
    return;
  }
  const code = result.error.code;
  if (code === 'CHANGE_CUTOFF_PASSED' || code === 'CHANGES_NOT_ONLINE') {
    // The clinic's clock or policy says no: back to the booking, which says why and whom to call.
    batch(() => {
      store.submission.value = { status: 'idle', code: null };
      store.flow.value = 'book';
      store.notice.value = { kind: 'error', key: failureMessage(code), phone: true };
      goToStep(store, 'manage');
    });
    return;
  }
  batch(() => {
    store.submission.value = { status: 'failed', code };
    store.notice.value = { kind: 'error', key: failureMessage(code) };
  });
}
