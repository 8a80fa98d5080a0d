/**
 * The two times of one visit, shared by the time list, the review, the confirmation and the
 * manage view, so a visit never shows two different "other" times. The patient's own time, and
 * the time where the visit happens: its provider's zone (a telehealth provider may work in
 * another zone than the clinic's), called the clinic's time when it keeps the clinic's.
 */
import { findProvider, providerZone } from './rules-view.ts';
import type { Store } from './state.ts';
import { sameOffset } from './time.ts';

/** Whose time a zone is: the patient's, the clinic's, or the provider's (when not the clinic's). */
export type Whose = 'yours' | 'clinic' | 'provider';

/** The catalogue key of the words after a time that say whose it is. */
export const WHOSE = { yours: 'yourTime', clinic: 'clinicTime', provider: 'providerTime' } as const;

export interface ZonedTime {
  zone: string;
  whose: Whose;
}

/**
 * The time to show first (the zone the calendar is shown in) and the other one, `null` when
 * both read the same at `at`. In the patient's view the other time is the provider's zone; in the
 * clinic's view it is the patient's.
 */
export function visitTimes(store: Store, providerId: string, at: number): [ZonedTime, ZonedTime | null] {
  const rules = store.rules.value;
  const patient: ZonedTime = { zone: store.patientZone.value, whose: 'yours' };
  const whose = (zone: string): Whose =>
    rules && !sameOffset(zone, rules.timezone, at) ? 'provider' : 'clinic';
  const there = store.zoneChoice.value === 'clinic' ? store.viewZone.value : visitZone(store, providerId);
  const place: ZonedTime = { zone: there, whose: whose(there) };
  const [main, other] = store.zoneChoice.value === 'clinic' ? [place, patient] : [patient, place];
  return [main, sameOffset(main.zone, other.zone, at) ? null : other];
}

/** The zone a visit with this provider happens in: the provider's own, else its location's, else the clinic's. */
export function visitZone(store: Store, providerId: string): string {
  const rules = store.rules.value;
  return rules ? providerZone(rules, findProvider(rules, providerId)) : store.viewZone.value;
}
