import { continueFromTime, goBack, whatStepSkipped } from '../actions/flow.ts';
import { openFirstAvailable, selectDay } from '../actions/slots.ts';
import { formatDateTime, formatDayLong, formatMonth } from '../format.ts';
import type { Store } from '../state.ts';
import { addMonths, type IsoDate, monthOf } from '../time.ts';
import { Busy } from './Busy.tsx';
import { Calendar } from './Calendar.tsx';
import { Heading } from './Heading.tsx';
import { LocationFilter } from './LocationFilter.tsx';
import { CallToBook } from './Phone.tsx';
import { TimeList } from './TimeList.tsx';
import { ZoneBar } from './ZoneBar.tsx';

/** Steps 2 and 3: the month calendar and, under it, the chosen day's times. */
export function WhenStep({ store }: { store: Store }) {
  const t = store.t.value;
  const preview = store.options.value.mode === 'preview';
  const rescheduling = store.flow.value === 'reschedule';
  const search = store.search.value;
  const state = store.monthState.value;
  const monthEmpty = search === 'idle' && state?.status === 'ready' && store.days.value.size === 0;
  const day = store.selectedDate.value;
  const showTimes = day !== null && monthOf(day) === store.month.value && state?.status === 'ready';
  const canGoBack = rescheduling || (!preview && !whatStepSkipped(store));

  return (
    <div>
      <Heading store={store} text={rescheduling ? t.rescheduleTitle : t.whenTitle} />
      {store.type.value && (
        <p class="cs-meta">
          {store.type.value.name}
          {store.providerId.value === null
            ? ` · ${t.anyProvider}`
            : ` · ${store.typeProviders.value.find((p) => p.id === store.providerId.value)?.name ?? ''}`}
        </p>
      )}
      {rescheduling && store.manage.value?.booking && (
        <p>
          {t.currentAt(
            formatDateTime(store.manage.value.booking.start, store.viewZone.value, store.locale.value.intl),
          )}
        </p>
      )}
      <ZoneBar store={store} />
      <LocationFilter store={store} />
      {search === 'none' ? (
        <div class="cs-banner" part="banner">
          <p>{t.windowEmpty}</p>
          <CallToBook store={store} />
        </div>
      ) : (
        <>
          <Calendar store={store} />
          {search === 'searching' && <Busy text={t.searching} />}
          {state?.status === 'loading' && search !== 'searching' && <Busy text={t.loadingTimes} />}
          {monthEmpty && (
            <div class="cs-banner" part="banner">
              <p>{t.monthEmpty(formatMonth(store.month.value, store.locale.value.intl))}</p>
              <button
                type="button"
                class="cs-button cs-button--quiet"
                part="button"
                onClick={() => void openFirstAvailable(store, addMonths(store.month.value, 1))}
              >
                {t.nextAvailable}
              </button>
            </div>
          )}
          {showTimes && !monthEmpty && store.daySlots.value.length === 0 && (
            <EmptyDay store={store} day={day} />
          )}
          {showTimes && store.daySlots.value.length > 0 && <TimeList key={day} store={store} day={day} />}
        </>
      )}
      <div class="cs-actions">
        {canGoBack && (
          <button
            type="button"
            class="cs-button cs-button--quiet"
            part="button"
            onClick={() => goBack(store)}
          >
            {t.back}
          </button>
        )}
        {!preview && (
          <button
            type="button"
            class="cs-button"
            part="button"
            disabled={store.selectedSlot.value === null}
            onClick={() => continueFromTime(store)}
          >
            {t.continue}
          </button>
        )}
      </div>
    </div>
  );
}

/**
 * A day without times that was chosen anyway (a click, or Enter on a greyed day): says so and
 * offers the next day with times, named when it is in the shown month, else searched for in the
 * months after. Focus then goes to that day in the grid, not to the page's body with the button.
 */
function EmptyDay({ store, day }: { store: Store; day: IsoDate }) {
  const t = store.t.value;
  const locale = store.locale.value.intl;
  const next = [...store.days.value.keys()].filter((date) => date > day).sort()[0];
  const focusChosen = (root: Node) =>
    requestAnimationFrame(() => {
      const chosen = store.selectedDate.peek();
      (root as ParentNode).querySelector<HTMLElement>(`[data-date="${chosen}"]`)?.focus();
    });
  return (
    <div class="cs-banner" part="banner">
      <p>{t.dayEmpty(formatDayLong(day, locale))}</p>
      <button
        type="button"
        class="cs-button cs-button--quiet"
        part="button"
        onClick={(event) => {
          const root = event.currentTarget.getRootNode();
          if (next === undefined) {
            void openFirstAvailable(store, addMonths(store.month.value, 1)).then(() => focusChosen(root));
            return;
          }
          selectDay(store, next);
          focusChosen(root);
        }}
      >
        {next === undefined ? t.nextAvailable : t.nextAvailableOn(formatDayLong(next, locale))}
      </button>
    </div>
  );
}
