import { useState } from 'preact/hooks';
import type { Slot } from '../../engine/types.ts';
import { selectSlot } from '../actions/slots.ts';
import { formatDayLong, formatTime } from '../format.ts';
import { slotLocation } from '../rules-view.ts';
import { groupByDayPart } from '../slots-view.ts';
import type { Store } from '../state.ts';
import type { IsoDate } from '../time.ts';
import { visitTimes, WHOSE } from '../visit-times.ts';
import { useTaskAfter } from './task-after.ts';

/**
 * Times drawn at once, and added by each "Show more times": a day of 1-minute slots has 1,440,
 * and drawing them all would hold the page for seconds.
 */
const TIMES_PER_PAGE = 48;

/** Times drawn in the day's first task, about a phone's screenful; the page's rest in the next. */
const TIMES_FIRST_DRAWN = 12;

/**
 * Step 3: the day's times as one labelled radio group, split into morning, afternoon and evening,
 * the first `TIMES_PER_PAGE` of them (and up to the chosen one), then a button for more. Keyed by
 * the day where it is drawn, so another day starts with one page again.
 */
export function TimeList({ store, day }: { store: Store; day: IsoDate }) {
  const t = store.t.value;
  const id = store.idPrefix;
  const all = store.daySlots.value;
  const [pages, setPages] = useState(1);
  const chosen = store.selectedSlot.value;
  const chosenAt = chosen
    ? all.findIndex((s) => s.start === chosen.start && s.providerId === chosen.providerId)
    : -1;
  const drawnAll = useTaskAfter(true);
  const shown = Math.max(drawnAll ? pages * TIMES_PER_PAGE : TIMES_FIRST_DRAWN, chosenAt + 1);
  const slots = all.slice(0, shown);
  const more = Math.min(TIMES_PER_PAGE, all.length - shown);
  // Two times per entry (or a provider's name) take two lines: wider entries, still two per row on a phone.
  const wide =
    slots.some((slot) => visitTimes(store, slot.providerId, slot.start)[1] !== null) ||
    (store.providerId.value === null && store.typeProviders.value.length > 1) ||
    (store.typeLocations.value.length > 1 && store.place.value === null);
  const groups = groupByDayPart(slots, store.viewZone.value);
  const titleId = `${id}-times`;
  return (
    <fieldset class="cs-timelist" id={titleId}>
      <legend>{t.timeTitle(formatDayLong(day, store.locale.value.intl))}</legend>
      {groups.map((group) => (
        <fieldset key={group.part}>
          <legend class="cs-meta">{t[group.part]}</legend>
          <div class={wide ? 'cs-times cs-times--wide' : 'cs-times'}>
            {group.slots.map((slot) => (
              <TimeChoice key={`${slot.start}-${slot.providerId}`} store={store} slot={slot} />
            ))}
          </div>
        </fieldset>
      ))}
      {drawnAll && more > 0 && (
        <button
          type="button"
          class="cs-button cs-button--quiet"
          part="button"
          onClick={() => setPages(Math.ceil(shown / TIMES_PER_PAGE) + 1)}
        >
          {t.moreTimes(more)}
        </button>
      )}
    </fieldset>
  );
}

function TimeChoice({ store, slot }: { store: Store; slot: Slot }) {
  const t = store.t.value;
  const locale = store.locale.value.intl;
  // The shown zone's time first, then the visit's other time (visit-times.ts), if it reads differently.
  const [first, second] = visitTimes(store, slot.providerId, slot.start);
  const main = { time: formatTime(slot.start, first.zone, locale), zone: t[WHOSE[first.whose]] };
  const other = second && { time: formatTime(slot.start, second.zone, locale), zone: t[WHOSE[second.whose]] };
  const selected = store.selectedSlot.value;
  const checked = selected?.start === slot.start && selected.providerId === slot.providerId;
  const anyProvider = store.providerId.value === null && store.typeProviders.value.length > 1;
  const providerName = store.typeProviders.value.find((provider) => provider.id === slot.providerId)?.name;
  const capacity = store.type.value?.capacity ?? 1;
  // All locations shown, and the visit has several: each time says where.
  const rules = store.rules.value;
  const place =
    rules && store.typeLocations.value.length > 1 && store.place.value === null
      ? slotLocation(rules, slot)?.name
      : undefined;
  return (
    <label class="cs-slot" part="slot">
      <input
        type="radio"
        name={`${store.idPrefix}-slot`}
        checked={checked}
        onChange={() => selectSlot(store, slot)}
      />
      {other ? (
        // The shown zone's time large (the note above the calendar names that zone), the other
        // zone's below it: short enough for two entries per row on a phone. Hidden words keep one
        // sentence for screen readers ("11:00 PM your time · 9:00 AM at the clinic").
        <>
          <span>
            {main.time}
            <span class="cs-visually-hidden"> {main.zone} · </span>
          </span>
          <span class="cs-meta">
            <span class="cs-nowrap">{other.time}</span> <span class="cs-nowrap">{other.zone}</span>
          </span>
        </>
      ) : (
        <span>{main.time}</span>
      )}
      {
        // Group visits (capacity above 1): the seats still free, part of the radio's accessible name.
        capacity > 1 && (
          <>
            {' '}
            <span class="cs-meta cs-seats">{t.seatsLeft(slot.seatsLeft, capacity)}</span>
          </>
        )
      }
      {anyProvider && providerName && (
        <>
          {' '}
          <span class="cs-meta">{t.withProvider(providerName)}</span>
        </>
      )}
      {place && (
        <>
          {' '}
          <span class="cs-meta">{t.atLocation(place)}</span>
        </>
      )}
    </label>
  );
}
