/**
 * The diff view: a heat map, week by week, of the slots a change adds and removes per day and
 * provider (all appointment types, or one), from a `RulesDiff` the admin worker computed.
 */
import { DateTime } from 'luxon';
import type { DayDiff, RulesDiff } from '../../engine/diff.ts';
import { asList, asRecord, asText, labelOf } from '../read.ts';

interface Cell {
  added: number;
  removed: number;
  after: number;
}

function datesOf(from: string, count: number): DateTime[] {
  const first = DateTime.fromISO(from, { zone: 'utc' }).setLocale('en-US');
  return Array.from({ length: count }, (_, i) => first.plus({ days: i }));
}

/** Names by id from the draft, then the saved rules (a provider the draft removed keeps its name). */
export function namesOf(docs: unknown[], list: 'providers' | 'appointmentTypes'): Map<string, string> {
  const names = new Map<string, string>();
  for (const doc of docs) {
    for (const item of asList(asRecord(doc)[list])) {
      const id = asText(asRecord(item).id);
      if (id && !names.has(id)) names.set(id, labelOf(item, id));
    }
  }
  return names;
}

function cellsOf(days: readonly DayDiff[], typeId: string): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  for (const day of days) {
    if (typeId && day.appointmentTypeId !== typeId) continue;
    const key = `${day.providerId}\u0000${day.date}`;
    const cell = cells.get(key) ?? { added: 0, removed: 0, after: 0 };
    cell.added += day.added;
    cell.removed += day.removed;
    cell.after += day.after;
    cells.set(key, cell);
  }
  return cells;
}

function HeatCell({ cell }: { cell: Cell | undefined }) {
  if (!cell || (cell.added === 0 && cell.removed === 0)) {
    return (
      <td class="cs-admin-heat-none">
        <span aria-hidden="true">·</span>
        <span class="cs-admin-sr">no change</span>
      </td>
    );
  }
  const level = Math.min(4, Math.ceil(Math.max(cell.added, cell.removed) / 4));
  const tone = cell.added >= cell.removed ? 'add' : 'remove';
  return (
    <td class={`cs-admin-heat-${tone} cs-admin-heat-${level}`}>
      {cell.added > 0 && <span class="cs-admin-added">+{cell.added}</span>}
      {cell.removed > 0 && <span class="cs-admin-removed">−{cell.removed}</span>}
    </td>
  );
}

export interface DiffTableProps {
  diff: RulesDiff;
  /** The first date shown (`YYYY-MM-DD`); four weeks from it. */
  from: string;
  /** One appointment type's changes, or `''` for all. */
  typeId: string;
  /** Where provider names are read from, first match wins (the newer document first). */
  docs: unknown[];
  /** The total line's test id. */
  testId?: string;
}

/**
 * Provider rows drawn in each week's table. A clinic may list 1,000 providers: 28,000 cells would
 * hold the page for seconds, so past this the providers with the most changes are drawn (in the
 * document's order) and the others are summed up in one line.
 */
export const MAX_PROVIDER_ROWS = 12;

interface Rows {
  shown: [string, string][];
  rest: { count: number; added: number; removed: number };
}

function rowsOf(providers: Map<string, string>, cells: Map<string, Cell>): Rows {
  const all = [...providers];
  const rest = { count: 0, added: 0, removed: 0 };
  if (all.length <= MAX_PROVIDER_ROWS) return { shown: all, rest };
  const change = new Map<string, Cell>();
  for (const [key, cell] of cells) {
    const id = key.slice(0, key.indexOf('\u0000'));
    const sum = change.get(id) ?? { added: 0, removed: 0, after: 0 };
    sum.added += cell.added;
    sum.removed += cell.removed;
    change.set(id, sum);
  }
  const size = (id: string) => (change.get(id)?.added ?? 0) + (change.get(id)?.removed ?? 0);
  const keep = new Set(
    all
      .map(([id], index) => ({ id, index }))
      .sort((a, b) => size(b.id) - size(a.id) || a.index - b.index)
      .slice(0, MAX_PROVIDER_ROWS)
      .map(({ id }) => id),
  );
  for (const [id] of all) {
    if (keep.has(id)) continue;
    rest.count++;
    rest.added += change.get(id)?.added ?? 0;
    rest.removed += change.get(id)?.removed ?? 0;
  }
  return { shown: all.filter(([id]) => keep.has(id)), rest };
}

/** The heat map of `diff` over the four weeks from `from`. */
export function DiffTable({ diff, from, typeId, docs, testId = 'changes-total' }: DiffTableProps) {
  const cells = cellsOf(diff.days, typeId);
  const { shown, rest } = rowsOf(namesOf(docs, 'providers'), cells);
  const dates = datesOf(from, 28);
  const totals = [...cells.values()].reduce(
    (sum, cell) => ({ added: sum.added + cell.added, removed: sum.removed + cell.removed }),
    {
      added: 0,
      removed: 0,
    },
  );
  return (
    <>
      <p class="cs-admin-status" data-testid={testId}>
        {totals.added === 0 && totals.removed === 0
          ? 'No slot changes over the next 4 weeks.'
          : `Over the next 4 weeks: ${totals.added} slots added, ${totals.removed} removed.`}
      </p>
      {[0, 1, 2, 3].map((week) => {
        const days = dates.slice(week * 7, week * 7 + 7);
        const first = days[0];
        const last = days[days.length - 1];
        if (!first || !last) return null;
        return (
          <table class="cs-admin-heat" key={week}>
            <caption>
              {first.toFormat('d LLL')} – {last.toFormat('d LLL')}
            </caption>
            <thead>
              <tr>
                <th scope="col">Provider</th>
                {days.map((date) => (
                  <th scope="col" key={date.toISODate()}>
                    <abbr title={date.toFormat('cccc d LLLL yyyy')}>{date.toFormat('ccc d')}</abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map(([id, name]) => (
                <tr key={id}>
                  <th scope="row">{name}</th>
                  {days.map((date) => (
                    <HeatCell key={date.toISODate()} cell={cells.get(`${id}\u0000${date.toISODate()}`)} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
      {rest.count > 0 && (
        <p class="cs-admin-muted" data-testid="changes-rest">
          {rest.added === 0 && rest.removed === 0
            ? `${rest.count} more providers, without changes.`
            : `${rest.count} more providers: ${rest.added} slots added, ${rest.removed} removed.`}
        </p>
      )}
    </>
  );
}
