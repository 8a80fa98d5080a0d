/** One span of hours: start and end fields, where (for a provider's spans) and a remove button. */
import { locationChoices, setPlace } from '../places.ts';
import { type PathToken, toPointer } from '../pointer.ts';
import { asRecord, asText } from '../read.ts';
import type { AdminStore } from '../store.ts';
import { TimeField } from './fields.tsx';

interface SpanFieldsProps {
  store: AdminStore;
  /** Path of the span in the draft. */
  base: readonly PathToken[];
  /** e.g. "Monday hours 2": the fields are labelled "Monday hours 2 start" / "end". */
  label: string;
  span: unknown;
  /** Whether the span may name a location: offered when the document has more than one. */
  placed?: boolean;
  onTime: (edge: 'start' | 'end', value: string) => void;
  onRemove: () => void;
}

export function SpanFields({ store, base, label, span, placed, onTime, onRemove }: SpanFieldsProps) {
  const field = (edge: 'start' | 'end') => {
    const path = toPointer([...base, edge]);
    return (
      <TimeField
        hiddenLabel
        label={`${label} ${edge}`}
        path={path}
        value={asText(asRecord(span)[edge])}
        invalid={store.isInvalid(path)}
        onValue={(value) => onTime(edge, value)}
      />
    );
  };
  return (
    <span class="cs-admin-span">
      {field('start')}
      <span aria-hidden="true">–</span>
      {field('end')}
      {placed && <PlaceField store={store} base={base} label={label} span={span} />}
      <button type="button" class="cs-admin-icon" aria-label={`Remove ${label}`} onClick={onRemove}>
        ×
      </button>
    </span>
  );
}

/** Where the provider works during the span: the provider's usual location, or another. */
function PlaceField({
  store,
  base,
  label,
  span,
}: Pick<SpanFieldsProps, 'store' | 'base' | 'label' | 'span'>) {
  const locations = locationChoices(store.draft.value);
  if (locations.length < 2) return null;
  const path = toPointer([...base, 'locationId']);
  return (
    <select
      aria-label={`${label} location`}
      data-path={path}
      aria-invalid={store.isInvalid(path) ? 'true' : undefined}
      value={asText(asRecord(span).locationId)}
      onChange={(event) => {
        const value = event.currentTarget.value;
        store.edit((d) => setPlace(d, base, value));
      }}
    >
      <option value="">Usual location</option>
      {locations.map(([id, name]) => (
        <option key={id} value={id}>
          {name}
        </option>
      ))}
    </select>
  );
}
