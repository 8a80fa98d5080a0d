/** Dated overrides of one provider: hours for a date that replace the weekly hours, or a day off. */
import { useState } from 'preact/hooks';
import {
  addOverride,
  addOverrideSpan,
  removeOverride,
  removeOverrideSpan,
  setOverrideDate,
  setOverrideTime,
} from '../edits.ts';
import { toPointer } from '../pointer.ts';
import { asList, asRecord, asText } from '../read.ts';
import type { AdminStore } from '../store.ts';
import { TextField } from './fields.tsx';
import { SpanFields } from './SpanFields.tsx';

export function OverridesEditor({ store, provider }: { store: AdminStore; provider: number }) {
  const [newDate, setNewDate] = useState('');
  const overrides = asList(asRecord(asList(asRecord(store.draft.value).providers)[provider]).overrides);
  return (
    <fieldset class="cs-admin-group">
      <legend>Date overrides</legend>
      <p class="cs-admin-help">
        Hours for one date replace the weekly hours; a date without hours is a day off.
      </p>
      {overrides.length === 0 && <p class="cs-admin-muted">No overrides.</p>}
      <ul class="cs-admin-list">
        {overrides.map((override, index) => {
          const entry = asRecord(override);
          const date = asText(entry.date);
          const hours = asList(entry.hours);
          const datePath = toPointer(['providers', provider, 'overrides', index, 'date']);
          return (
            <li key={index}>
              <TextField
                type="date"
                label={`Override ${index + 1} date`}
                path={datePath}
                value={date}
                invalid={store.isInvalid(datePath)}
                onValue={(value) => store.edit((d) => setOverrideDate(d, provider, index, value))}
              />
              {hours.length === 0 && <span class="cs-admin-muted">Day off</span>}
              {hours.map((span, spanIndex) => (
                <SpanFields
                  key={spanIndex}
                  store={store}
                  base={['providers', provider, 'overrides', index, 'hours', spanIndex]}
                  label={`Hours ${spanIndex + 1} on ${date || `override ${index + 1}`}`}
                  span={span}
                  placed
                  onTime={(edge, value) =>
                    store.edit((d) => setOverrideTime(d, provider, index, spanIndex, edge, value))
                  }
                  onRemove={() => store.edit((d) => removeOverrideSpan(d, provider, index, spanIndex))}
                />
              ))}
              <button
                type="button"
                class="cs-admin-add"
                aria-label={`Add hours on ${date || `override ${index + 1}`}`}
                onClick={() => store.edit((d) => addOverrideSpan(d, provider, index))}
              >
                + hours
              </button>
              <button
                type="button"
                class="cs-admin-remove"
                onClick={() => store.edit((d) => removeOverride(d, provider, index))}
              >
                Remove override {date}
              </button>
            </li>
          );
        })}
      </ul>
      <form
        class="cs-admin-inline"
        onSubmit={(event) => {
          event.preventDefault();
          if (!newDate) return;
          store.edit((d) => addOverride(d, provider, newDate));
          setNewDate('');
        }}
      >
        <label class="cs-admin-field">
          <span>New override date</span>
          <input type="date" value={newDate} onInput={(event) => setNewDate(event.currentTarget.value)} />
        </label>
        <button type="submit">Add override</button>
      </form>
    </fieldset>
  );
}
