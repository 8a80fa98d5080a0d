import { chooseLocation } from '../actions/flow.ts';
import type { Store } from '../state.ts';

/**
 * Above the calendar, when the chosen visit takes place at more than one location: a labelled
 * select that shows only the times at one of them.
 */
export function LocationFilter({ store }: { store: Store }) {
  const t = store.t.value;
  const locations = store.typeLocations.value;
  if (locations.length < 2) return null;
  const id = `${store.idPrefix}-location`;
  const chosen = store.locationFilter.value;
  return (
    <div class="cs-field">
      <label for={id}>{t.location}</label>
      <select
        id={id}
        class="cs-select"
        value={chosen !== null && locations.some((location) => location.id === chosen) ? chosen : ''}
        onChange={(event) => chooseLocation(store, event.currentTarget.value || null)}
      >
        <option value="">{t.allLocations}</option>
        {locations.map((location) => (
          <option key={location.id} value={location.id}>
            {location.address ? `${location.name} · ${location.address}` : location.name}
          </option>
        ))}
      </select>
    </div>
  );
}
