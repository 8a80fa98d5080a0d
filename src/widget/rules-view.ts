/**
 * Reads the plain data of a rules document the widget needs to draw its choices (types,
 * providers, locations, the clinic's phone and zones). Defensive on purpose: in preview mode the
 * document is an admin's draft, and a malformed draft must give a message, not a crash.
 */
import type {
  AppointmentType,
  ClinicInfo,
  Location,
  Provider,
  RulesDocument,
  Slot,
  TimeSpan,
} from '../engine/types.ts';

export interface RulesView {
  doc: RulesDocument;
  timezone: string;
  clinic: ClinicInfo;
  types: AppointmentType[];
  providers: Provider[];
  locations: Location[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasIdAndName(value: unknown): boolean {
  return isRecord(value) && typeof value.id === 'string' && typeof value.name === 'string';
}

/** The document as a view, or `null` when it lacks the shape needed to draw any choice. */
export function readRules(value: unknown): RulesView | null {
  if (!isRecord(value) || typeof value.timezone !== 'string') return null;
  if (!Array.isArray(value.providers) || !Array.isArray(value.appointmentTypes)) return null;
  const doc = value as unknown as RulesDocument;
  const types = doc.appointmentTypes.filter(
    (type) =>
      hasIdAndName(type) && Array.isArray(type.providerIds) && typeof type.durationMinutes === 'number',
  );
  return {
    doc,
    timezone: doc.timezone,
    clinic: isRecord(doc.clinic) ? doc.clinic : {},
    types,
    providers: doc.providers.filter(hasIdAndName),
    locations: Array.isArray(doc.locations) ? doc.locations.filter(hasIdAndName) : [],
  };
}

export function findType(view: RulesView, id: string | null): AppointmentType | undefined {
  return id === null ? undefined : view.types.find((type) => type.id === id);
}

export function findProvider(view: RulesView, id: string | null): Provider | undefined {
  return id === null ? undefined : view.providers.find((provider) => provider.id === id);
}

/** The providers that offer a type, in the type's order. */
export function providersFor(view: RulesView, type: AppointmentType | undefined): Provider[] {
  if (!type) return [];
  const out: Provider[] = [];
  for (const id of type.providerIds) {
    const provider = findProvider(view, id);
    if (provider) out.push(provider);
  }
  return out;
}

/** A provider's location, when it has one. */
export function locationOf(view: RulesView, provider: Provider | undefined): Location | undefined {
  return provider?.locationId === undefined
    ? undefined
    : view.locations.find((location) => location.id === provider.locationId);
}

/** The location of a slot: its own (span locations), else its provider's. */
export function slotLocation(
  view: RulesView,
  slot: Pick<Slot, 'providerId' | 'locationId'>,
): Location | undefined {
  const id = slot.locationId ?? findProvider(view, slot.providerId)?.locationId;
  return id === undefined ? undefined : view.locations.find((location) => location.id === id);
}

/** The slots at location `place`; all of them when `place` is `null`. */
export function slotsAt<T extends Pick<Slot, 'providerId' | 'locationId'>>(
  view: RulesView | null,
  slots: T[],
  place: string | null,
): T[] {
  if (place === null || view === null) return slots;
  return slots.filter((slot) => slotLocation(view, slot)?.id === place);
}

/**
 * The locations where a type can take place, in the document's order: its providers' own and,
 * when the document places spans (`span-locations`), those their hours name. A video type has none.
 */
export function locationsFor(view: RulesView, type: AppointmentType | undefined): Location[] {
  if (!type || type.mode === 'video') return [];
  const used = new Set<string>();
  const placed =
    view.doc.version === 2 &&
    Array.isArray(view.doc.requires) &&
    view.doc.requires.includes('span-locations');
  const addSpans = (spans: unknown) => {
    if (!Array.isArray(spans)) return;
    for (const span of spans as TimeSpan[])
      if (typeof span?.locationId === 'string') used.add(span.locationId);
  };
  for (const provider of providersFor(view, type)) {
    if (provider.locationId !== undefined) used.add(provider.locationId);
    if (!placed) continue;
    for (const spans of Object.values(provider.weekly ?? {})) addSpans(spans);
    for (const override of Array.isArray(provider.overrides) ? provider.overrides : [])
      addSpans(override?.hours);
  }
  return view.locations.filter((location) => used.has(location.id));
}

/** A provider's wall-clock zone: its own, else its location's, else the document's. */
export function providerZone(view: RulesView, provider: Provider | undefined): string {
  return provider?.timezone ?? locationOf(view, provider)?.timezone ?? view.timezone;
}

/**
 * The clinic's zone for a choice: the provider's when one is chosen; for "any available", the
 * zone all of the type's providers share, else the document's.
 */
export function clinicZoneFor(
  view: RulesView,
  type: AppointmentType | undefined,
  providerId: string | null,
): string {
  if (providerId !== null) return providerZone(view, findProvider(view, providerId));
  const zones = new Set(providersFor(view, type).map((provider) => providerZone(view, provider)));
  const [only] = zones;
  return zones.size === 1 && only !== undefined ? only : view.timezone;
}

export type PatientFilter = 'all' | 'new' | 'existing';

/** The types a patient of that kind can book (a type for `any` shows under every filter). */
export function typesForFilter(view: RulesView, filter: PatientFilter): AppointmentType[] {
  if (filter === 'all') return view.types;
  return view.types.filter((type) => (type.patients ?? 'any') === 'any' || type.patients === filter);
}
