/**
 * What the widget does once mounted and when the host changes an option: load the rules (or
 * the preview draft), open a booking or an earlier-time offer from the URL fragment, refresh the
 * times when the patient comes back to the page, try again what failed offline once the network
 * is back, and react to updates.
 */
import { batch, effect } from '@preact/signals';
import { keepWindowsLoaded } from './actions/busy.ts';
import { stillChoosing } from './actions/common.ts';
import { keepMonthLoaded } from './actions/months.ts';
import { openManage, tokenFromHash } from './actions/open-manage.ts';
import { offerTokenFromHash, openOfferLink } from './actions/open-offer.ts';
import { applyPreviewRules, chooseInitial, loadRules, retryRules, startCalendar } from './actions/rules.ts';
import { loadCatalogue, retryFailedCatalogues } from './i18n/index.ts';
import { laterSteps, loadLaterSteps, prefetchLaterSteps } from './later-steps.ts';
import { linkChoice } from './link.ts';
import type { Store } from './state.ts';
import { freshenOnReturn } from './watch-return.ts';

/**
 * How long a preview waits after the last draft before recomputing (an admin typing). Short,
 * because a newer draft also kills the job in flight (lane 'preview'): the debounce only spares
 * the worker a restart per keystroke. Same as the admin page's lint/diff debounce.
 */
export const PREVIEW_DEBOUNCE_MS = 60;

/** Starts the widget's work; everything it starts ends with `store.dispose()`. */
export function startWidget(store: Store): void {
  keepMonthLoaded(store);
  keepWindowsLoaded(store);
  // The page's language may need its catalogue fetched (once per page, shared by all widgets).
  store.onDispose(effect(() => void loadCatalogue(store.wantedLocale.value.language)));
  let debounce: ReturnType<typeof setTimeout> | undefined;
  store.onUpdate((previous) => {
    const next = store.options.peek();
    if (next.mode === 'preview' && next.rules !== previous.rules) {
      store.cancelLater(debounce);
      debounce = store.later(
        () => void applyPreviewRules(store, store.options.peek().rules),
        PREVIEW_DEBOUNCE_MS,
      );
    }
    if (next.mode === 'book' && next.apiBase !== previous.apiBase) void loadRules(store);
    const selectionChanged =
      next.appointmentTypeId !== previous.appointmentTypeId || next.providerId !== previous.providerId;
    // The host's own new choice wins over a reminder email's link from now on.
    if (selectionChanged || next.date !== previous.date) store.link = {};
    if (selectionChanged && store.rules.peek() && stillChoosing(store)) {
      chooseInitial(store);
    } else if (next.date !== previous.date && store.step.peek() === 'when' && store.typeId.peek() !== null) {
      startCalendar(store);
    }
    if (next.displayTimezone !== previous.displayTimezone) {
      batch(() => {
        store.selectedDate.value = null;
        store.selectedSlot.value = null;
      });
      if (store.step.peek() === 'when' && store.typeId.peek() !== null) startCalendar(store);
    }
  });

  // The later steps (details, review, confirmation; a preview never needs them) load once the
  // first times are on screen: early enough that a patient who picks one rarely waits, late
  // enough not to slow those times down (sooner, they would share the network with the worker).
  store.onDispose(
    effect(() => {
      const month = store.monthState.value?.status;
      const booking = store.options.value.mode === 'book';
      if (booking && store.step.value === 'when' && (month === 'ready' || month === 'failed')) {
        prefetchLaterSteps();
      }
    }),
  );

  if (store.options.peek().mode === 'preview') {
    void applyPreviewRules(store, store.options.peek().rules);
    return;
  }
  const hash = store.deps.locationHash.get();
  store.link = linkChoice(hash);
  // The patient followed a link to this widget, which may be far down the clinic's page: its
  // first step's heading takes focus, which brings it into view (a booking's does, below).
  if (Object.keys(store.link).length > 0) store.focusTarget.value = 'heading';
  const token = tokenFromHash(hash);
  const offerToken = offerTokenFromHash(hash);
  if (token) {
    void loadLaterSteps();
    store.step.value = 'manage';
    void openManage(store, token);
  } else if (offerToken) {
    void loadLaterSteps();
    openOfferLink(store, offerToken);
  }
  void loadRules(store);
  freshenOnReturn(store);
  // A phone that lost its network (a tunnel, a lift): once it is back, what failed for want of
  // it is tried again without waiting for the patient to press "Try again".
  const stopListening = store.deps.onReconnect?.(() => {
    if (store.rulesStatus.peek() === 'failed') retryRules(store);
    if (laterSteps.peek() === 'failed') void loadLaterSteps();
    retryFailedCatalogues();
  });
  if (stopListening) store.onDispose(stopListening);
  // A manage link clicked on this page (the confirmation's own, or the host's) opens that booking.
  // An offer's link comes only in an email, so it opens only with the page.
  const unsubscribe = store.deps.locationHash.subscribe?.(() => {
    const next = tokenFromHash(store.deps.locationHash.get());
    if (next && next !== store.manage.peek()?.token) {
      store.flow.value = 'book';
      void openManage(store, next);
    }
  });
  if (unsubscribe) store.onDispose(unsubscribe);
}
