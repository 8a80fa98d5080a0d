/** Weekly hours of one provider: spans per weekday, added and removed with buttons. */
import type { Weekday } from '../../engine/types.ts';
import { addWeeklySpan, removeWeeklySpan, setWeeklyTime } from '../edits.ts';
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

export function HoursEditor({ store, provider }: { store: AdminStore; provider: number }) {
  const weekly = asRecord(asRecord(asList(asRecord(store.draft.value).providers)[provider]).weekly);
  return (
    <table class="cs-admin-week">
      <caption>Weekly hours</caption>
      <tbody>
        {DAYS.map(([day, dayName]) => {
          const spans = asList(weekly[day]);
          return (
            <tr key={day}>
              <th scope="row">{dayName}</th>
              <td>
                {spans.length === 0 && <span class="cs-admin-muted">Closed</span>}
                {spans.map((span, index) => (
                  <SpanFields
                    key={index}
                    store={store}
                    base={['providers', provider, 'weekly', day, index]}
                    label={`${dayName} hours ${index + 1}`}
                    span={span}
                    onTime={(edge, value) =>
                      store.edit((d) => setWeeklyTime(d, provider, day, index, edge, value))
                    }
                    onRemove={() => store.edit((d) => removeWeeklySpan(d, provider, day, index))}
                  />
                ))}
                <button
                  type="button"
                  class="cs-admin-add"
                  aria-label={`Add ${dayName} hours`}
                  onClick={() => store.edit((d) => addWeeklySpan(d, provider, day))}
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
