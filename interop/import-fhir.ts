/**
 * `importFhir`: a FHIR export (Bundle or NDJSON) and a mapping become a rules document and its
 * busy entries, with every problem located (resource and field) and every skip counted. Pure and
 * DOM-free: the admin page runs it in the page, the CLI in Node. Nothing is saved here.
 */
import {
  type AppointmentType,
  type BusyEntry,
  type DateOverride,
  type Diagnostic,
  type InstantRange,
  type Location,
  type Provider,
  type RulesDocument,
  validateRules,
} from '../src/engine/index.ts';
import { type Coding, codingsOf, matchesServiceType } from './codings.ts';
import { isZone, readInstant, timezoneExtension, utcInstant } from './fhir-time.ts';
import { FreeSlotHours } from './free-slots.ts';
import { availabilityOf, unavailability, type Weekly, type Window, weeklyHours } from './hours.ts';
import { IMPORT_LIMITS } from './limits.ts';
import { type AppointmentTypeMapping, type FhirMapping, type MappingError, readMapping } from './mapping.ts';
import { addressText, personName, text } from './names.ts';
import { Findings, type Problem, type Skip } from './problems.ts';
import { type InputError, isRecord, type ReadResource, readInput } from './read-input.ts';
import { ResourceIndex } from './references.ts';

/** The resource types the import reads; any other is a counted skip. */
export const READ_TYPES = [
  'PractitionerRole',
  'Practitioner',
  'HealthcareService',
  'Location',
  'Schedule',
  'Slot',
  'Appointment',
  'Organization',
] as const;

const BUSY_SLOT = new Set(['busy', 'busy-unavailable', 'busy-tentative']);
const BUSY_APPOINTMENT = new Set(['booked', 'arrived', 'fulfilled', 'checked-in']);

export interface ImportOptions {
  /** The clock: busy time that ended before it is left out. Epoch ms or an ISO instant. */
  now: number | string;
}

export type ImportErrorCode = InputError['code'] | 'INVALID_MAPPING' | 'INVALID_NOW';

export type ImportResult =
  | {
      ok: true;
      /** The rules document, without busy entries. */
      rules: RulesDocument;
      /** Existing bookings and blocks, sorted by start then provider. */
      busy: BusyEntry[];
      problems: Problem[];
      skipped: Skip[];
      /** Resources read, by type. */
      counts: Record<string, number>;
      /** `validateRules` of the rules with the busy entries: what the admin's preview shows too. */
      validation: { ok: boolean; errors: Diagnostic[]; warnings: Diagnostic[] };
    }
  | { ok: false; error: { code: ImportErrorCode; message: string; mappingErrors?: MappingError[] } };

interface ProviderDraft {
  role: ReadResource;
  provider: Provider;
  zone: string;
  practitioner: string | undefined;
}

function refs(value: unknown): unknown[] {
  return Array.isArray(value)
    ? value.slice(0, IMPORT_LIMITS.maxListEntries)
    : value === undefined
      ? []
      : [value];
}

class Importer {
  readonly index: ResourceIndex;
  readonly window: Window;
  readonly horizonDays: number;
  readonly locations = new Map<string, Location>();
  readonly providers: ProviderDraft[] = [];
  /** Providers by `PractitionerRole/id` and by `Practitioner/id` (one person may hold several roles). */
  readonly byRole = new Map<string, ProviderDraft>();
  readonly byPractitioner = new Map<string, ProviderDraft[]>();
  readonly busy = new Map<string, BusyEntry>();
  readonly freeHours: FreeSlotHours;

  constructor(
    readonly mapping: FhirMapping,
    resources: ReadResource[],
    nowMs: number,
    readonly findings: Findings,
  ) {
    this.index = new ResourceIndex(resources);
    this.horizonDays = mapping.horizonDays ?? IMPORT_LIMITS.defaultHorizonDays;
    this.window = { fromMs: nowMs, toMs: nowMs + this.horizonDays * 86_400_000 };
    this.freeHours = new FreeSlotHours(findings);
  }

  run(): { rules: RulesDocument; busy: BusyEntry[] } {
    const read = new Set<string>(READ_TYPES);
    for (const [type, list] of this.index.byType) {
      if (!read.has(type)) for (let i = 0; i < list.length; i++) this.findings.skip('unsupported-type', type);
    }
    this.readProviders();
    const appointmentTypes = this.mapping.appointmentTypes.map((type, index) => this.readType(type, index));
    this.readSlots(appointmentTypes);
    this.readAppointments(appointmentTypes);
    for (const draft of this.providers) this.freeHours.applyTo(draft.provider);
    const rules: RulesDocument = {
      version: 1,
      timezone: this.mapping.timezone,
      ...(this.mapping.clinic ? { clinic: this.mapping.clinic } : {}),
      ...(this.locations.size > 0 ? { locations: [...this.locations.values()] } : {}),
      providers: this.providers.map((draft) => draft.provider),
      appointmentTypes,
    };
    const busy = [...this.busy.values()].sort((a, b) =>
      a.start !== b.start
        ? a.start < b.start
          ? -1
          : 1
        : a.providerId < b.providerId
          ? -1
          : a.providerId > b.providerId
            ? 1
            : 0,
    );
    return { rules, busy };
  }

  private readProviders(): void {
    const roles = this.index.of('PractitionerRole');
    const wanted = this.mapping.providers;
    const chosen = new Set<ReadResource>();
    if (wanted === 'all') {
      for (const role of roles) {
        if (role.data.active === false) this.findings.skip('role-not-mapped', role.label);
        else if (role.id) {
          chosen.add(role);
          this.addProvider(role, {});
        }
      }
    } else {
      wanted.forEach((entry, position) => {
        const role = this.index.get('PractitionerRole', entry.role);
        if (!role) {
          this.findings.error(
            'UNKNOWN_REFERENCE',
            'mapping',
            `/providers/${position}/role`,
            `The mapping names PractitionerRole/${entry.role}, which is not in the input.`,
          );
          return;
        }
        chosen.add(role);
        this.addProvider(role, entry);
      });
    }
    for (const role of roles) if (!chosen.has(role)) this.findings.skip('role-not-mapped', role.label);
  }

  private readLocation(role: ReadResource): { id: string; zone: string | undefined } | undefined {
    const first = refs(role.data.location)[0];
    if (first === undefined) return undefined;
    const target = this.index.resolve(first);
    if (target?.type !== 'Location') return undefined;
    const mapped = this.mapping.locations?.[target.id] ?? {};
    const id = mapped.id ?? target.id;
    const known = this.locations.get(id);
    if (known) return { id, zone: known.timezone };
    if (!target.resource && !this.mapping.locations?.[target.id]) {
      this.findings.warning(
        'UNKNOWN_REFERENCE',
        role.label,
        'location[0]',
        `${role.label} is at Location/${target.id}, which is not in the input; its provider has no location.`,
      );
      return undefined;
    }
    const data = target.resource?.data ?? {};
    let zone = mapped.timezone;
    if (!zone) {
      const extension = timezoneExtension(data);
      if (extension !== undefined && isZone(extension)) zone = extension;
      else if (extension !== undefined) {
        this.findings.warning(
          'INVALID_TIMEZONE',
          `Location/${target.id}`,
          'extension',
          `"${extension}" is not an IANA time zone name; it was ignored.`,
        );
      }
    }
    let name = mapped.name ?? text(data.name);
    if (!name) {
      name = id;
      this.findings.warning(
        'MISSING_NAME',
        `Location/${target.id}`,
        'name',
        `Location/${target.id} has no name; it is shown as "${id}".`,
      );
    }
    const address = addressText(data.address);
    const location: Location = {
      id,
      name,
      ...(zone ? { timezone: zone } : {}),
      ...(address ? { address } : {}),
    };
    this.locations.set(id, location);
    return { id, zone };
  }

  /** The role's own zone: the mapping's, else a timezone extension on the role or its availability. */
  private ownZone(role: ReadResource, mapped: string | undefined): string | undefined {
    if (mapped) return mapped;
    const candidates: Array<[unknown, string]> = [[role.data, 'extension']];
    refs(role.data.availability).forEach((item, index) => {
      candidates.push([item, `availability[${index}].extension`]);
    });
    for (const [element, field] of candidates) {
      const extension = timezoneExtension(element);
      if (extension === undefined) continue;
      if (isZone(extension)) return extension;
      this.findings.warning(
        'INVALID_TIMEZONE',
        role.label,
        field,
        `"${extension}" is not an IANA time zone name; it was ignored.`,
      );
    }
    return undefined;
  }

  private practitionerOf(role: ReadResource): { key: string | undefined; name: string | undefined } {
    const reference = role.data.practitioner;
    const target = this.index.resolve(reference);
    const display = isRecord(reference) ? text(reference.display) : undefined;
    const key = target?.type === 'Practitioner' ? `Practitioner/${target.id}` : undefined;
    return { key, name: display ?? personName(target?.resource?.data.name) };
  }

  private addProvider(role: ReadResource, entry: { id?: string; name?: string; timezone?: string }): void {
    const location = this.readLocation(role);
    const own = this.ownZone(role, entry.timezone);
    const zone = own ?? location?.zone ?? this.mapping.timezone;
    const practitioner = this.practitionerOf(role);
    const id = entry.id ?? role.id;
    let name = entry.name ?? practitioner.name;
    if (!name) {
      name = id;
      this.findings.warning(
        'MISSING_NAME',
        role.label,
        'practitioner',
        `${role.label} names no practitioner; the provider is shown as "${id}".`,
      );
    }
    const { weekly, timeOff, closed } = this.readHours(role, zone);
    const provider: Provider = {
      id,
      name,
      ...(location ? { locationId: location.id } : {}),
      ...(own ? { timezone: own } : {}),
      weekly,
      ...(closed.length > 0 ? { overrides: closed } : {}),
      ...(timeOff.length > 0 ? { timeOff } : {}),
    };
    const draft: ProviderDraft = { role, provider, zone, practitioner: practitioner.key };
    this.providers.push(draft);
    this.byRole.set(`PractitionerRole/${role.id}`, draft);
    if (practitioner.key) {
      const list = this.byPractitioner.get(practitioner.key) ?? [];
      list.push(draft);
      this.byPractitioner.set(practitioner.key, list);
    }
  }

  /** Weekly hours from the first source in `hoursFrom` that has any; time off from the role and that source. */
  private readHours(
    role: ReadResource,
    zone: string,
  ): { weekly: Weekly; timeOff: InstantRange[]; closed: DateOverride[] } {
    const sources = this.mapping.hoursFrom ?? ['role'];
    const roleAvailability = availabilityOf(role.data, role.label, this.findings);
    let weekly: Weekly = {};
    const offSources: Array<[ReadResource, ReturnType<typeof availabilityOf>]> = [[role, roleAvailability]];
    let found = false;
    for (const source of sources) {
      const resources =
        source === 'role'
          ? [role]
          : refs(source === 'location' ? refs(role.data.location)[0] : role.data.healthcareService)
              .map((reference) => this.index.resolve(reference)?.resource)
              .filter((resource): resource is ReadResource => resource !== undefined);
      for (const resource of resources) {
        const availability =
          resource === role ? roleAvailability : availabilityOf(resource.data, resource.label, this.findings);
        if (availability.times.length === 0) continue;
        weekly = weeklyHours(availability.times, resource.label, this.findings);
        if (resource !== role) offSources.push([resource, availability]);
        found = true;
        break;
      }
      if (found) break;
    }
    if (!found) {
      this.findings.warning(
        'NO_HOURS',
        role.label,
        'availableTime',
        `${role.label} has no availableTime (looked in: ${sources.join(', ')}); its provider has no weekly hours.`,
      );
    }
    const timeOff: InstantRange[] = [];
    const closed = new Map<string, DateOverride>();
    for (const [resource, availability] of offSources) {
      const off = unavailability(
        availability.notAvailable,
        {
          resource: resource.label,
          zone,
          window: this.window,
          descriptions: this.mapping.notAvailableDescriptions ?? {},
        },
        this.findings,
      );
      timeOff.push(...off.timeOff);
      for (const day of off.closedDates) closed.set(day.date, day);
    }
    return { weekly, timeOff, closed: [...closed.values()].sort((a, b) => (a.date < b.date ? -1 : 1)) };
  }

  private readType(mapped: AppointmentTypeMapping, position: number): AppointmentType {
    const { serviceType, healthcareService, providerIds, ...fields } = mapped;
    let ids = providerIds;
    if (!ids) {
      const offering = new Set<string>();
      for (const draft of this.providers) {
        const services = refs(draft.role.data.healthcareService).map((reference) =>
          this.index.resolve(reference),
        );
        const offers = services.some(
          (service) =>
            service?.type === 'HealthcareService' &&
            (service.id === healthcareService ||
              (serviceType !== undefined &&
                matchesServiceType(serviceType, codingsOf(service.resource?.data.type)))),
        );
        if (offers) offering.add(draft.provider.id);
      }
      if (serviceType !== undefined) {
        for (const schedule of this.index.of('Schedule')) {
          if (!matchesServiceType(serviceType, codingsOf(schedule.data.serviceType))) continue;
          for (const draft of this.actorsOf(schedule)) offering.add(draft.provider.id);
        }
      }
      ids = this.providers.map((draft) => draft.provider.id).filter((id) => offering.has(id));
      if (ids.length === 0) {
        this.findings.warning(
          'TYPE_WITHOUT_PROVIDERS',
          'mapping',
          `/appointmentTypes/${position}`,
          `No provider in the input offers "${mapped.name}"; list them in its "providerIds".`,
        );
      }
    }
    return { ...fields, providerIds: [...ids] };
  }

  private actorsOf(schedule: ReadResource): ProviderDraft[] {
    const found: ProviderDraft[] = [];
    for (const actor of refs(schedule.data.actor)) {
      const target = this.index.resolve(actor);
      if (!target) continue;
      const key = `${target.type}/${target.id}`;
      const byRole = this.byRole.get(key);
      if (byRole) found.push(byRole);
      for (const draft of this.byPractitioner.get(key) ?? []) if (!found.includes(draft)) found.push(draft);
    }
    return found;
  }

  private typeFor(codings: Coding[], types: readonly AppointmentType[]): string | undefined {
    if (codings.length === 0) return undefined;
    const index = this.mapping.appointmentTypes.findIndex(
      (type) => type.serviceType !== undefined && matchesServiceType(type.serviceType, codings),
    );
    return index === -1 ? undefined : types[index]?.id;
  }

  /** The interval of a Slot or Appointment, or `null` after a located problem or a counted skip. */
  private interval(resource: ReadResource): [number, number] | null {
    const start = readInstant(resource.data.start);
    const end = readInstant(resource.data.end);
    if (start === null || end === null || end <= start) {
      const field = start === null ? 'start' : end === null ? 'end' : 'end';
      this.findings.error(
        'INVALID_INSTANT',
        resource.label,
        field,
        `${resource.label} ${field} is not an instant with an offset after its start; it was not imported.`,
      );
      this.findings.skip('invalid', resource.label);
      return null;
    }
    if (end <= this.window.fromMs) {
      this.findings.skip('ended-before-now', resource.label);
      return null;
    }
    if (start >= this.window.toMs) {
      this.findings.skip('beyond-horizon', resource.label);
      return null;
    }
    return [start, end];
  }

  private addBusy(
    draft: ProviderDraft,
    [start, end]: [number, number],
    typeId: string | undefined,
    label: string,
  ): void {
    const entry: BusyEntry = {
      providerId: draft.provider.id,
      start: utcInstant(start),
      end: utcInstant(end),
    };
    if (typeId !== undefined) entry.appointmentTypeId = typeId;
    const key = `${entry.providerId}\u0000${entry.start}\u0000${entry.end}`;
    if (this.busy.has(key)) this.findings.skip('duplicate', label);
    else this.busy.set(key, entry);
  }

  private readSlots(types: readonly AppointmentType[]): void {
    for (const slot of this.index.of('Slot')) {
      const status = slot.data.status;
      const free = status === 'free';
      if (!free && !BUSY_SLOT.has(status as string)) {
        this.findings.skip('not-busy-status', slot.label);
        continue;
      }
      if (free && this.mapping.freeSlots !== 'hours') {
        this.findings.skip('free-slot', slot.label);
        continue;
      }
      const target = this.index.resolve(slot.data.schedule);
      if (!target?.resource || target.type !== 'Schedule') {
        this.findings.warning(
          'UNKNOWN_REFERENCE',
          slot.label,
          'schedule',
          `${slot.label} belongs to a schedule that is not in the input; it was not imported.`,
        );
        this.findings.skip('unknown-reference', slot.label);
        continue;
      }
      const actors = this.actorsOf(target.resource);
      if (actors.length === 0) {
        this.findings.skip('role-not-mapped', slot.label);
        continue;
      }
      const interval = this.interval(slot);
      if (!interval) continue;
      if (free) {
        for (const draft of actors) this.freeHours.add(draft.provider, draft.zone, interval, slot.label);
        continue;
      }
      const codings = codingsOf(slot.data.serviceType);
      const typeId = this.typeFor(
        codings.length > 0 ? codings : codingsOf(target.resource.data.serviceType),
        types,
      );
      for (const draft of actors) this.addBusy(draft, interval, typeId, slot.label);
    }
  }

  private readAppointments(types: readonly AppointmentType[]): void {
    for (const appointment of this.index.of('Appointment')) {
      if (!BUSY_APPOINTMENT.has(appointment.data.status as string)) {
        this.findings.skip('not-busy-status', appointment.label);
        continue;
      }
      const actors: ProviderDraft[] = [];
      let unknown = false;
      for (const participant of refs(appointment.data.participant)) {
        if (!isRecord(participant) || participant.status === 'declined') continue;
        const target = this.index.resolve(participant.actor);
        if (!target || (target.type !== 'PractitionerRole' && target.type !== 'Practitioner')) continue;
        const key = `${target.type}/${target.id}`;
        const found = this.byRole.get(key) ? [this.byRole.get(key)!] : (this.byPractitioner.get(key) ?? []);
        if (found.length === 0 && !target.resource) unknown = true;
        for (const draft of found) if (!actors.includes(draft)) actors.push(draft);
      }
      if (actors.length === 0) {
        if (unknown) {
          this.findings.warning(
            'UNKNOWN_REFERENCE',
            appointment.label,
            'participant',
            `${appointment.label}'s practitioner is not in the input; it was not imported.`,
          );
          this.findings.skip('unknown-reference', appointment.label);
        } else this.findings.skip('role-not-mapped', appointment.label);
        continue;
      }
      const interval = this.interval(appointment);
      if (!interval) continue;
      const typeId = this.typeFor(codingsOf(appointment.data.serviceType), types);
      for (const draft of actors) this.addBusy(draft, interval, typeId, appointment.label);
    }
  }
}

function readNow(now: number | string): number | null {
  const ms = typeof now === 'number' ? now : readInstant(now);
  return ms !== null && Number.isFinite(ms) ? ms : null;
}

/**
 * Reads a FHIR export with a mapping. Fails only when the input or the mapping cannot be read at
 * all; everything else is a located problem or a counted skip beside the document.
 * @example
 * const result = importFhir(bundleText, mapping, { now: '2026-11-23T12:00:00Z' });
 * if (result.ok) save({ ...result.rules, busy: result.busy }); // after the admin has seen the preview
 */
export function importFhir(text: string, mapping: unknown, options: ImportOptions): ImportResult {
  const nowMs = readNow(options.now);
  if (nowMs === null)
    return {
      ok: false,
      error: { code: 'INVALID_NOW', message: '"now" must be epoch ms or an instant with an offset.' },
    };
  const readingMapping = readMapping(mapping);
  if (!readingMapping.ok) {
    return {
      ok: false,
      error: {
        code: 'INVALID_MAPPING',
        message: `The mapping has ${readingMapping.errors.length} error(s): ${readingMapping.errors.map((e) => `${e.path || '/'}: ${e.message}`).join(' ')}`,
        mappingErrors: readingMapping.errors,
      },
    };
  }
  const findings = new Findings();
  const input = readInput(text, findings);
  if (!input.ok) return { ok: false, error: input.error };
  const run = new Importer(readingMapping.mapping, input.resources, nowMs, findings);
  const { rules, busy } = run.run();
  const validation = validateRules({ ...rules, busy });
  const counts: Record<string, number> = {};
  for (const [type, list] of run.index.byType) counts[type] = list.length;
  return {
    ok: true,
    rules,
    busy,
    problems: run.findings.listProblems(),
    skipped: run.findings.listSkips(),
    counts,
    validation: {
      ok: validation.ok,
      errors: validation.ok ? [] : validation.errors,
      warnings: validation.warnings,
    },
  };
}
