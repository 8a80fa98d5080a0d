/**
 * A week of hours: a provider's weekly hours, or a type's own hours. Spans per weekday, added and
 * removed with buttons; a provider's spans can each be placed at one of the clinic's locations.
 */
import type { Weekday } from '../../engine/types.ts';
import { addWeekSpan, removeWeekSpan, setWeekTime, type WeekPath } from '../edits.ts';
import { getAt } from '../pointer.ts';
import { asList, asRecord } from '../read.ts';
import type { AdminStore } from '../store.ts';
import { SpanFields } from './SpanFields.tsx';

export const DAYS: ReadonlyArray<[Weekday, string]> = [
  ['mon', 'Monday'],
  ['tue', 'Tuesday'],
  ['wed', 'Wednesday'],
  ['thu', 'Thursday'],
  ['fri', 'Friday'],
  ['sat', 'Saturday'],
  ['sun', 'Sunday'],
];

interface WeekEditorProps {
  store: AdminStore;
  week: WeekPath;
  caption: string;
  /** What a day without spans means: "Closed", "Not offered". */
  none: string;
  /** Whether each span may name a location (a provider's hours). */
  placed: boolean;
}

export function WeekEditor({ store, week, caption, none, placed }: WeekEditorProps) {
  const hours = asRecord(getAt(store.draft.value, week));
  // "Monday hours 1" for a provider; "Check-up Monday hours 1" for a type, so labels stay unique.
  const prefix = placed ? '' : `${caption.replace(/ hours$/, '')} `;
  return (
    <table class="cs-admin-week">
      <caption>{caption}</caption>
      <tbody>
        {DAYS.map(([day, dayName]) => {
          const spans = asList(hours[day]);
          return (
            <tr key={day}>
              <th scope="row">{dayName}</th>
              <td>
                {spans.length === 0 && <span class="cs-admin-muted">{none}</span>}
                {spans.map((span, index) => (
                  <SpanFields
                    key={index}
                    store={store}
                    base={[...week, day, index]}
                    label={`${prefix}${dayName} hours ${index + 1}`}
                    span={span}
                    placed={placed}
                    onTime={(edge, value) => store.edit((d) => setWeekTime(d, week, day, index, edge, value))}
                    onRemove={() => store.edit((d) => removeWeekSpan(d, week, day, index))}
                  />
                ))}
                <button
                  type="button"
                  class="cs-admin-add"
                  aria-label={`Add ${prefix}${dayName} hours`}
                  onClick={() => store.edit((d) => addWeekSpan(d, week, day))}
                >
                  + hours
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** A provider's weekly hours. */
export function HoursEditor({ store, provider }: { store: AdminStore; provider: number }) {
  return (
    <WeekEditor
      store={store}
      week={['providers', provider, 'weekly']}
      caption="Weekly hours"
      none="Closed"
      placed
    />
  );
}
