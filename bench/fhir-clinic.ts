/**
 * The benchmark clinic (bench/large-clinic.ts) as an EHR would export it: an R4 searchset Bundle
 * of Locations (with timezone extensions), PractitionerRoles (availableTime, notAvailable),
 * HealthcareServices (one per appointment type) and booked Appointments, and the mapping file
 * that reads it back. The one thing FHIR availability cannot say is a one-day override of the
 * hours (Christmas Eve's short day), so that is left out.
 */

import type { FhirMapping } from '../interop/mapping.ts';
import type { RulesDocument, Weekday } from '../src/engine/types.ts';

const SERVICE_TYPES = 'https://clinic.example/fhir/service-type';
const TIMEZONE = 'http://hl7.org/fhir/StructureDefinition/timezone';
const DAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export function fhirExportOf(rules: RulesDocument): { bundle: object; mapping: FhirMapping } {
  const entry: object[] = [];
  const add = (resource: object) => entry.push({ resource });
  for (const location of rules.locations ?? []) {
    add({
      resourceType: 'Location',
      id: location.id,
      name: location.name,
      ...(location.timezone ? { extension: [{ url: TIMEZONE, valueCode: location.timezone }] } : {}),
    });
  }
  for (const type of rules.appointmentTypes) {
    add({
      resourceType: 'HealthcareService',
      id: `hs-${type.id}`,
      name: type.name,
      type: [{ coding: [{ system: SERVICE_TYPES, code: type.id, display: type.name }] }],
    });
  }
  for (const provider of rules.providers) {
    // One availableTime per distinct span, listing the days that have it.
    const spans = new Map<string, Weekday[]>();
    for (const day of DAYS) {
      for (const span of provider.weekly?.[day] ?? []) {
        const key = `${span.start}-${span.end}`;
        spans.set(key, [...(spans.get(key) ?? []), day]);
      }
    }
    const offers = rules.appointmentTypes.filter((type) => type.providerIds.includes(provider.id));
    add({
      resourceType: 'PractitionerRole',
      id: provider.id,
      practitioner: { display: provider.name },
      ...(provider.locationId ? { location: [{ reference: `Location/${provider.locationId}` }] } : {}),
      healthcareService: offers.map((type) => ({ reference: `HealthcareService/hs-${type.id}` })),
      availableTime: [...spans].map(([key, daysOfWeek]) => {
        const [start, end] = key.split('-');
        return { daysOfWeek, availableStartTime: `${start}:00`, availableEndTime: `${end}:00` };
      }),
      notAvailable: [
        ...(provider.timeOff ?? []).map((off) => ({
          description: 'Leave',
          during: { start: off.start, end: off.end },
        })),
        ...((rules.closures ?? []).length > 0 ? [{ description: 'Clinic holidays' }] : []),
      ],
    });
  }
  (rules.busy ?? []).forEach((busy, index) => {
    add({
      resourceType: 'Appointment',
      id: `a${index}`,
      status: 'booked',
      ...(busy.appointmentTypeId
        ? { serviceType: [{ coding: [{ system: SERVICE_TYPES, code: busy.appointmentTypeId }] }] }
        : {}),
      start: busy.start,
      end: busy.end,
      participant: [{ actor: { reference: `PractitionerRole/${busy.providerId}` }, status: 'accepted' }],
    });
  });
  const mapping: FhirMapping = {
    timezone: rules.timezone,
    ...(rules.clinic ? { clinic: rules.clinic } : {}),
    providers: 'all',
    appointmentTypes: rules.appointmentTypes.map(({ providerIds: _, ...type }) => ({
      ...type,
      serviceType: `${SERVICE_TYPES}|${type.id}`,
    })),
    notAvailableDescriptions: {
      'Clinic holidays': { closedDates: (rules.closures ?? []).map((closure) => closure.date) },
    },
  };
  return { bundle: { resourceType: 'Bundle', type: 'searchset', total: entry.length, entry }, mapping };
}

/**
 * NDJSON of one PractitionerRole, its Schedule and `count - 2` busy quarter-hour Slots from
 * 2026-11-24 14:00 UTC on: the "100,000 resources" input of the import's bounds.
 */
export function busySlotsNdjson(count: number): string {
  const lines = [
    JSON.stringify({ resourceType: 'PractitionerRole', id: 'r1', practitioner: { display: 'Dr One' } }),
    JSON.stringify({ resourceType: 'Schedule', id: 's', actor: [{ reference: 'PractitionerRole/r1' }] }),
  ];
  const first = Date.parse('2026-11-24T14:00:00Z');
  for (let index = 0; index < count - 2; index++) {
    const start = new Date(first + index * 900_000).toISOString();
    const end = new Date(first + (index + 1) * 900_000).toISOString();
    lines.push(
      JSON.stringify({
        resourceType: 'Slot',
        id: `s${index}`,
        schedule: { reference: 'Schedule/s' },
        status: 'busy',
        start,
        end,
      }),
    );
  }
  return lines.join('\n');
}
