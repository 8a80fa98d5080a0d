/** One provider at a time: pick the provider, then edit their weekly hours and dated overrides. */
import { setAt, toPointer } from '../pointer.ts';
import { asList, asRecord, asText, labelOf } from '../read.ts';
import type { AdminStore } from '../store.ts';
import { TextField } from './fields.tsx';
import { HoursEditor } from './HoursEditor.tsx';
import { OverridesEditor } from './OverridesEditor.tsx';

export function ProviderPanel({ store }: { store: AdminStore }) {
  const providers = asList(asRecord(store.draft.value).providers);
  if (providers.length === 0) return <p class="cs-admin-muted">This document has no providers.</p>;
  const index = Math.min(store.providerIndex.value, providers.length - 1);
  const provider = asRecord(providers[index]);
  const namePath = toPointer(['providers', index, 'name']);
  return (
    <div class="cs-admin-provider" data-path={toPointer(['providers', index])} tabIndex={-1}>
      <div class="cs-admin-grid2">
        <label class="cs-admin-field">
          <span>Provider</span>
          <select
            value={String(index)}
            onChange={(event) => {
              store.providerIndex.value = Number(event.currentTarget.value);
            }}
          >
            {providers.map((item, i) => (
              <option key={i} value={String(i)}>
                {labelOf(item, `Provider ${i + 1}`)}
              </option>
            ))}
          </select>
        </label>
        <TextField
          label="Name shown to patients"
          path={namePath}
          value={asText(provider.name)}
          invalid={store.isInvalid(namePath)}
          onValue={(value) => store.edit((d) => setAt(d, ['providers', index, 'name'], value))}
        />
      </div>
      <HoursEditor store={store} provider={index} />
      <OverridesEditor store={store} provider={index} />
    </div>
  );
}
