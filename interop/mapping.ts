/**
 * The mapping file: what FHIR does not say. Which practitioner roles become providers (with
 * their ids and names), which service types become appointment types (with durations and steps),
 * the clinic's zone and each location's, what a `notAvailable` with only a description means,
 * and whether free slots are hours. Read strictly: every mistake is an error at its JSON Pointer.
 */
import type { AppointmentType, ClinicInfo } from '../src/engine/index.ts';
import { isZone } from './fhir-time.ts';
import { IMPORT_LIMITS } from './limits.ts';
import { isRecord } from './read-input.ts';

export type HoursSource = 'role' | 'healthcareService' | 'location';

export interface ProviderMapping {
  /** The PractitionerRole's FHIR id. */
  role: string;
  /** The provider's id in the rules; default the role's id. */
  id?: string;
  /** Default the role's `practitioner.display`, else the Practitioner's name. */
  name?: string;
  /** Overrides any timezone extension and the location's zone. */
  timezone?: string;
}

export interface LocationMapping {
  id?: string;
  name?: string;
  timezone?: string;
}

/** The appointment type's fields (durations, steps, notice…), plus how FHIR names it. */
export type AppointmentTypeMapping = Omit<AppointmentType, 'providerIds'> & {
  /** A service-type code (`"57"`, any system) or `"system|code"`. */
  serviceType?: string;
  /** A HealthcareService's FHIR id: the roles that offer it offer this type. */
  healthcareService?: string;
  /** Provider ids (of the rules) that offer the type; default: derived from the bundle. */
  providerIds?: string[];
};

/** What a `notAvailable` that has a description but no `during` means. */
export type DescriptionMeaning = 'ignore' | { closedDates: string[] };

export interface FhirMapping {
  timezone: string;
  clinic?: ClinicInfo;
  hoursFrom?: HoursSource[];
  locations?: Record<string, LocationMapping>;
  providers: 'all' | ProviderMapping[];
  appointmentTypes: AppointmentTypeMapping[];
  notAvailableDescriptions?: Record<string, DescriptionMeaning>;
  freeSlots?: 'ignore' | 'hours';
  horizonDays?: number;
}

export interface MappingError {
  path: string;
  message: string;
}

export type MappingReading = { ok: true; mapping: FhirMapping } | { ok: false; errors: MappingError[] };

const TOP_FIELDS = new Set([
  '$schema',
  'timezone',
  'clinic',
  'hoursFrom',
  'locations',
  'providers',
  'appointmentTypes',
  'notAvailableDescriptions',
  'freeSlots',
  'horizonDays',
]);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '' && value.length <= IMPORT_LIMITS.maxTextLength;
}

/**
 * The mapping, or every error in it. The appointment types' numbers are checked by the rules
 * validator afterwards, with the rest of the document.
 * @example readMapping({ timezone: 'America/New_York', providers: 'all', appointmentTypes: [] }).ok // true
 */
export function readMapping(input: unknown): MappingReading {
  const errors: MappingError[] = [];
  const fail = (path: string, message: string) => errors.push({ path, message });
  if (!isRecord(input))
    return { ok: false, errors: [{ path: '', message: 'The mapping must be a JSON object.' }] };
  for (const key of Object.keys(input)) {
    if (!TOP_FIELDS.has(key)) fail(`/${key}`, `"${key}" is not a field of the mapping.`);
  }
  if (!isZone(input.timezone)) {
    fail(
      '/timezone',
      'The mapping needs "timezone": the clinic\'s IANA time zone, such as "America/New_York".',
    );
  }
  if (input.clinic !== undefined && !isRecord(input.clinic)) fail('/clinic', '"clinic" must be an object.');
  if (input.hoursFrom !== undefined) {
    const sources = ['role', 'healthcareService', 'location'];
    if (!Array.isArray(input.hoursFrom) || input.hoursFrom.some((source) => !sources.includes(source))) {
      fail('/hoursFrom', '"hoursFrom" must be a list of "role", "healthcareService" and "location".');
    }
  }
  if (input.locations !== undefined) {
    if (!isRecord(input.locations)) fail('/locations', '"locations" must be an object keyed by Location id.');
    else {
      for (const [id, location] of Object.entries(input.locations)) {
        const path = `/locations/${id.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        if (!isRecord(location)) fail(path, 'Each location must be an object.');
        else if (location.timezone !== undefined && !isZone(location.timezone)) {
          fail(`${path}/timezone`, `"${String(location.timezone)}" is not an IANA time zone name.`);
        }
      }
    }
  }
  if (input.providers !== 'all') {
    if (!Array.isArray(input.providers)) {
      fail('/providers', '"providers" must be "all" or a list of { "role": PractitionerRole id }.');
    } else {
      input.providers.forEach((provider: unknown, index) => {
        const path = `/providers/${index}`;
        if (!isRecord(provider) || !isText(provider.role))
          fail(`${path}/role`, 'Each provider needs "role": a PractitionerRole id.');
        else if (provider.timezone !== undefined && !isZone(provider.timezone)) {
          fail(`${path}/timezone`, `"${String(provider.timezone)}" is not an IANA time zone name.`);
        }
      });
    }
  }
  if (!Array.isArray(input.appointmentTypes)) {
    fail('/appointmentTypes', '"appointmentTypes" must be a list.');
  } else {
    input.appointmentTypes.forEach((type: unknown, index) => {
      const path = `/appointmentTypes/${index}`;
      if (!isRecord(type)) {
        fail(path, 'Each appointment type must be an object.');
        return;
      }
      if (!isText(type.id)) fail(`${path}/id`, 'Each appointment type needs an "id".');
      if (!isText(type.name)) fail(`${path}/name`, 'Each appointment type needs a "name".');
      if (type.durationMinutes === undefined) {
        fail(`${path}/durationMinutes`, 'FHIR does not say how long a visit is: give "durationMinutes".');
      }
      if (
        type.serviceType === undefined &&
        type.healthcareService === undefined &&
        type.providerIds === undefined
      ) {
        fail(path, 'Say which visits this is: "serviceType", "healthcareService" or "providerIds".');
      }
      if (
        type.providerIds !== undefined &&
        (!Array.isArray(type.providerIds) || !type.providerIds.every(isText))
      ) {
        fail(`${path}/providerIds`, '"providerIds" must be a list of provider ids.');
      }
    });
  }
  if (input.notAvailableDescriptions !== undefined) {
    if (!isRecord(input.notAvailableDescriptions)) {
      fail('/notAvailableDescriptions', '"notAvailableDescriptions" must be an object keyed by description.');
    } else {
      for (const [text, meaning] of Object.entries(input.notAvailableDescriptions)) {
        const path = `/notAvailableDescriptions/${text.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        const dates = isRecord(meaning) ? meaning.closedDates : undefined;
        const valid =
          meaning === 'ignore' ||
          (Array.isArray(dates) &&
            dates.length <= 3660 &&
            dates.every((date) => typeof date === 'string' && DATE.test(date)));
        if (!valid) fail(path, 'A description means "ignore" or { "closedDates": ["YYYY-MM-DD", …] }.');
      }
    }
  }
  if (input.freeSlots !== undefined && input.freeSlots !== 'ignore' && input.freeSlots !== 'hours') {
    fail('/freeSlots', '"freeSlots" must be "ignore" or "hours".');
  }
  if (input.horizonDays !== undefined) {
    const days = input.horizonDays;
    if (
      typeof days !== 'number' ||
      !Number.isInteger(days) ||
      days < 1 ||
      days > IMPORT_LIMITS.maxHorizonDays
    ) {
      fail('/horizonDays', `"horizonDays" must be a whole number from 1 to ${IMPORT_LIMITS.maxHorizonDays}.`);
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, mapping: input as unknown as FhirMapping };
}
