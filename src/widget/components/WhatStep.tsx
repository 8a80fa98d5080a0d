import type { AppointmentType } from '../../engine/types.ts';
import { chooseFilter, chooseProvider, chooseType, continueToCalendar } from '../actions/flow.ts';
import { type PatientFilter, typesForFilter } from '../rules-view.ts';
import type { Store } from '../state.ts';
import { Heading } from './Heading.tsx';
import { CallToBook } from './Phone.tsx';

const FILTERS: PatientFilter[] = ['all', 'new', 'existing'];

/** Step 1: what kind of visit (filtered by new/existing patient, grouped in person/video), then who. */
export function WhatStep({ store }: { store: Store }) {
  const t = store.t.value;
  const rules = store.rules.value;
  if (!rules) return null;
  const id = store.idPrefix;
  const types = typesForFilter(rules, store.patientFilter.value);
  const filterUseful = rules.types.some((type) => (type.patients ?? 'any') !== 'any');
  const groups = (['in-person', 'video'] as const)
    .map((mode) => ({ mode, types: types.filter((type) => (type.mode ?? 'in-person') === mode) }))
    .filter((group) => group.types.length > 0);
  const filterLabel = { all: t.filterAll, new: t.filterNew, existing: t.filterExisting };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        continueToCalendar(store);
      }}
    >
      <Heading store={store} text={t.whatTitle} />
      {rules.types.length === 0 && (
        <>
          <p>{t.noTypes}</p>
          <CallToBook store={store} />
        </>
      )}
      {filterUseful && (
        <fieldset>
          <legend>{t.patientFilterLegend}</legend>
          <div class="cs-toolbar">
            {FILTERS.map((filter) => (
              <label key={filter} class="cs-choice">
                <input
                  type="radio"
                  name={`${id}-filter`}
                  checked={store.patientFilter.value === filter}
                  onChange={() => chooseFilter(store, filter)}
                />
                {filterLabel[filter]}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {groups.length > 0 && (
        <fieldset>
          <legend>{t.typeLegend}</legend>
          {groups.map((group) => (
            <fieldset key={group.mode}>
              {groups.length > 1 && <legend>{group.mode === 'video' ? t.modeVideo : t.modeInPerson}</legend>}
              <div class="cs-choices">
                {group.types.map((type) => (
                  <TypeChoice key={type.id} store={store} type={type} />
                ))}
              </div>
            </fieldset>
          ))}
        </fieldset>
      )}
      {store.type.value && store.typeProviders.value.length > 1 && <ProviderChoice store={store} />}
      <div class="cs-actions">
        <button type="submit" class="cs-button" part="button" disabled={store.typeId.value === null}>
          {t.continue}
        </button>
      </div>
    </form>
  );
}

function TypeChoice({ store, type }: { store: Store; type: AppointmentType }) {
  const t = store.t.value;
  const mode = type.mode === 'video' ? t.modeVideo : t.modeInPerson;
  return (
    <label class="cs-choice">
      <input
        type="radio"
        name={`${store.idPrefix}-type`}
        value={type.id}
        checked={store.typeId.value === type.id}
        onChange={() => chooseType(store, type.id)}
      />
      <span>
        {type.name}
        <span class="cs-meta">
          {t.minutes(type.durationMinutes)} · {mode}
          {type.description ? ` · ${type.description}` : ''}
        </span>
      </span>
    </label>
  );
}

function ProviderChoice({ store }: { store: Store }) {
  const t = store.t.value;
  const name = `${store.idPrefix}-provider`;
  return (
    <fieldset>
      <legend>{t.providerLegend}</legend>
      <div class="cs-choices">
        <label class="cs-choice">
          <input
            type="radio"
            name={name}
            checked={store.providerId.value === null}
            onChange={() => chooseProvider(store, null)}
          />
          {t.anyProvider}
        </label>
        {store.typeProviders.value.map((provider) => (
          <label key={provider.id} class="cs-choice">
            <input
              type="radio"
              name={name}
              checked={store.providerId.value === provider.id}
              onChange={() => chooseProvider(store, provider.id)}
            />
            {provider.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
