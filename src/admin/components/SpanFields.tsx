/** One span of hours: start and end fields and a remove button. */
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
  onTime: (edge: 'start' | 'end', value: string) => void;
  onRemove: () => void;
}

export function SpanFields({ store, base, label, span, onTime, onRemove }: SpanFieldsProps) {
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
      <button type="button" class="cs-admin-icon" aria-label={`Remove ${label}`} onClick={onRemove}>
        ×
      </button>
    </span>
  );
}
