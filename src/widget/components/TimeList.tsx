import type { Slot } from '../../engine/types.ts';
import { selectSlot } from '../actions/slots.ts';
import { formatDayLong, formatTime } from '../format.ts';
import { groupByDayPart } from '../slots-view.ts';
import type { Store } from '../state.ts';
import { type IsoDate, sameOffset } from '../time.ts';

/** Step 3: the day's times as one labelled radio group, split into morning, afternoon and evening. */
export function TimeList({ store, day }: { store: Store; day: IsoDate }) {
  const t = store.t.value;
  const id = store.idPrefix;
  const slots = store.daySlots.value;
  // Two times per entry (or a provider's name) need the full width to stay readable on a phone.
  const first = slots[0];
  const wide =
    (first !== undefined && !sameOffset(store.patientZone.value, store.clinicZone.value, first.start)) ||
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
  const shown = formatTime(slot.start, store.viewZone.value, locale);
  const patient = store.patientZone.value;
  const clinic = store.clinicZone.value;
  const dual = !sameOffset(patient, clinic, slot.start);
  const yours = formatTime(slot.start, patient, locale);
  const atClinic = formatTime(slot.start, clinic, locale);
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
      <span>
        {dual
          ? store.zoneChoice.value === 'clinic'
            ? t.dualTimeClinic(atClinic, yours)
            : t.dualTime(yours, atClinic)
          : shown}
      </span>
      {anyProvider && providerName && (
        <>
          {' '}
          <span class="cs-meta">{t.withProvider(providerName)}</span>
        </>
      )}
    </label>
  );
}
