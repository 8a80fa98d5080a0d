import { continueFromTime, goBack, whatStepSkipped } from '../actions/flow.ts';
import { openFirstAvailable } from '../actions/slots.ts';
import { formatMonth } from '../format.ts';
import type { Store } from '../state.ts';
import { addMonths, monthOf } from '../time.ts';
import { Busy } from './Busy.tsx';
import { Calendar } from './Calendar.tsx';
import { Heading } from './Heading.tsx';
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
      <ZoneBar store={store} />
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
          {showTimes && <TimeList key={day} store={store} day={day} />}
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
