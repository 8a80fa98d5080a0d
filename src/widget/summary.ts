/**
 * The appointment in the patient's words, shared by the review, the confirmation and the
 * manage view: type, provider, place or video, and the date and time with the zone named
 * (and the visit's other time too when it reads differently: visit-times.ts).
 */
import { formatDateTime, formatTime, formatZoneName } from './format.ts';
import { findProvider, findType, slotLocation } from './rules-view.ts';
import type { Store } from './state.ts';
import { visitTimes, WHOSE } from './visit-times.ts';

export interface AppointmentFacts {
  appointmentTypeId: string;
  providerId: string;
  start: number;
  end: number;
  mode?: 'in-person' | 'video';
  /** Where, as the slot or the booking says; else the provider's location. */
  locationId?: string | undefined;
}

export interface AppointmentSummary {
  typeName: string;
  providerName: string;
  /** The location's name and address, or the video note. */
  where: string;
  /** "Thursday, December 3, 2026 at 9:00 AM (Japan Standard Time)". */
  when: string;
  /**
   * The visit's other time when it reads differently, with whose it is (visit-times.ts): "8:00 AM
   * (Eastern Standard Time) at the clinic", "7:00 AM (Central Standard Time) provider's time"; else null.
   */
  otherWhen: string | null;
  /** For calendar files: "Check-up with Dr. Ada Lee". */
  title: string;
  zone: string;
}

/** Describes an appointment for the patient, in the zone being shown. */
export function summarize(store: Store, facts: AppointmentFacts): AppointmentSummary {
  const t = store.t.value;
  const locale = store.locale.value.intl;
  const rules = store.rules.value;
  const type = rules ? findType(rules, facts.appointmentTypeId) : undefined;
  const provider = rules ? findProvider(rules, facts.providerId) : undefined;
  const location = rules ? slotLocation(rules, facts) : undefined;
  const video = (facts.mode ?? type?.mode) === 'video';
  const [main, other] = visitTimes(store, facts.providerId, facts.start);
  const zone = main.zone;
  const typeName = type?.name ?? facts.appointmentTypeId;
  const providerName = provider?.name ?? facts.providerId;
  const where = video
    ? t.videoWhere
    : [location?.name, location?.address, rules?.clinic.name].filter(Boolean).slice(0, 2).join(', ');
  const when = `${formatDateTime(facts.start, zone, locale)} (${formatZoneName(zone, locale, facts.start)})`;
  const otherWhen =
    other &&
    `${formatTime(facts.start, other.zone, locale)} (${formatZoneName(other.zone, locale, facts.start)}) ${t[WHOSE[other.whose]]}`;
  return {
    typeName,
    providerName,
    where,
    when,
    otherWhen,
    title: `${typeName} · ${providerName}`,
    zone,
  };
}
