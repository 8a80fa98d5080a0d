import type { Slot } from '../../engine/types.ts';
import { selectSlot } from '../actions/slots.ts';
import { formatDayLong, formatTime } from '../format.ts';
import { groupByDayPart } from '../slots-view.ts';
import type { Store } from '../state.ts';
import type { IsoDate } from '../time.ts';
import { visitTimes, WHOSE } from '../visit-times.ts';

/** Step 3: the day's times as one labelled radio group, split into morning, afternoon and evening. */
export function TimeList({ store, day }: { store: Store; day: IsoDate }) {
  const t = store.t.value;
  const id = store.idPrefix;
  const slots = store.daySlots.value;
  // Two times per entry (or a provider's name) take two lines: wider entries, still two per row on a phone.
  const wide =
    slots.some((slot) => visitTimes(store, slot.providerId, slot.start)[1] !== null) ||
    (store.providerId.value === null && store.typeProviders.value.length > 1);
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
      {anyProvider && providerName && (
        <>
          {' '}
          <span class="cs-meta">{t.withProvider(providerName)}</span>
        </>
      )}
    </label>
  );
}
