/**
 * Turns the engine's slots into what the patient picks from: grouped by the calendar day of the
 * zone being shown, one entry per time when "any available" is chosen, split into parts of day.
 */
import type { Slot } from '../engine/types.ts';
import { type DayPart, dateInZone, dayPartOf, type IsoDate } from './time.ts';

/** Slots by calendar day in `zone`, each day's slots in time order. */
export function slotsByDay(slots: readonly Slot[], zone: string): Map<IsoDate, Slot[]> {
  const days = new Map<IsoDate, Slot[]>();
  for (const slot of slots) {
    const day = dateInZone(slot.start, zone);
    const list = days.get(day);
    if (list) list.push(slot);
    else days.set(day, [slot]);
  }
  for (const list of days.values())
    list.sort((a, b) => a.start - b.start || a.providerId.localeCompare(b.providerId));
  return days;
}

/**
 * One slot per start time for "any available". Of the providers free at that time, the one
 * with the most free slots that day gets it (spreading the day's load); ties go to the
 * provider listed first for the type, then by id. Deterministic for the same input.
 */
export function onePerTime(daySlots: readonly Slot[], providerOrder: readonly string[]): Slot[] {
  const freeCount = new Map<string, number>();
  for (const slot of daySlots) freeCount.set(slot.providerId, (freeCount.get(slot.providerId) ?? 0) + 1);
  const rank = (id: string) => {
    const index = providerOrder.indexOf(id);
    return index === -1 ? providerOrder.length : index;
  };
  const byStart = new Map<number, Slot>();
  for (const slot of daySlots) {
    const current = byStart.get(slot.start);
    if (!current || better(slot, current)) byStart.set(slot.start, slot);
  }
  function better(a: Slot, b: Slot): boolean {
    const free = (freeCount.get(a.providerId) ?? 0) - (freeCount.get(b.providerId) ?? 0);
    if (free !== 0) return free > 0;
    const order = rank(a.providerId) - rank(b.providerId);
    if (order !== 0) return order < 0;
    return a.providerId < b.providerId;
  }
  return [...byStart.values()].sort((a, b) => a.start - b.start);
}

export interface DayPartGroup {
  part: DayPart;
  slots: Slot[];
}

/** The day's slots split into morning, afternoon and evening (empty parts left out). */
export function groupByDayPart(daySlots: readonly Slot[], zone: string): DayPartGroup[] {
  const groups: DayPartGroup[] = [
    { part: 'morning', slots: [] },
    { part: 'afternoon', slots: [] },
    { part: 'evening', slots: [] },
  ];
  for (const slot of daySlots) {
    const part = dayPartOf(slot.start, zone);
    groups.find((group) => group.part === part)?.slots.push(slot);
  }
  return groups.filter((group) => group.slots.length > 0);
}
