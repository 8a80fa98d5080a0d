/**
 * Opening a booking from a reminder email's link (`#booking=TOKEN`). In the page bundle, so the
 * booking starts loading at once; what the patient then does with it (actions/manage.ts) loads
 * with the later steps.
 */
import { batch } from '@preact/signals';
import { fragmentValue, hashWithoutToken, LINK_TOKEN } from '../fragment.ts';
import type { Store } from '../state.ts';
import { chooseInitial } from './rules.ts';

export { hashWithoutToken };

/** The manage token in a URL fragment, or `null`. */
export function tokenFromHash(hash: string): string | null {
  return fragmentValue(hash, 'booking', LINK_TOKEN) ?? null;
}

/** What a reminder email's link asks to do with the booking (`&action=reschedule|cancel`), if anything. */
export function actionFromHash(hash: string): 'reschedule' | 'cancel' | undefined {
  return fragmentValue(hash, 'action', /^(reschedule|cancel)$/) as 'reschedule' | 'cancel' | undefined;
}

/**
 * Loads the booking behind a token and shows it. Its heading (or, for a link no longer valid, the
 * first step's) then takes focus, which also scrolls it into view: the patient followed a link
 * to this booking, from an email or on the page, and the widget may be far down the clinic's page.
 */
export async function openManage(store: Store, token: string): Promise<void> {
  const api = store.deps.apiClient();
  if (!api) {
    store.step.value = 'what';
    return;
  }
  batch(() => {
    store.manage.value = { token, booking: null, status: 'loading' };
    store.step.value = 'manage';
  });
  const result = await api.getBooking(token, store.signal);
  if (store.disposed) return;
  if (result.ok) {
    // The email's "Cancel" link opens the question, its "Reschedule" the calendar (ManageStep
    // starts it: the action comes with the later part). A booking that cannot change opens as is.
    const { booking } = result.value;
    const action =
      booking.status === 'confirmed' && booking.start > store.deps.now()
        ? actionFromHash(store.deps.locationHash.get())
        : undefined;
    batch(() => {
      store.manage.value = {
        token,
        booking,
        status: action === 'cancel' ? 'confirm-cancel' : 'ready',
        ...(action === 'reschedule' ? { reschedule: true as const } : {}),
      };
      store.focusTarget.value = 'heading';
    });
    return;
  }
  const expired = result.error.code === 'NOT_FOUND' || result.error.code === 'EXPIRED';
  batch(() => {
    store.manage.value = null;
    store.notice.value = { kind: 'error', key: expired ? 'linkInvalid' : 'manageFailed', phone: !expired };
    store.step.value = 'what';
    store.focusTarget.value = 'heading';
  });
  if (expired) store.deps.locationHash.set(hashWithoutToken(store.deps.locationHash.get()));
  store.deps.emit('cs-error', { code: result.error.code, message: 'The booking link could not be opened.' });
  chooseInitial(store);
}
