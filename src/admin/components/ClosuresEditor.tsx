/** Closures: dates when nobody works (holidays), at the whole clinic or at one location. */
import { useState } from 'preact/hooks';
import { addClosure, removeClosure, setClosureField } from '../edits.ts';
import { locationChoices, setPlace } from '../places.ts';
import { toPointer } from '../pointer.ts';
import { asList, asRecord, asText } from '../read.ts';
import type { AdminStore } from '../store.ts';
import { TextField } from './fields.tsx';

export function ClosuresEditor({ store }: { store: AdminStore }) {
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const closures = asList(asRecord(store.draft.value).closures);
  const locations = locationChoices(store.draft.value);
  return (
    <fieldset class="cs-admin-group">
      <legend>Clinic closures</legend>
      {closures.length === 0 && <p class="cs-admin-muted">No closures.</p>}
      <ul class="cs-admin-list">
        {closures.map((closure, index) => {
          const entry = asRecord(closure);
          const datePath = toPointer(['closures', index, 'date']);
          const namePath = toPointer(['closures', index, 'name']);
          return (
            <li key={index}>
              <TextField
                type="date"
                label={`Closure ${index + 1} date`}
                path={datePath}
                value={asText(entry.date)}
                invalid={store.isInvalid(datePath)}
                onValue={(value) => store.edit((d) => setClosureField(d, index, 'date', value))}
              />
              <TextField
                label={`Closure ${index + 1} name`}
                path={namePath}
                value={asText(entry.name)}
                invalid={store.isInvalid(namePath)}
                onValue={(value) => store.edit((d) => setClosureField(d, index, 'name', value))}
              />
              {locations.length > 1 && (
                <label class="cs-admin-field">
                  <span>Closure {index + 1} location</span>
                  <select
                    data-path={toPointer(['closures', index, 'locationId'])}
                    value={asText(entry.locationId)}
                    onChange={(event) => {
                      const value = event.currentTarget.value;
                      store.edit((d) => setPlace(d, ['closures', index], value));
                    }}
                  >
                    <option value="">Whole clinic</option>
                    {locations.map(([id, name]) => (
                      <option key={id} value={id}>
                        {name}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              <button
                type="button"
                class="cs-admin-remove"
                onClick={() => store.edit((d) => removeClosure(d, index))}
              >
                Remove closure {asText(entry.date)}
              </button>
            </li>
          );
        })}
      </ul>
      <form
        class="cs-admin-inline"
        onSubmit={(event) => {
          event.preventDefault();
          if (!date) return;
          store.edit((d) => addClosure(d, date, name.trim()));
          setDate('');
          setName('');
        }}
      >
        <label class="cs-admin-field">
          <span>New closure date</span>
          <input type="date" value={date} onInput={(event) => setDate(event.currentTarget.value)} />
        </label>
        <label class="cs-admin-field">
          <span>Name (optional)</span>
          <input type="text" value={name} onInput={(event) => setName(event.currentTarget.value)} />
        </label>
        <button type="submit">Add closure</button>
      </form>
    </fieldset>
  );
}
