/** A type's change policy: the cut-off, the two online switches, the clinic's text and what patients read. */
import { toPointer } from '../pointer.ts';
import { describePolicy, policyOf, setPolicyField, switchOn } from '../policy.ts';
import { asRecord, asText } from '../read.ts';
import type { AdminStore } from '../store.ts';
import { TextAreaField, TextField } from './fields.tsx';

export function PolicyEditor({ store, index }: { store: AdminStore; index: number }) {
  const policy = policyOf(store.draft.value, index);
  const record = asRecord(policy);
  const path = (field: string) => toPointer(['appointmentTypes', index, 'changePolicy', field]);
  const described = describePolicy(policy);
  return (
    <fieldset
      class="cs-admin-group"
      data-path={toPointer(['appointmentTypes', index, 'changePolicy'])}
      tabIndex={-1}
    >
      <legend>Changes and cancellations</legend>
      <TextField
        label="Online changes close (minutes before the visit)"
        path={path('cutoffMinutes')}
        inputMode="numeric"
        value={asText(record.cutoffMinutes)}
        invalid={store.isInvalid(path('cutoffMinutes'))}
        onValue={(value) => store.edit((d) => setPolicyField(d, index, 'cutoffMinutes', value))}
      />
      {(['cancelOnline', 'rescheduleOnline'] as const).map((field) => (
        <label key={field} class="cs-admin-check">
          <input
            type="checkbox"
            data-path={path(field)}
            aria-invalid={store.isInvalid(path(field)) ? 'true' : undefined}
            checked={switchOn(policy, field)}
            // Checked is the default (true), so it is written only when off.
            onChange={(event) =>
              store.edit((d) =>
                setPolicyField(d, index, field, event.currentTarget.checked ? undefined : false),
              )
            }
          />
          {field === 'cancelOnline' ? 'Patients may cancel online' : 'Patients may reschedule online'}
        </label>
      ))}
      <TextAreaField
        label="Policy text shown to patients"
        rows={3}
        path={path('text')}
        invalid={store.isInvalid(path('text'))}
        value={asText(record.text)}
        onValue={(value) => store.edit((d) => setPolicyField(d, index, 'text', value))}
      />
      <p class="cs-admin-muted" data-testid="policy-preview">
        {described ?? 'No policy: patients can reschedule or cancel online until the visit starts.'}
      </p>
    </fieldset>
  );
}
