/**
 * The appointment in the patient's words, shared by the review, the confirmation and the
 * manage view: type, provider, place or video, and the date and time with the zone named
 * (and the clinic's time too when the zones differ).
 */
import { formatDateTime, formatTime, formatZoneName } from './format.ts';
import { findProvider, findType, locationOf, providerZone } from './rules-view.ts';
import type { Store } from './state.ts';
import { sameOffset } from './time.ts';

export interface AppointmentFacts {
  appointmentTypeId: string;
  providerId: string;
  start: number;
  end: number;
  mode?: 'in-person' | 'video';
}

export interface AppointmentSummary {
  typeName: string;
  providerName: string;
  /** The location's name and address, or the video note. */
  where: string;
  /** "Thursday, December 3, 2026 at 9:00 AM (Japan Standard Time)". */
  when: string;
  /** "8:00 PM at the clinic (Eastern Standard Time)" when the clinic's zone differs, else null. */
  clinicWhen: string | null;
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
  const location = rules ? locationOf(rules, provider) : undefined;
  const video = (facts.mode ?? type?.mode) === 'video';
  const zone = store.viewZone.value;
  const clinic = rules ? providerZone(rules, provider) : zone;
  const typeName = type?.name ?? facts.appointmentTypeId;
  const providerName = provider?.name ?? facts.providerId;
  const where = video
    ? t.videoWhere
    : [location?.name, location?.address, rules?.clinic.name].filter(Boolean).slice(0, 2).join(', ');
  const when = `${formatDateTime(facts.start, zone, locale)} (${formatZoneName(zone, locale, facts.start)})`;
  const clinicWhen = sameOffset(zone, clinic, facts.start)
    ? null
    : t.atClinic(
        `${formatTime(facts.start, clinic, locale)} (${formatZoneName(clinic, locale, facts.start)})`,
      );
  return {
    typeName,
    providerName,
    where,
    when,
    clinicWhen,
    title: `${typeName} · ${providerName}`,
    zone,
  };
}
