/**
 * What a draft changes against the saved rules: per local date, provider and appointment type,
 * how many slots the draft adds and removes (both documents run through `generateSlots` over the
 * same range and `now`), and the busy entries the draft leaves outside the provider's hours.
 * Pure, synchronous, bounded: the range is at most 366 days and each document at most
 * `QUERY_LIMITS.maxSlotsCeiling` slots in all.
 */
import { formatDate, MS_PER_DAY, MS_PER_MINUTE, parseDate } from './civil.ts';
import type { CompiledRules } from './compile.ts';
import { type DisplacedBusy, displacedBusy } from './diff-busy.ts';
import { generateSlots } from './generate.ts';
import { readInstant } from './instant.ts';
import { QUERY_LIMITS } from './limits.ts';
import { nowErrors } from './lint.ts';
import { prepareRules } from './prepare.ts';
import type { Diagnostic, RulesDocument } from './types.ts';
import type { ZoneClock } from './wall-time.ts';

export type { DisplacedBusy } from './diff-busy.ts';

export interface DiffOptions {
  /** Epoch milliseconds or an ISO 8601 instant, as for `generateSlots`. */
  now: number | string;
  /** Calendar dates (`YYYY-MM-DD`, inclusive), read in each provider's zone; at most 366 days. */
  from: string;
  to: string;
  /** Only this type; default every type of either document. */
  appointmentTypeId?: string;
}

/** Slot counts of one provider, type and local date. Only days with slots in either document appear. */
export interface DayDiff {
  date: string;
  providerId: string;
  appointmentTypeId: string;
  before: number;
  after: number;
  added: number;
  removed: number;
}

export interface RulesDiff {
  /** Sorted by date, provider id, type id. */
  days: DayDiff[];
  /** In the draft's `busy` order. */
  displacedBusy: DisplacedBusy[];
}

export type DiffResult = { ok: true; diff: RulesDiff } | { ok: false; errors: Diagnostic[] };

/**
 * Compares the saved rules with a draft. `saved` may be `null` (nothing saved yet: every slot is
 * added). An invalid draft returns its validation errors; an invalid saved document returns one
 * INVALID_SAVED_RULES error. Never throws.
 *
 * @example
 * diffRules(saved, draft, { now: '2026-12-01T12:00:00Z', from: '2026-12-01', to: '2026-12-28' })
 * // { ok: true, diff: { days: [{ date: '2026-12-07', providerId: 'lee', ..., added: 0, removed: 8 }], displacedBusy: [] } }
 */
export function diffRules(saved: unknown, draft: unknown, options: DiffOptions): DiffResult {
  try {
    return diffChecked(saved, draft, options);
  } catch {
    // Defensive only: both documents are validated before any work.
    return {
      ok: false,
      errors: [{ code: 'DIFF_FAILED', path: '', message: 'The change could not be computed.' }],
    };
  }
}

function diffChecked(saved: unknown, draft: unknown, options: DiffOptions): DiffResult {
  const optionErrors = checkOptions(options);
  if (optionErrors.length > 0) return { ok: false, errors: optionErrors };
  const draftPrepared = prepareRules(draft);
  if (!draftPrepared.ok) return { ok: false, errors: draftPrepared.errors };
  let savedCompiled: CompiledRules | null = null;
  if (saved !== null && saved !== undefined) {
    const savedPrepared = prepareRules(saved);
    if (!savedPrepared.ok) {
      return {
        ok: false,
        errors: [
          {
            code: 'INVALID_SAVED_RULES',
            path: '',
            message: `The saved rules are not valid (${plural(savedPrepared.errors.length, 'error')}), so the draft cannot be compared with them.`,
          },
        ],
      };
    }
    savedCompiled = savedPrepared.compiled;
  }
  const draftCompiled = draftPrepared.compiled;
  const typeIds = typesToCompare(savedCompiled, draftCompiled, options.appointmentTypeId);
  if (typeIds.length === 0 && options.appointmentTypeId !== undefined) {
    return {
      ok: false,
      errors: [
        {
          code: 'UNKNOWN_APPOINTMENT_TYPE',
          path: '/appointmentTypeId',
          message: `Neither the saved rules nor the draft have the appointment type "${options.appointmentTypeId}".`,
        },
      ],
    };
  }
  const counts = new Map<string, Counts>();
  const dates = new LocalDates();
  if (savedCompiled) {
    const before = savedSlotsOf(saved as object, savedCompiled, typeIds, options, dates);
    if (!before.ok) return before;
    addTo(counts, before.slots, 'before');
  }
  const after = slotsOf(draft, draftCompiled, typeIds, options, dates);
  if (!after.ok) return after;
  addTo(counts, after.slots, 'after');
  const range = {
    fromDay: parseDate(options.from) ?? 0,
    toDay: parseDate(options.to) ?? 0,
    now: readInstant(options.now) ?? 0,
  };
  return {
    ok: true,
    diff: {
      days: toDays(counts),
      // Validation returned this very object as the document (prepareRules accepted it).
      displacedBusy: displacedBusy(savedCompiled, draftCompiled, draft as RulesDocument, range),
    },
  };
}

interface Counts {
  date: string;
  providerId: string;
  appointmentTypeId: string;
  before: Set<string>;
  after: Set<string>;
}

/** A generated slot reduced to what the diff compares: its local date, provider, type and instants. */
interface DatedSlot {
  date: string;
  providerId: string;
  appointmentTypeId: string;
  /** `start/end` in epoch ms: the same start with another length is another slot. */
  key: string;
}

type SlotList = { ok: true; slots: DatedSlot[] } | { ok: false; errors: Diagnostic[] };

/**
 * The saved document's slots per query: the saved rules stay the same object while the admin edits
 * (the worker keeps documents by hash), so only the draft is generated again on each edit.
 */
const savedSlots = new WeakMap<object, { query: string; list: SlotList }>();

/** A document's slots over the range, for the given types; stops at the ceiling of slots per document. */
function slotsOf(
  doc: unknown,
  compiled: CompiledRules,
  typeIds: readonly string[],
  options: DiffOptions,
  dates: LocalDates,
): SlotList {
  const slots: DatedSlot[] = [];
  let budget: number = QUERY_LIMITS.maxSlotsCeiling;
  for (const appointmentTypeId of typeIds) {
    if (budget <= 0) break;
    if (!compiled.types.has(appointmentTypeId)) continue;
    const result = generateSlots(doc, {
      appointmentTypeId,
      from: options.from,
      to: options.to,
      now: options.now,
      maxSlots: budget,
    });
    if (!result.ok) return result;
    budget -= result.slots.length;
    for (const slot of result.slots) {
      const clock = compiled.providers.get(slot.providerId)?.clock;
      const date = clock ? dates.of(clock, slot.start) : '';
      slots.push({ date, providerId: slot.providerId, appointmentTypeId, key: `${slot.start}/${slot.end}` });
    }
  }
  return { ok: true, slots };
}

/** `slotsOf` for the saved document, remembered per document object and query. */
function savedSlotsOf(
  doc: object,
  compiled: CompiledRules,
  typeIds: readonly string[],
  options: DiffOptions,
  dates: LocalDates,
): SlotList {
  const query = JSON.stringify([options.from, options.to, readInstant(options.now), typeIds]);
  const known = savedSlots.get(doc);
  if (known?.query === query) return known.list;
  const list = slotsOf(doc, compiled, typeIds, options, dates);
  savedSlots.set(doc, { query, list });
  return list;
}

function addTo(counts: Map<string, Counts>, slots: readonly DatedSlot[], side: 'before' | 'after'): void {
  for (const slot of slots) {
    const key = `${slot.date}\u0000${slot.providerId}\u0000${slot.appointmentTypeId}`;
    let entry = counts.get(key);
    if (!entry) {
      entry = {
        date: slot.date,
        providerId: slot.providerId,
        appointmentTypeId: slot.appointmentTypeId,
        before: new Set(),
        after: new Set(),
      };
      counts.set(key, entry);
    }
    entry[side].add(slot.key);
  }
}

/**
 * Local dates of slot starts, shared by both documents and every type. Reading a zone's offset
 * costs ~15 µs (luxon asks `Intl`), so each zone remembers the instants its local days span and
 * guesses a slot's day from the last offset seen; a DST day (offset not constant) is read exactly.
 */
class LocalDates {
  private readonly zones = new Map<
    string,
    { lastOffset: number; days: Map<number, { start: number; end: number }> }
  >();

  of(clock: ZoneClock, instant: number): string {
    let zone = this.zones.get(clock.name);
    if (!zone) {
      zone = { lastOffset: clock.offsetMinutes(instant), days: new Map() };
      this.zones.set(clock.name, zone);
    }
    const guess = Math.floor((instant + zone.lastOffset * MS_PER_MINUTE) / MS_PER_DAY);
    const known = zone.days.get(guess);
    if (known && known.start <= instant && instant < known.end) return formatDate(guess);
    const offset = clock.offsetMinutes(instant);
    zone.lastOffset = offset;
    const day = Math.floor((instant + offset * MS_PER_MINUTE) / MS_PER_DAY);
    const start = day * MS_PER_DAY - offset * MS_PER_MINUTE;
    const end = start + MS_PER_DAY;
    // One offset all day long (zones change at most once in a day): the whole day can be cached.
    if (clock.offsetMinutes(start) === offset && clock.offsetMinutes(end - 1) === offset) {
      zone.days.set(day, { start, end });
    }
    return formatDate(day);
  }
}

function toDays(counts: Map<string, Counts>): DayDiff[] {
  const days = [...counts.values()].map((entry): DayDiff => {
    let added = 0;
    for (const slot of entry.after) if (!entry.before.has(slot)) added++;
    let removed = 0;
    for (const slot of entry.before) if (!entry.after.has(slot)) removed++;
    return {
      date: entry.date,
      providerId: entry.providerId,
      appointmentTypeId: entry.appointmentTypeId,
      before: entry.before.size,
      after: entry.after.size,
      added,
      removed,
    };
  });
  return days.sort(
    (a, b) =>
      compare(a.date, b.date) ||
      compare(a.providerId, b.providerId) ||
      compare(a.appointmentTypeId, b.appointmentTypeId),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The requested type, or every type id of either document (saved order, then new draft types). */
function typesToCompare(
  saved: CompiledRules | null,
  draft: CompiledRules,
  only: string | undefined,
): string[] {
  const ids = new Set([...(saved?.types.keys() ?? []), ...draft.types.keys()]);
  return only === undefined ? [...ids] : [...ids].filter((id) => id === only);
}

function checkOptions(options: DiffOptions): Diagnostic[] {
  if (typeof options !== 'object' || options === null) {
    return [{ code: 'INVALID_QUERY', path: '', message: 'The diff options must be an object.' }];
  }
  const errors = nowErrors(options.now);
  const from = parseDate(options.from);
  const to = parseDate(options.to);
  if (from === null || to === null) {
    errors.push({
      code: 'INVALID_DATE_RANGE',
      path: from === null ? '/from' : '/to',
      message: '"from" and "to" must be calendar dates written YYYY-MM-DD.',
    });
  } else if (to < from) {
    errors.push({ code: 'INVALID_DATE_RANGE', path: '/to', message: '"to" must not be before "from".' });
  } else if (to - from + 1 > QUERY_LIMITS.maxRangeDays) {
    errors.push({
      code: 'RANGE_TOO_LARGE',
      path: '/to',
      message: `The range covers more than ${QUERY_LIMITS.maxRangeDays} days.`,
    });
  }
  if (options.appointmentTypeId !== undefined && typeof options.appointmentTypeId !== 'string') {
    errors.push({
      code: 'INVALID_QUERY',
      path: '/appointmentTypeId',
      message: '"appointmentTypeId" must be a string.',
    });
  }
  return errors;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
