import { chooseProvider, chooseType } from '../actions/flow.ts';
import { startCalendar } from '../actions/rules.ts';
import type { Store } from '../state.ts';

/** Preview mode's marking and its choice of any type and provider; shows the draft's problem. */
export function PreviewBar({ store }: { store: Store }) {
  const t = store.t.value;
  const rules = store.rules.value;
  const problem = store.previewProblem.value;
  const id = store.idPrefix;
  const change = (apply: () => void) => {
    apply();
    startCalendar(store);
  };
  return (
    <div>
      <p class="cs-banner cs-banner--preview" part="banner">
        {t.previewBanner}
      </p>
      {problem && (
        <div role="alert" class="cs-banner cs-banner--error" part="banner">
          <p>{problem}</p>
        </div>
      )}
      {rules && rules.types.length > 0 && (
        <div class="cs-toolbar">
          <label for={`${id}-ptype`}>
            {t.typeLegend}
            <select
              id={`${id}-ptype`}
              class="cs-select"
              value={store.typeId.value ?? ''}
              onChange={(e) => change(() => chooseType(store, e.currentTarget.value))}
            >
              {rules.types.map((type) => (
                <option key={type.id} value={type.id}>
                  {type.name}
                </option>
              ))}
            </select>
          </label>
          <label for={`${id}-pprov`}>
            {t.providerLegend}
            <select
              id={`${id}-pprov`}
              class="cs-select"
              value={store.providerId.value ?? ''}
              onChange={(e) => change(() => chooseProvider(store, e.currentTarget.value || null))}
            >
              <option value="">{t.anyProvider}</option>
              {store.typeProviders.value.map((provider) => (
                <option key={provider.id} value={provider.id}>
                  {provider.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
    </div>
  );
}
