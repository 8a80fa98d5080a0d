/**
 * Getting the rules: the last good copy at once, then the fresh one from the clinic API; in
 * preview mode, the admin's draft. New rules drop the cached months and reload the shown one.
 */
import { batch } from '@preact/signals';
import { prepareFormatters } from '../format.ts';
import { loadCatalogue } from '../i18n/index.ts';
import { validDate } from '../options.ts';
import { readRules } from '../rules-view.ts';
import type { Store } from '../state.ts';
import { type IsoDate, type IsoMonth, monthOf, utcDate } from '../time.ts';
import { forgetWindows, windowFor } from './busy.ts';
import { goToStep } from './common.ts';
import { reportSlotError } from './months.ts';
import { openFirstAvailable, reloadMonth } from './slots.ts';

/** Installs a rules document; returns false when it cannot be read at all. */
export function applyRules(store: Store, raw: unknown): boolean {
  const view = readRules(raw);
  if (!view) return false;
  const first = store.rules.peek() === null;
  batch(() => {
    // The months held are those of the old rules view: the calendar asks for this one's.
    store.rules.value = view;
    store.rulesStatus.value = 'ready';
    if (store.notice.peek()?.retry === 'rules') store.notice.value = null;
  });
  if (first) {
    // The mount set UTC placeholders (state.ts); the patient's own date is cheap to read now.
    const today = store.today.peek();
    batch(() => {
      store.month.value = monthOf(today);
      store.focusedDate.value = today;
    });
    chooseInitial(store);
  } else if (store.typeId.peek() !== null) {
    // A search still running looks at months of the old rules (cached rules shown first, then
    // the fresh copy), which the calendar no longer shows: run it again on these rules.
    if (store.search.peek() === 'searching') startCalendar(store);
    else if (store.search.peek() === 'none') void openFirstAvailable(store, monthOf(store.today.peek()));
    else reloadMonth(store);
  }
  if (!store.readyEmitted) {
    store.readyEmitted = true;
    store.deps.emit('cs-ready', {
      mode: store.options.peek().mode,
      locale: store.locale.peek().language,
      timezone: store.viewZone.peek(),
    });
  }
  return true;
}

/**
 * Applies the preselection (type, provider, date: a reminder email's link over the host's
 * options) and picks the first step: the "what" step is skipped when the type is fixed and the
 * provider is fixed or the only one.
 */
export function chooseInitial(store: Store): void {
  const view = store.rules.peek();
  if (!view) return;
  const { appointmentTypeId, providerId, mode } = { ...store.options.peek(), ...store.link };
  const type = view.types.find((candidate) => candidate.id === appointmentTypeId);
  const preview = mode === 'preview';
  const typeId = type?.id ?? (preview || view.types.length === 1 ? (view.types[0]?.id ?? null) : null);
  const offered = view.types.find((candidate) => candidate.id === typeId)?.providerIds ?? [];
  const fixedProvider = providerId !== undefined && offered.includes(providerId) ? providerId : null;
  const only = offered.length === 1 ? (offered[0] ?? null) : null;
  const provider = fixedProvider ?? only;
  batch(() => {
    store.typeId.value = typeId;
    store.providerId.value = provider;
    store.selectedSlot.value = null;
    store.selectedDate.value = null;
    const patients = type?.patients;
    if ((patients === 'new' || patients === 'existing') && store.form.peek().patientStatus === '') {
      store.form.value = { ...store.form.peek(), patientStatus: patients };
    }
    // A booking or an offer opened from a link stays on screen while the rules arrive.
    const step = store.step.peek();
    if (step !== 'manage' && step !== 'offer') {
      store.step.value = preview || (type !== undefined && provider !== null) ? 'when' : 'what';
    }
  });
  if (store.step.peek() === 'when') startCalendar(store);
}

/** Opens the calendar on the link's or the host's date (when bookable), or the first bookable day. */
export function startCalendar(store: Store): void {
  const date = validDate(store.link.date ?? store.options.peek().date);
  void openFirstAvailable(store, firstMonth(store), date);
}

/** The month the calendar opens on: the link's or the host's date, else today's (never before it). */
function firstMonth(store: Store, today: IsoDate = store.today.peek()): IsoMonth {
  const date = validDate(store.link.date ?? store.options.peek().date);
  return date && monthOf(date) > monthOf(today) ? monthOf(date) : monthOf(today);
}

/** How long the rules wait for the slot worker before the page builds its first formatter anyway. */
const WORKER_WAIT_MS = 2000;

/**
 * Starts the slot worker, unless one runs (in the task after the rules were requested: that
 * request is the longer way to the first slots), and resolves once it has loaded the browser's
 * ICU data (it announced itself), so the page's first formatter, built when the rules are shown,
 * costs no long task; or after WORKER_WAIT_MS when the worker is slow to start. The first slots
 * need the worker anyway, and their job is posted as the rules are applied: the wait does not
 * delay them.
 */
function formattersCheap(store: Store): Promise<void> {
  return new Promise((resolve) => {
    store.later(resolve, WORKER_WAIT_MS);
    // In a task of its own, after the one that sent the requests: creating a worker takes 4 to
    // 25 ms on a slow phone. `ready()` waits for no worker when none runs yet; `warm()` does
    // nothing when one does (mount.tsx's own warm task may have created it already).
    store.later(() => {
      const client = store.deps.slotClient();
      client.warm();
      void client.ready().then(resolve);
    }, 0);
  });
}

/**
 * Resolves once the widget's language is loaded (its catalogue may be a file still on its way),
 * so that what is shown and announced next is in that language.
 */
export function messagesLoaded(store: Store): Promise<boolean> {
  return loadCatalogue(store.locale.peek().language);
}

/** Fetches the rules from the clinic API, showing the last good copy first when there is one. */
export async function loadRules(store: Store): Promise<void> {
  const api = store.deps.apiClient();
  if (!api) {
    failRules(store, 'NO_API');
    return;
  }
  // The request starts first; its answer is applied once the page's language has loaded.
  const fetching = api.fetchRules(store.signal);
  // The first month's busy time travels beside the rules rather than after them (a server whose
  // rules carry their bookings answers 404, and the window is never used). Its month is the UTC
  // date's, which needs no formatter: within hours of a month's end it may be the neighbour of
  // the patient's, and the calendar then fetches its own month as it opens.
  void windowFor(store, firstMonth(store, utcDate(store.deps.now())));
  const cached = api.cachedRules();
  // A manage or offer link formats its booking's time as soon as the booking arrives: holding its
  // rules back for the worker would only hide the provider's name, the clinic's zone and the
  // change policy meanwhile.
  const step = store.step.peek();
  const link = step === 'manage' || step === 'offer';
  await Promise.all([messagesLoaded(store), link ? undefined : formattersCheap(store)]);
  if (store.disposed) return;
  // The formatters the calendar and the day's times draw with, built in a task of their own
  // (usually while the rules still travel) rather than in the tasks that draw them.
  if (!link) {
    store.later(
      () => prepareFormatters(store.locale.peek().intl, store.viewZone.peek(), store.deps.now()),
      0,
    );
  }
  if (cached !== null && store.rules.peek() === null) applyRules(store, cached);
  const result = await fetching;
  if (store.disposed) return;
  if (result.ok) {
    // A 304 confirmed the stored copy already shown: nothing to recompute.
    if (result.value.fromCache && store.rules.peek() !== null) return;
    if (!applyRules(store, result.value.rules)) failRules(store, 'NOT_RULES');
    return;
  }
  if (store.rules.peek() === null) failRules(store, result.error.code);
}

/**
 * Gets fresh rules after a refused booking (a time was just taken) or a patient's return to the
 * page (freshen.ts); keeps the old ones on failure.
 */
export async function refreshRules(store: Store): Promise<void> {
  const api = store.deps.apiClient();
  if (!api) return;
  // Fresh times count from now: the calendar's "today" too (a tab may have been open for days).
  store.clock.value = store.deps.now();
  // And from fresh busy time: each window is revalidated as its month is shown again.
  forgetWindows(store);
  const result = await api.fetchRules(store.signal);
  if (store.disposed) return;
  if (result.ok) applyRules(store, result.value.rules);
  else reloadMonth(store);
}

function failRules(store: Store, code: string): void {
  batch(() => {
    store.rulesStatus.value = 'failed';
    store.notice.value = { kind: 'error', key: 'rulesFailed', phone: true, retry: 'rules' };
  });
  store.deps.emit('cs-error', { code, message: "The clinic's availability could not be loaded." });
}

/** The retry button after a failed rules fetch. */
export function retryRules(store: Store): void {
  batch(() => {
    store.rulesStatus.value = 'loading';
    store.notice.value = null;
  });
  void loadRules(store);
}

/**
 * Installs a preview draft. An unreadable draft is checked by the worker's validator so the
 * admin sees the first real error; a readable one is checked as its slots are computed.
 */
export async function applyPreviewRules(store: Store, raw: unknown): Promise<void> {
  await messagesLoaded(store);
  if (store.disposed) return;
  if (raw === undefined || raw === null) {
    store.previewProblem.value = store.t.peek().previewNoRules;
    store.rulesStatus.value = 'failed';
    return;
  }
  if (applyRules(store, raw)) {
    if (store.step.peek() !== 'when') goToStep(store, 'when');
    // With a type chosen, the slot job reports the draft's errors; without one, ask the validator.
    if (store.typeId.peek() !== null) return;
  } else {
    store.rulesStatus.value = 'failed';
  }
  try {
    const result = await store.deps.slotClient().validate(raw, { signal: store.signal, lane: 'preview' });
    if (store.disposed) return;
    if (result.ok)
      store.previewProblem.value = store.rules.peek()?.types.length ? null : store.t.peek().noTypes;
    else reportSlotError(store, 'INVALID_RULES', result.errors);
  } catch {
    if (!store.disposed) reportSlotError(store, 'INVALID_RULES', []);
  }
}
