/**
 * `publishSmart`: a rules document and its busy entries become the files of a SMART Scheduling
 * Links publication: the `$bulk-publish` manifest and NDJSON files of Location, Schedule and
 * Slot resources (FHIR R4), slots split by ISO week as the specification's examples are. Pure and
 * synchronous; `publishInWorker` runs it in a worker thread with a deadline and a heap limit.
 */
import type {
  Extension,
  Location as FhirLocation,
  Schedule as FhirSchedule,
  Slot as FhirSlot,
} from 'fhir/r4';
import { DateTime } from 'luxon';
import {
  type AppointmentType,
  type BusyEntry,
  type Diagnostic,
  generateSlots,
  type Provider,
  QUERY_LIMITS,
  type RulesDocument,
  type Slot,
  validateRules,
} from '../src/engine/index.ts';
import { readInstant } from './fhir-time.ts';
import { PUBLISH_LIMITS } from './limits.ts';
import { LocalTime } from './local-time.ts';
import { memo } from './memo.ts';
import { stableId } from './stable-id.ts';

export const SMART_EXTENSIONS = {
  bookingDeepLink: 'http://fhir-registry.smarthealthit.org/StructureDefinition/booking-deep-link',
  bookingPhone: 'http://fhir-registry.smarthealthit.org/StructureDefinition/booking-phone',
  slotCapacity: 'http://fhir-registry.smarthealthit.org/StructureDefinition/slot-capacity',
  timezone: 'http://hl7.org/fhir/StructureDefinition/timezone',
} as const;

/** The manifest's file name: consumers find the publication at `<baseUrl>/$bulk-publish`. */
export const MANIFEST_PATH = '$bulk-publish';

/**
 * Response headers for serving the files. `max-age=300` asks consumers to poll every five
 * minutes, as the specification suggests; the manifest is JSON, the rest FHIR NDJSON.
 */
export function smartHeaders(path: string): Record<string, string> {
  return {
    'Content-Type': path === MANIFEST_PATH ? 'application/json' : 'application/fhir+ndjson',
    'Cache-Control': 'max-age=300',
  };
}

export interface PublishOptions {
  /** Where the files are served, e.g. `https://clinic.example/smart` (no query, no fragment). */
  baseUrl: string;
  /** The page that embeds the widget; deep links open it on the slot's type, provider and day. Default: the root page of `baseUrl`'s site. */
  bookingUrl?: string;
  /** The clock: the first published day is its date in the clinic's zone; also `transactionTime`. */
  now: number | string;
  /** Days published, 1–366; default 28. */
  days?: number;
  /** State or jurisdiction codes for the manifest's slot outputs (`["NY"]`). */
  states?: string[];
}

export type PublishErrorCode =
  | 'INVALID_RULES'
  | 'INVALID_OPTIONS'
  | 'TOO_MANY_SLOTS'
  | 'PUBLISH_TIMEOUT'
  | 'PUBLISH_OUT_OF_MEMORY'
  | 'PUBLISH_FAILED'
  | 'PUBLISH_STOPPED';

export interface PublishCounts {
  locations: number;
  schedules: number;
  freeSlots: number;
  busySlots: number;
}

export type PublishResult =
  | {
      ok: true;
      /** File name → contents: `$bulk-publish`, `locations.ndjson`, `schedules.ndjson`, `slots-2026-W49.ndjson`… */
      files: Record<string, string>;
      counts: PublishCounts;
      /** The engine's diagnostics (a day cut at `maxSlotsPerDay`) and ids a deep link cannot carry. */
      warnings: Diagnostic[];
    }
  | { ok: false; error: { code: PublishErrorCode; message: string; errors?: Diagnostic[] } };

/** Ids and dates that the widget's fragment links (`#type=…&provider=…&date=…`) carry. */
const LINKABLE = /^[\w.-]{1,100}$/;

function fail(code: PublishErrorCode, message: string, errors?: Diagnostic[]): PublishResult {
  return { ok: false, error: { code, message, ...(errors ? { errors } : {}) } };
}

/** An absolute http(s) URL without a fragment, or `null`. */
function readUrl(text: unknown, allowQuery: boolean): URL | null {
  if (typeof text !== 'string') return null;
  try {
    const url = new URL(text);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (url.hash || (!allowQuery && url.search)) return null;
    return url;
  } catch {
    return null;
  }
}

interface Published {
  slot: FhirSlot;
  start: number;
  week: string;
  /** The schedule's position, then free before busy: the order within one start. */
  order: number;
}

class Publisher {
  readonly warnings: Diagnostic[] = [];
  readonly zones = new Map<string, string>();
  readonly locationIds = new Map<string, string>();
  readonly slots: Published[] = [];
  readonly local = new LocalTime();
  /** Each schedule's position in the Schedule file. */
  readonly scheduleOrder = new Map<string, number>();
  counts: PublishCounts = { locations: 0, schedules: 0, freeSlots: 0, busySlots: 0 };

  constructor(
    readonly rules: RulesDocument,
    readonly options: { baseUrl: string; bookingUrl: string; nowMs: number; from: string; to: string },
  ) {
    const locationZones = new Map(
      (rules.locations ?? []).map((location) => [location.id, location.timezone]),
    );
    for (const provider of rules.providers) {
      const zone =
        provider.timezone ??
        (provider.locationId ? locationZones.get(provider.locationId) : undefined) ??
        rules.timezone;
      this.zones.set(provider.id, zone);
    }
  }

  locations(): FhirLocation[] {
    const { clinic = {} } = this.rules;
    const telecom: FhirLocation['telecom'] = [];
    if (clinic.phone) telecom.push({ system: 'phone', value: clinic.phone });
    telecom.push({ system: 'url', value: clinic.website ?? this.options.bookingUrl });
    // The clinic itself (for providers with no location) is keyed "" here: no location id is empty.
    const make = (id: string, name: string, zone: string, address: string | undefined): FhirLocation => {
      const fhirId = stableId('loc', [id]);
      this.locationIds.set(id, fhirId);
      const identifier = id
        ? { system: `${this.options.baseUrl}/location-id`, value: id }
        : { system: `${this.options.baseUrl}/clinic`, value: name };
      return {
        resourceType: 'Location',
        id: fhirId,
        identifier: [identifier],
        name,
        telecom,
        ...(address ? { address: { text: address } } : {}),
        extension: [{ url: SMART_EXTENSIONS.timezone, valueCode: zone }],
      };
    };
    const list = (this.rules.locations ?? []).map((location) =>
      make(location.id, location.name, location.timezone ?? this.rules.timezone, location.address),
    );
    if (this.rules.providers.some((provider) => !provider.locationId)) {
      // Providers with no location are published at the clinic itself.
      list.push(make('', clinic.name ?? 'Clinic', this.rules.timezone, undefined));
    }
    this.counts.locations = list.length;
    return list;
  }

  deepLink(type: AppointmentType, provider: Provider, date?: string): string {
    const parts = [`type=${encodeURIComponent(type.id)}`, `provider=${encodeURIComponent(provider.id)}`];
    if (date) parts.push(`date=${date}`);
    return `${this.options.bookingUrl}#${parts.join('&')}`;
  }

  private readonly scheduleIds = new Map<AppointmentType, Map<Provider, Map<string, string>>>();
  /** Schedules of a type and provider at a location other than the provider's own (span locations). */
  readonly elsewhere: FhirSchedule[] = [];

  /**
   * A type's schedule with a provider at a location (`locationId`, from a slot's span; default
   * the provider's own): one schedule per place, so each slot is published where it takes place.
   */
  scheduleId(type: AppointmentType, provider: Provider, locationId?: string): string {
    const byProvider = memo(this.scheduleIds, type, () => new Map<Provider, Map<string, string>>());
    const byPlace = memo(byProvider, provider, () => new Map<string, string>());
    const place = locationId ?? provider.locationId ?? '';
    return memo(byPlace, place, () =>
      stableId(
        'sch',
        place === (provider.locationId ?? '') ? [type.id, provider.id] : [type.id, provider.id, place],
      ),
    );
  }

  schedule(type: AppointmentType, provider: Provider, locationId?: string): FhirSchedule {
    const place = locationId ?? provider.locationId ?? '';
    const location = this.locationIds.get(place) ?? this.locationIds.get('')!;
    const id = this.scheduleId(type, provider, locationId);
    this.scheduleOrder.set(id, this.counts.schedules++);
    return {
      resourceType: 'Schedule',
      id,
      serviceType: [
        {
          coding: [
            { system: `${this.options.baseUrl}/appointment-types`, code: type.id, display: type.name },
          ],
          text: type.name,
        },
      ],
      actor: [{ reference: `Location/${location}` }],
      comment: `${type.name} with ${provider.name}`,
      extension: [{ url: SMART_EXTENSIONS.bookingDeepLink, valueUrl: this.deepLink(type, provider) }],
    };
  }

  private addSlot(
    type: AppointmentType,
    provider: Provider,
    slot: Slot,
    status: 'free' | 'busy',
    seats: number,
    suffix: string,
  ): void {
    const zone = this.zones.get(provider.id)!;
    const schedule = this.scheduleId(type, provider, slot.locationId);
    if (!this.scheduleOrder.has(schedule))
      this.elsewhere.push(this.schedule(type, provider, slot.locationId));
    const extension: Extension[] = [];
    if (status === 'free') {
      extension.push({
        url: SMART_EXTENSIONS.bookingDeepLink,
        valueUrl: this.deepLink(type, provider, this.local.date(zone, slot.start)),
      });
      if (this.rules.clinic?.phone)
        extension.push({ url: SMART_EXTENSIONS.bookingPhone, valueString: this.rules.clinic.phone });
    }
    extension.push({ url: SMART_EXTENSIONS.slotCapacity, valueInteger: seats });
    this.slots.push({
      start: slot.start,
      order: this.scheduleOrder.get(schedule)! * 2 + (status === 'free' ? 0 : 1),
      week: this.local.week(zone, slot.start),
      slot: {
        resourceType: 'Slot',
        id: `${stableId('slot', [type.id, provider.id, String(slot.start)])}${suffix}`,
        schedule: { reference: `Schedule/${schedule}` },
        status,
        start: this.local.iso(zone, slot.start),
        end: this.local.iso(zone, slot.end),
        extension,
      },
    });
    if (status === 'free') this.counts.freeSlots++;
    else this.counts.busySlots++;
  }

  /**
   * Every slot of one type: free slots as the engine offers them (with the seats left), and busy
   * ones, the slots of the same hours that bookings take (the grid without busy entries, less the
   * free slots). A group slot partly taken is both: its free seats, and `<id>.taken` for the rest.
   */
  typeSlots(type: AppointmentType, free: Slot[], grid: Slot[]): void {
    const providers = new Map(this.rules.providers.map((provider) => [provider.id, provider]));
    const offered = new Map(free.map((slot) => [`${slot.providerId}\u0000${slot.start}`, slot]));
    const capacity = type.capacity ?? 1;
    for (const slot of grid) {
      const provider = providers.get(slot.providerId)!;
      const open = offered.get(`${slot.providerId}\u0000${slot.start}`);
      if (!open) {
        this.addSlot(type, provider, slot, 'busy', capacity, '');
        continue;
      }
      this.addSlot(type, provider, open, 'free', open.seatsLeft, '');
      if (open.seatsLeft < capacity)
        this.addSlot(type, provider, open, 'busy', capacity - open.seatsLeft, '.taken');
    }
  }
}

function ndjson(resources: readonly object[]): string {
  return resources.map((resource) => `${JSON.stringify(resource)}\n`).join('');
}

/**
 * The publication's files for `rules` with `busy` (the server's bookings, added to the document's
 * own busy entries), from `now`'s date for `days` days. Never throws.
 * @example
 * const result = publishSmart(rules, bookings, { baseUrl: 'https://clinic.example/smart', now: Date.now() });
 * if (result.ok) for (const [path, text] of Object.entries(result.files)) serve(path, text, smartHeaders(path));
 */
export function publishSmart(
  rules: RulesDocument,
  busy: readonly BusyEntry[],
  options: PublishOptions,
): PublishResult {
  const base = readUrl(options.baseUrl, false);
  if (!base)
    return fail('INVALID_OPTIONS', '"baseUrl" must be an absolute http(s) URL with no query or fragment.');
  const booking = options.bookingUrl === undefined ? null : readUrl(options.bookingUrl, true);
  if (options.bookingUrl !== undefined && !booking) {
    return fail(
      'INVALID_OPTIONS',
      '"bookingUrl" must be an absolute http(s) URL with no fragment: the deep link adds one.',
    );
  }
  const nowMs = typeof options.now === 'number' ? options.now : readInstant(options.now);
  if (nowMs === null || !Number.isFinite(nowMs))
    return fail('INVALID_OPTIONS', '"now" must be epoch ms or an instant with an offset.');
  const days = options.days ?? PUBLISH_LIMITS.defaultDays;
  if (!Number.isInteger(days) || days < 1 || days > PUBLISH_LIMITS.maxDays) {
    return fail('INVALID_OPTIONS', `"days" must be a whole number from 1 to ${PUBLISH_LIMITS.maxDays}.`);
  }
  const withBusy = { ...rules, busy: [...(rules.busy ?? []), ...busy] };
  const validation = validateRules(withBusy);
  if (!validation.ok) {
    return fail(
      'INVALID_RULES',
      `The rules have ${validation.errors.length} error(s); the first: ${validation.errors[0]?.message ?? ''}`,
      validation.errors,
    );
  }
  const baseUrl = base.href.replace(/\/+$/, '');
  const first = DateTime.fromMillis(nowMs, { zone: rules.timezone });
  const publisher = new Publisher(withBusy, {
    baseUrl,
    bookingUrl: booking?.href ?? new URL('/', base).href,
    nowMs,
    from: first.toISODate()!,
    to: first.plus({ days: days - 1 }).toISODate()!,
  });
  const locations = publisher.locations();
  const schedules: FhirSchedule[] = [];
  const grid = { ...rules, busy: [] };
  const providers = new Map(rules.providers.map((provider) => [provider.id, provider]));
  for (const type of rules.appointmentTypes) {
    for (const id of type.providerIds) {
      const provider = providers.get(id)!;
      schedules.push(publisher.schedule(type, provider));
      if (!LINKABLE.test(id)) {
        publisher.warnings.push({
          code: 'ID_NOT_LINKABLE',
          path: `/providers/${rules.providers.indexOf(provider)}/id`,
          message: `The provider id "${id.slice(0, 100)}" has characters a booking link cannot carry: its links open the widget without choosing the provider.`,
        });
      }
    }
    if (!LINKABLE.test(type.id)) {
      publisher.warnings.push({
        code: 'ID_NOT_LINKABLE',
        path: `/appointmentTypes/${rules.appointmentTypes.indexOf(type)}/id`,
        message: `The appointment type id "${type.id.slice(0, 100)}" has characters a booking link cannot carry.`,
      });
    }
    if (type.providerIds.length === 0) continue;
    const query = {
      appointmentTypeId: type.id,
      from: publisher.options.from,
      to: publisher.options.to,
      now: nowMs,
      maxSlots: QUERY_LIMITS.maxSlotsCeiling,
    };
    const free = generateSlots(withBusy, query);
    const all = generateSlots(grid, query);
    if (!free.ok || !all.ok) {
      const errors = (!free.ok ? free.errors : []).concat(!all.ok ? all.errors : []);
      return fail('INVALID_RULES', errors[0]?.message ?? 'The slots could not be computed.', errors);
    }
    if (free.truncated || all.truncated) {
      return fail(
        'TOO_MANY_SLOTS',
        `"${type.name}" has more than ${QUERY_LIMITS.maxSlotsCeiling.toLocaleString('en-US')} slots in ${days} days; publish fewer days.`,
      );
    }
    publisher.warnings.push(...free.diagnostics);
    publisher.typeSlots(type, free.slots, all.slots);
    if (publisher.slots.length > PUBLISH_LIMITS.maxSlots) {
      return fail(
        'TOO_MANY_SLOTS',
        `The publication would hold more than ${PUBLISH_LIMITS.maxSlots.toLocaleString('en-US')} slots; publish fewer days.`,
      );
    }
  }
  const weeks = new Map<string, FhirSlot[]>();
  const ordered = publisher.slots.sort((a, b) => a.start - b.start || a.order - b.order);
  for (const { week, slot } of ordered) {
    const list = weeks.get(week) ?? [];
    list.push(slot);
    weeks.set(week, list);
  }
  const files: Record<string, string> = {};
  const output: Array<{ type: string; url: string; extension?: { state: string[] } }> = [
    { type: 'Location', url: `${baseUrl}/locations.ndjson` },
    { type: 'Schedule', url: `${baseUrl}/schedules.ndjson` },
  ];
  files['locations.ndjson'] = ndjson(locations);
  files['schedules.ndjson'] = ndjson([...schedules, ...publisher.elsewhere]);
  for (const week of [...weeks.keys()].sort()) {
    const path = `slots-${week}.ndjson`;
    files[path] = ndjson(weeks.get(week)!);
    output.push({
      type: 'Slot',
      url: `${baseUrl}/${path}`,
      ...(options.states?.length ? { extension: { state: [...options.states] } } : {}),
    });
  }
  const manifest = {
    transactionTime: DateTime.fromMillis(nowMs, { zone: 'utc' }).toISO()!,
    request: `${baseUrl}/${MANIFEST_PATH}`,
    output,
    error: [],
  };
  files[MANIFEST_PATH] = `${JSON.stringify(manifest, null, 2)}\n`;
  return { ok: true, files, counts: publisher.counts, warnings: publisher.warnings };
}
