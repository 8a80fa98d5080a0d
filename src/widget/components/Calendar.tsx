import { useEffect, useRef } from 'preact/hooks';
import { focusDay, selectDay, showMonth } from '../actions/slots.ts';
import { moveFocus, moveForKey } from '../calendar-keys.ts';
import { formatDayLong, formatMonth, formatWeekday } from '../format.ts';
import type { Store } from '../state.ts';
import {
  addDays,
  addMonths,
  dateInZone,
  type IsoDate,
  monthGrid,
  monthOf,
  monthRange,
  startOfWeek,
} from '../time.ts';

/**
 * The month as a WAI-ARIA date picker grid: one tab stop (roving tabindex), arrows by day and
 * week, PageUp/PageDown by month (Shift: by year), Home/End to the week's ends, Enter/Space
 * to choose. Days without times stay focusable and say "no availability".
 */
export function Calendar({ store }: { store: Store }) {
  const t = store.t.value;
  const locale = store.locale.value.intl;
  const month = store.month.value;
  const weekStart = store.weekStart.value;
  const days = store.days.value;
  const state = store.monthState.value;
  const ready = state?.status === 'ready';
  const today = store.today.value;
  const min = monthRange(monthOf(today)).first;
  const max = monthRange(monthOf(store.windowEnd.value)).last;
  const focused = clamp(store.focusedDate.value, month);
  const selected = store.selectedDate.value;
  const moving = store.flow.value === 'reschedule' ? store.manage.value?.booking : undefined;
  const currentDay = moving ? dateInZone(moving.start, store.viewZone.value) : null;
  const titleId = `${store.idPrefix}-month`;
  const gridRef = useRef<HTMLTableElement>(null);
  /** The day focus should move to once it is rendered (a render for another reason may come first). */
  const moveTo = useRef<IsoDate | null>(null);
  /**
   * On a phone a day's times are below the fold: after a tap, once drawn (the next frame; the
   * day may have been chosen already, and nothing redrawn), they are brought into view. Only
   * after a tap: a deep-linked date must not scroll the host page on load, and Enter leaves the
   * keyboard user's view on the grid they are working in. `nearest` does nothing when the times
   * are already in view.
   */
  const showTimes = () =>
    requestAnimationFrame(() => {
      const root = gridRef.current?.getRootNode() as ShadowRoot | Document | undefined;
      root?.getElementById(`${store.idPrefix}-times`)?.scrollIntoView({ block: 'nearest' });
    });

  useEffect(() => {
    const target = moveTo.current;
    if (target === null) return;
    const cell = gridRef.current?.querySelector<HTMLElement>(`[data-date="${target}"]`);
    if (!cell) return;
    moveTo.current = null;
    cell.focus();
  });

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      selectDay(store, focused);
      return;
    }
    const move = moveForKey(event.key, event.shiftKey);
    if (!move) return;
    event.preventDefault();
    const target = moveFocus(focused, move, weekStart, min, max);
    moveTo.current = target;
    focusDay(store, target);
  };

  const header = monthGrid(month, weekStart)[0] ?? [];
  const weekdays = Array.from({ length: 7 }, (_, i) =>
    formatWeekday(addDays(startOfWeek(header.find(Boolean) ?? `${month}-01`, weekStart), i), locale),
  );

  return (
    <div class="cs-calendar" part="calendar">
      <div class="cs-calendar-head">
        <button
          type="button"
          class="cs-nav"
          aria-label={t.prevMonth}
          disabled={month <= monthOf(min)}
          onClick={() => showMonth(store, addMonths(month, -1))}
        >
          <span aria-hidden="true">‹</span>
        </button>
        <h3 id={titleId} aria-live="polite">
          {formatMonth(month, locale)}
        </h3>
        <button
          type="button"
          class="cs-nav"
          aria-label={t.nextMonth}
          disabled={month >= monthOf(max)}
          onClick={() => showMonth(store, addMonths(month, 1))}
        >
          <span aria-hidden="true">›</span>
        </button>
      </div>
      {/* The WAI-ARIA date picker pattern: a table in the grid role, its keys handled here. */}
      <table
        ref={gridRef}
        // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the APG date grid is a table with role=grid
        role="grid"
        class="cs-grid"
        aria-labelledby={titleId}
        aria-busy={state?.status === 'loading' || store.search.value === 'searching' ? 'true' : 'false'}
        onKeyDown={onKeyDown}
      >
        <thead>
          <tr>
            {weekdays.map((weekday) => (
              <th key={weekday.long} scope="col" abbr={weekday.long}>
                {weekday.short}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthGrid(month, weekStart).map((row) => (
            <tr key={row.find(Boolean)}>
              {row.map((date, i) =>
                date === null ? (
                  <td key={`blank-${i}`} />
                ) : (
                  <DayCell
                    key={date}
                    date={date}
                    label={
                      dayLabel(store, date, ready ? (days.get(date)?.length ?? 0) : null) +
                      (date === currentDay ? `, ${t.currentAppointment}` : '')
                    }
                    current={date === currentDay}
                    available={(days.get(date)?.length ?? 0) > 0}
                    today={date === today}
                    focused={date === focused}
                    selected={date === selected}
                    onSelect={() => {
                      moveTo.current = date;
                      selectDay(store, date);
                      showTimes();
                    }}
                  />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The focused date, or the month's first day when focus is in another month. */
function clamp(date: IsoDate, month: string): IsoDate {
  return monthOf(date) === month ? date : `${month}-01`;
}

/** "Tuesday, December 3, 12 times available" / "…, no availability"; just the day while loading. */
function dayLabel(store: Store, date: IsoDate, count: number | null): string {
  const t = store.t.value;
  const day = formatDayLong(date, store.locale.value.intl);
  if (count === null) return day;
  return count > 0 ? t.dayAvailable(day, count) : t.dayUnavailable(day);
}

interface DayCellProps {
  date: IsoDate;
  label: string;
  available: boolean;
  today: boolean;
  /** The day of the appointment being moved. */
  current: boolean;
  focused: boolean;
  selected: boolean;
  onSelect: () => void;
}

function DayCell({ date, label, available, today, current, focused, selected, onSelect }: DayCellProps) {
  const classes = [
    'cs-day',
    available && 'cs-day--available',
    today && 'cs-day--today',
    current && 'cs-day--current',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    // Keys are handled by the grid (roving tabindex), so the cell only needs the click.
    // biome-ignore lint/a11y/useKeyWithClickEvents: Enter and Space are handled on the grid
    <td
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: cells of an APG date grid
      role="gridcell"
      class="cs-cell"
      part="day"
      data-date={date}
      tabIndex={focused ? 0 : -1}
      aria-selected={selected ? 'true' : 'false'}
      aria-label={label}
      onClick={onSelect}
    >
      <span class={classes} aria-hidden="true">
        {Number(date.slice(8, 10))}
      </span>
    </td>
  );
}
