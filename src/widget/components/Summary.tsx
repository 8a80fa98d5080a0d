import type { Store } from '../state.ts';
import { type AppointmentFacts, summarize } from '../summary.ts';

/** The appointment as a definition list: visit, provider, place, date and time with zone. */
export function Summary({
  store,
  facts,
  label,
  previous,
}: {
  store: Store;
  facts: AppointmentFacts;
  label?: string;
  /** The appointment being moved: its time is shown above the new one. */
  previous?: AppointmentFacts;
}) {
  const t = store.t.value;
  const summary = summarize(store, facts);
  const before = previous && summarize(store, previous);
  return (
    <dl class="cs-summary" aria-label={label}>
      <dt>{t.visit}</dt>
      <dd>{summary.typeName}</dd>
      <dt>{t.provider}</dt>
      <dd>{summary.providerName}</dd>
      {summary.where && (
        <>
          <dt>{t.where}</dt>
          <dd>{summary.where}</dd>
        </>
      )}
      {before && (
        <>
          <dt>{t.currentTime}</dt>
          <dd>
            <s>{before.when}</s>
            {before.otherWhen && <span class="cs-meta">{before.otherWhen}</span>}
          </dd>
        </>
      )}
      <dt>{before ? t.newTime : t.when}</dt>
      <dd>
        {summary.when}
        {summary.otherWhen && <span class="cs-meta">{summary.otherWhen}</span>}
      </dd>
    </dl>
  );
}
