/**
 * The body of `GET {api}/busy/{YYYY-MM}` (docs/api.md): every provider's busy time over the
 * month's range, in the compact form of a rules document's `busyWindows` entry. Pure: it takes the
 * saved rules and the bookings that overlap the range (an indexed range query on a real store)
 * and returns plain data, so a server builds it once per change and compresses it once per ETag.
 * It says nothing about who booked, nor which type each booking was (only group seats and the
 * daily counts of capped types name a type, summed).
 */
import { DateTime } from 'luxon';
import { busyMonthRange } from '../src/api/busy-month.ts';
import type { BusyWindow, RulesDocument } from '../src/engine/index.ts';

/** A booking as the window needs it: no patient data, no id. */
export interface BusyRow {
  providerId: string;
  appointmentTypeId?: string;
  /** Epoch milliseconds, half-open `[start, end)`. */
  start: number;
  end: number;
  seats: number;
}

/** A window answer: `start`, `end` and the three maps are always present. */
export type BusyWindowBody = Required<BusyWindow>;

const MINUTE = 60_000;

/**
 * The covered instant range of `month`, or `null` when `month` is not `YYYY-MM` (2000–2999).
 * @example monthRange('2026-12') // { start: 1795953600000, end: 1798891200000 }
 */
export function monthRange(month: string): { start: number; end: number } | null {
  return busyMonthRange(month);
}

/**
 * The months whose windows together cover `[instant − 3 days, instant + 3 days]`: what a server
 * re-checking a booking at `instant` gives the engine (a slot, its buffers and its local day).
 */
export function monthsAround(instant: number): string[] {
  const months = new Set<string>();
  for (const shift of [-3, 0, 3])
    months.add(new Date(instant + shift * 86_400_000).toISOString().slice(0, 7));
  return [...months];
}

/**
 * Builds the window of `month` from `rules` (a valid document: its providers, their zones and its
 * types' capacity and daily caps) and `rows` (any bookings; those outside the range are skipped).
 * Busy time is merged per provider; bookings of group types (capacity above 1) go to `seats`,
 * summed per provider, type and start; types with `maxPerDay` are counted per provider-local
 * date for every date whose whole day lies in the range. Starts round down and ends round up to
 * whole minutes (busy time only grows); rows of a provider the rules lack are left out, rows of a
 * type they lack are plain busy time.
 * @throws RangeError when `month` is not a month.
 */
export function buildBusyWindow(
  rules: RulesDocument,
  month: string,
  rows: readonly BusyRow[],
): BusyWindowBody {
  const range = monthRange(month);
  if (!range) throw new RangeError(`Not a month: ${JSON.stringify(month).slice(0, 40)}`);
  const { start, end } = range;
  const lengthMinutes = (end - start) / MINUTE;
  const zones = providerZones(rules);
  const types = new Map(rules.appointmentTypes.map((type) => [type.id, type]));
  const plain = new Map<string, Array<[number, number]>>();
  const seats = new Map<string, Map<string, [number, number, string, number]>>();
  const perDay = new Map<string, Map<string, Map<string, number>>>();
  const dayFits = dayChecker(start, end);

  for (const row of rows) {
    const zone = zones.get(row.providerId);
    if (zone === undefined || !(row.end > start && row.start < end) || !(row.end > row.start)) continue;
    const from = Math.max(0, Math.floor((row.start - start) / MINUTE));
    const to = Math.min(lengthMinutes, Math.ceil((row.end - start) / MINUTE));
    const type = row.appointmentTypeId === undefined ? undefined : types.get(row.appointmentTypeId);
    if (type && (type.capacity ?? 1) > 1) {
      // A class that began before the window cannot be booked from it: its seats do not matter.
      if (row.start >= start) {
        const byStart = getOr(seats, row.providerId, () => new Map());
        const key = `${type.id}|${from}`;
        const known = byStart.get(key);
        if (known) {
          known[1] = Math.max(known[1], to - from);
          known[3] += row.seats;
        } else byStart.set(key, [from, to - from, type.id, row.seats]);
      }
    } else {
      getOr(plain, row.providerId, () => []).push([from, to]);
    }
    if (type?.maxPerDay !== undefined) {
      const date = DateTime.fromMillis(row.start, { zone }).toISODate();
      if (date !== null && dayFits(date, zone)) {
        const byDate = getOr(
          getOr(perDay, row.providerId, () => new Map()),
          type.id,
          () => new Map(),
        );
        byDate.set(date, (byDate.get(date) ?? 0) + 1);
      }
    }
  }

  const body: BusyWindowBody = { month, start, end, busy: {}, seats: {}, perDay: {} };
  for (const providerId of [...zones.keys()].sort()) {
    const intervals = plain.get(providerId);
    if (intervals) body.busy[providerId] = merge(intervals);
    const groups = seats.get(providerId);
    if (groups)
      body.seats[providerId] = [...groups.values()].sort((a, b) => a[0] - b[0] || (a[2] < b[2] ? -1 : 1));
    const counts = perDay.get(providerId);
    if (counts) {
      body.perDay[providerId] = Object.fromEntries(
        [...counts]
          .sort(([a], [b]) => (a < b ? -1 : 1))
          .map(([typeId, byDate]) => [typeId, Object.fromEntries([...byDate].sort())]),
      );
    }
  }
  return body;
}

/** `[from, to]` minute pairs merged (overlapping or touching) into sorted `[offset, length]`. */
function merge(intervals: Array<[number, number]>): Array<[number, number]> {
  intervals.sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  let current: [number, number] | null = null;
  for (const [from, to] of intervals) {
    if (current && from <= current[1]) current[1] = Math.max(current[1], to);
    else {
      if (current) out.push([current[0], current[1] - current[0]]);
      current = [from, to];
    }
  }
  if (current) out.push([current[0], current[1] - current[0]]);
  return out;
}

/** Each provider's zone: its own, else its location's, else the document's. */
function providerZones(rules: RulesDocument): Map<string, string> {
  const locations = new Map((rules.locations ?? []).map((location) => [location.id, location.timezone]));
  const zones = new Map<string, string>();
  for (const provider of rules.providers) {
    const locationZone = provider.locationId === undefined ? undefined : locations.get(provider.locationId);
    zones.set(provider.id, provider.timezone ?? locationZone ?? rules.timezone);
  }
  return zones;
}

/** Whether the whole local day `date` in `zone` lies within `[start, end)`, remembered per zone and date. */
function dayChecker(start: number, end: number): (date: string, zone: string) => boolean {
  const known = new Map<string, boolean>();
  return (date, zone) => {
    const key = `${zone}|${date}`;
    let fits = known.get(key);
    if (fits === undefined) {
      const dayStart = DateTime.fromISO(date, { zone }).startOf('day');
      fits = dayStart.toMillis() >= start && dayStart.plus({ days: 1 }).startOf('day').toMillis() <= end;
      known.set(key, fits);
    }
    return fits;
  };
}

function getOr<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}
