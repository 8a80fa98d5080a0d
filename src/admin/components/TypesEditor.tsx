/**
 * The settings of one appointment type: name, durations, buffers, notice, window, seats,
 * providers, own hours, change policy and intake questions.
 */
import { setTypeName, setTypeNumber, setTypeProvider, type TypeNumberField } from '../edits.ts';
import { hasTypeHours, setTypeHours } from '../places.ts';
import { toPointer } from '../pointer.ts';
import { asList, asRecord, asText, labelOf } from '../read.ts';
import type { AdminStore } from '../store.ts';
import { TextField } from './fields.tsx';
import { WeekEditor } from './HoursEditor.tsx';
import { PolicyEditor } from './PolicyEditor.tsx';
import { QuestionsEditor } from './QuestionsEditor.tsx';

const NUMBER_FIELDS: ReadonlyArray<[TypeNumberField, string]> = [
  ['durationMinutes', 'Duration (minutes)'],
  ['stepMinutes', 'Start every (minutes; empty = duration)'],
  ['bufferBeforeMinutes', 'Buffer before (minutes)'],
  ['bufferAfterMinutes', 'Buffer after (minutes)'],
  ['minNoticeMinutes', 'Minimum notice (minutes)'],
  ['maxAdvanceDays', 'Bookable up to (days ahead)'],
  ['maxPerDay', 'At most per provider and day'],
  ['capacity', 'Seats per slot'],
];

export function TypesEditor({ store }: { store: AdminStore }) {
  const doc = asRecord(store.draft.value);
  const types = asList(doc.appointmentTypes);
  const providers = asList(doc.providers);
  const index = Math.min(store.typeIndex.value, Math.max(types.length - 1, 0));
  const type = asRecord(types[index]);
  if (types.length === 0) return <p class="cs-admin-muted">This document has no appointment types.</p>;
  const offered = new Set(asList(type.providerIds));
  const providersPath = toPointer(['appointmentTypes', index, 'providerIds']);
  return (
    <div class="cs-admin-type">
      <label class="cs-admin-field">
        <span>Appointment type</span>
        <select
          data-path={toPointer(['appointmentTypes', index])}
          value={String(index)}
          onChange={(event) => {
            store.typeIndex.value = Number(event.currentTarget.value);
          }}
        >
          {types.map((item, i) => (
            <option key={i} value={String(i)}>
              {labelOf(item, `Type ${i + 1}`)}
            </option>
          ))}
        </select>
      </label>
      <div class="cs-admin-grid2">
        <TextField
          label="Name"
          path={toPointer(['appointmentTypes', index, 'name'])}
          value={asText(type.name)}
          invalid={store.isInvalid(toPointer(['appointmentTypes', index, 'name']))}
          onValue={(value) => store.edit((d) => setTypeName(d, index, value))}
        />
        {NUMBER_FIELDS.map(([field, label]) => {
          const path = toPointer(['appointmentTypes', index, field]);
          return (
            <TextField
              key={field}
              label={label}
              path={path}
              inputMode="numeric"
              value={asText(type[field])}
              invalid={store.isInvalid(path)}
              onValue={(value) => store.edit((d) => setTypeNumber(d, index, field, value))}
            />
          );
        })}
      </div>
      <fieldset class="cs-admin-group" data-path={providersPath} tabIndex={-1}>
        <legend>Offered by</legend>
        {providers.map((provider, i) => {
          const id = asText(asRecord(provider).id);
          return (
            <label key={i} class="cs-admin-check">
              <input
                type="checkbox"
                checked={offered.has(id)}
                onChange={(event) =>
                  store.edit((d) => setTypeProvider(d, index, id, event.currentTarget.checked))
                }
              />
              {labelOf(provider, id)}
            </label>
          );
        })}
      </fieldset>
      <fieldset class="cs-admin-group">
        <legend>When it is offered</legend>
        <label class="cs-admin-check">
          <input
            type="checkbox"
            checked={hasTypeHours(doc, index)}
            onChange={(event) => store.edit((d) => setTypeHours(d, index, event.currentTarget.checked))}
          />
          Only at these hours (within each provider's hours)
        </label>
        {hasTypeHours(doc, index) && (
          <WeekEditor
            store={store}
            week={['appointmentTypes', index, 'hours']}
            caption={`${labelOf(type, `Type ${index + 1}`)} hours`}
            none="Not offered"
            placed={false}
          />
        )}
      </fieldset>
      <PolicyEditor store={store} index={index} />
      <QuestionsEditor store={store} index={index} />
    </div>
  );
}
