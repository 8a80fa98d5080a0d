/**
 * What the draft changes over the next four weeks: a heat map of slots added and removed per day
 * and provider (all types, or one), and the bookings that would need moving.
 */

import { DateTime } from 'luxon';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { DayDiff, RulesDiff } from '../../engine/diff.ts';
import { asList, asRecord, asText, labelOf } from '../read.ts';
import type { AdminStore } from '../store.ts';

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
function namesOf(docs: unknown[], list: 'providers' | 'appointmentTypes'): Map<string, string> {
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

function Table({
  store,
  diff,
  from,
  typeId,
}: {
  store: AdminStore;
  diff: RulesDiff;
  from: string;
  typeId: string;
}) {
  const cells = cellsOf(diff.days, typeId);
  const { shown, rest } = rowsOf(namesOf([store.draft.value, store.saved.value], 'providers'), cells);
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
      <p class="cs-admin-status" data-testid="changes-total">
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

function Bookings({ store, diff }: { store: AdminStore; diff: RulesDiff }) {
  const providers = namesOf([store.draft.value], 'providers');
  return (
    <>
      <h3>Bookings that would need moving ({diff.displacedBusy.length})</h3>
      {diff.displacedBusy.length === 0 ? (
        <p class="cs-admin-muted">None: every existing booking still fits the hours.</p>
      ) : (
        <ul class="cs-admin-diags" data-testid="displaced">
          {diff.displacedBusy.map((busy) => (
            <li key={busy.index} class="cs-admin-diag cs-admin-diag-warning">
              <button type="button" onClick={() => store.focusPath(busy.path)}>
                <span class="cs-admin-diag-code">{providers.get(busy.providerId) ?? busy.providerId}</span>{' '}
                <span class="cs-admin-diag-message">{busy.reason}</span>{' '}
                <code class="cs-admin-diag-path">{busy.path}</code>
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function WhatChanges({ store }: { store: AdminStore }) {
  const [typeId, setTypeId] = useState('');
  const state = store.analysis.value;
  const diff = state.diff;
  const types = namesOf([store.draft.value, store.saved.value], 'appointmentTypes');
  let body: JSX.Element;
  if (state.status === 'too-slow') body = <p class="cs-admin-error">{state.message}</p>;
  else if (state.lint && !state.lint.ok)
    body = <p class="cs-admin-muted">Fix the errors to see what changes.</p>;
  else if (!diff || !state.range) body = <p class="cs-admin-status">Comparing with the saved rules…</p>;
  else if (!diff.ok)
    body = <p class="cs-admin-error">{diff.errors.map((error) => error.message).join(' ')}</p>;
  else {
    body = (
      <>
        <Table store={store} diff={diff.diff} from={state.range.from} typeId={typeId} />
        <Bookings store={store} diff={diff.diff} />
      </>
    );
  }
  return (
    <section
      class="cs-admin-panel"
      aria-labelledby="cs-admin-changes-title"
      aria-busy={state.status === 'running'}
    >
      <h2 id="cs-admin-changes-title">What changes</h2>
      <label class="cs-admin-field">
        <span>Appointment type</span>
        <select value={typeId} onChange={(event) => setTypeId(event.currentTarget.value)}>
          <option value="">All types</option>
          {[...types].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </label>
      {body}
    </section>
  );
}
