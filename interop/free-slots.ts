/**
 * Free slots as hours (the mapping's `"freeSlots": "hours"`): each date with free slots gets
 * them, merged where they touch, as that date's override. Dates and times are the provider's own.
 */
import { DateTime } from 'luxon';
import type { Provider } from '../src/engine/index.ts';
import type { Findings } from './problems.ts';

const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export class FreeSlotHours {
  /** Minutes after midnight of each free slot, by provider and local date. */
  private readonly spans = new Map<Provider, Map<string, Array<[number, number]>>>();

  constructor(private readonly findings: Findings) {}

  /** Adds one free slot; one that crosses midnight or is not on whole minutes is a located error. */
  add(provider: Provider, zone: string, [start, end]: [number, number], label: string): void {
    const from = DateTime.fromMillis(start, { zone });
    const to = DateTime.fromMillis(end, { zone });
    const date = from.toISODate()!;
    const endsAtMidnight = to.hour === 0 && to.minute === 0 && to.minus({ days: 1 }).toISODate() === date;
    if (to.toISODate() !== date && !endsAtMidnight) {
      this.findings.error(
        'SLOT_CROSSES_MIDNIGHT',
        label,
        'end',
        `${label} crosses midnight in ${zone}; it was not read as hours.`,
      );
      return;
    }
    if (from.second !== 0 || from.millisecond !== 0 || to.second !== 0 || to.millisecond !== 0) {
      this.findings.error(
        'INVALID_TIME',
        label,
        'start',
        `${label} does not start and end on whole minutes; it was not read as hours.`,
      );
      return;
    }
    const days = this.spans.get(provider) ?? new Map<string, Array<[number, number]>>();
    const list = days.get(date) ?? [];
    list.push([from.hour * 60 + from.minute, endsAtMidnight ? 1440 : to.hour * 60 + to.minute]);
    days.set(date, list);
    this.spans.set(provider, days);
  }

  /** Writes the provider's free-slot dates into its overrides; a closed date stays closed. */
  applyTo(provider: Provider): void {
    const days = this.spans.get(provider);
    if (!days) return;
    const overrides = new Map((provider.overrides ?? []).map((day) => [day.date, day]));
    for (const [date, spans] of days) {
      if (overrides.has(date)) continue;
      spans.sort((a, b) => a[0] - b[0]);
      const merged: Array<[number, number]> = [];
      for (const span of spans) {
        const last = merged[merged.length - 1];
        if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
        else merged.push([span[0], span[1]]);
      }
      overrides.set(date, {
        date,
        hours: merged.map(([from, to]) => ({ start: clock(from), end: clock(to) })),
      });
    }
    provider.overrides = [...overrides.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  }
}
