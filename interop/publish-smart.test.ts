import { readdirSync, readFileSync } from 'node:fs';
import type { Location as FhirLocation, Slot as FhirSlot } from 'fhir/r4';
import { describe, expect, it } from 'vitest';
import type { RulesDocument } from '../src/engine/index.ts';
import { linkChoice } from '../src/widget/link.ts';
import { checkManifest, checkResource, ndjsonLines } from '../test/support/fhir-schema.ts';
import { MANIFEST_PATH, publishSmart, SMART_EXTENSIONS, smartHeaders } from './publish-smart.ts';

const NOW = '2026-11-30T12:00:00Z'; // a Monday, 07:00 in New York
const BASE = 'https://clinic.example/smart';

const RULES: RulesDocument = {
  version: 1,
  timezone: 'America/New_York',
  clinic: { name: 'Riverside', phone: '+1 555 0100' },
  locations: [{ id: 'main', name: 'Main St', address: '1 Main St' }],
  providers: [
    {
      id: 'lee',
      name: 'Dr. Ana Lee',
      locationId: 'main',
      weekly: { mon: [{ start: '09:00', end: '10:00' }] },
    },
    {
      id: 'kim',
      name: 'Dr. Sam Kim',
      timezone: 'America/Los_Angeles',
      weekly: { sun: [{ start: '20:00', end: '21:00' }] },
    },
  ],
  appointmentTypes: [
    { id: 'checkup', name: 'Checkup', providerIds: ['lee', 'kim'], durationMinutes: 30 },
    { id: 'class', name: 'Diabetes class', providerIds: ['lee'], durationMinutes: 60, capacity: 8 },
  ],
};
const BUSY = [
  {
    providerId: 'lee',
    start: '2026-11-30T14:30:00Z',
    end: '2026-11-30T15:00:00Z',
    appointmentTypeId: 'checkup',
  },
  {
    providerId: 'lee',
    start: '2026-12-07T14:00:00Z',
    end: '2026-12-07T15:00:00Z',
    appointmentTypeId: 'class',
    seats: 3,
  },
];

function published(rules: RulesDocument = RULES, busy = BUSY, days = 14) {
  const result = publishSmart(rules, busy, { baseUrl: BASE, now: NOW, days });
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

const slotsOf = (files: Record<string, string>) =>
  Object.keys(files)
    .filter((path) => path.startsWith('slots-'))
    .flatMap((path) => ndjsonLines(files[path]!)) as FhirSlot[];

describe('the FHIR R4 schema of the tests', () => {
  const examples = new URL('../test/fixtures/smart-scheduling-links/', import.meta.url);
  it("accepts every resource and the manifest of the specification's own examples", () => {
    for (const name of readdirSync(examples).filter((file) => file.endsWith('.ndjson'))) {
      for (const resource of ndjsonLines(readFileSync(new URL(name, examples), 'utf8'))) {
        expect(checkResource(resource), `${name}: ${JSON.stringify(checkResource.errors)}`).toBe(true);
      }
    }
    expect(checkManifest(JSON.parse(readFileSync(new URL('$bulk-publish', examples), 'utf8')))).toBe(true);
  });

  it.each([
    ['an unknown status', { status: 'open' }],
    ['an id of 65 characters', { id: 'x'.repeat(65) }],
    ['a start without an offset', { start: '2026-12-01T09:00:00' }],
    ['an unknown element', { colour: 'blue' }],
  ])('refuses a Slot with %s', (_, change) => {
    const slot = {
      resourceType: 'Slot',
      schedule: { reference: 'Schedule/1' },
      status: 'free',
      start: '2026-12-01T09:00:00Z',
      end: '2026-12-01T09:30:00Z',
    };
    expect(checkResource(slot)).toBe(true);
    expect(checkResource({ ...slot, ...change })).toBe(false);
  });
});

describe('publishSmart', () => {
  const result = published();

  it('writes a manifest, Location and Schedule files and one Slot file per ISO week', () => {
    expect(Object.keys(result.files).sort()).toEqual([
      MANIFEST_PATH,
      'locations.ndjson',
      'schedules.ndjson',
      'slots-2026-W49.ndjson',
      'slots-2026-W50.ndjson',
    ]);
    expect(JSON.parse(result.files[MANIFEST_PATH]!)).toEqual({
      transactionTime: '2026-11-30T12:00:00.000Z',
      request: `${BASE}/$bulk-publish`,
      output: [
        { type: 'Location', url: `${BASE}/locations.ndjson` },
        { type: 'Schedule', url: `${BASE}/schedules.ndjson` },
        { type: 'Slot', url: `${BASE}/slots-2026-W49.ndjson` },
        { type: 'Slot', url: `${BASE}/slots-2026-W50.ndjson` },
      ],
      error: [],
    });
    // On 7 December the class's booking also blocks Dr. Lee's checkups: a provider is busy for every type.
    expect(result.counts).toEqual({ locations: 2, schedules: 3, freeSlots: 6, busySlots: 5 });
  });

  it('writes only resources that match the FHIR R4 JSON shape, and a valid manifest', () => {
    for (const [path, text] of Object.entries(result.files)) {
      if (path === MANIFEST_PATH) {
        expect(checkManifest(JSON.parse(text))).toBe(true);
        continue;
      }
      for (const resource of ndjsonLines(text)) {
        expect(checkResource(resource), `${path}: ${JSON.stringify(checkResource.errors)}`).toBe(true);
      }
    }
  });

  it('writes a free slot with the zone offset, a deep link, the booking phone and its capacity', () => {
    const first = slotsOf(result.files)[0]!;
    expect(first).toEqual({
      resourceType: 'Slot',
      id: expect.stringMatching(/^slot-[0-9a-f]{16}$/),
      schedule: { reference: expect.stringMatching(/^Schedule\/sch-[0-9a-f]{16}$/) },
      status: 'free',
      start: '2026-11-30T09:00:00.000-05:00',
      end: '2026-11-30T09:30:00.000-05:00',
      extension: [
        {
          url: SMART_EXTENSIONS.bookingDeepLink,
          valueUrl: 'https://clinic.example/#type=checkup&provider=lee&date=2026-11-30',
        },
        { url: SMART_EXTENSIONS.bookingPhone, valueString: '+1 555 0100' },
        { url: SMART_EXTENSIONS.slotCapacity, valueInteger: 1 },
      ],
    });
  });

  it('publishes a booked slot as busy, with no booking link', () => {
    const busy = slotsOf(result.files).filter((slot) => slot.start === '2026-11-30T09:30:00.000-05:00');
    expect(busy.map((slot) => [slot.status, slot.extension])).toEqual([
      ['busy', [{ url: SMART_EXTENSIONS.slotCapacity, valueInteger: 1 }]],
    ]);
  });

  it('splits a partly booked group slot into its free seats and its taken seats', () => {
    const group = slotsOf(result.files).filter(
      (slot) => slot.start === '2026-12-07T09:00:00.000-05:00' && slot.end.startsWith('2026-12-07T10:00'),
    );
    expect(
      group.map((slot) => [slot.status, slot.id?.endsWith('.taken'), slot.extension?.at(-1)?.valueInteger]),
    ).toEqual([
      ['free', false, 5],
      ['busy', true, 3],
    ]);
  });

  it("files a slot under the ISO week of its provider's own date", () => {
    // Sunday 6 December 20:00 in Los Angeles is Monday 04:00 UTC, still week 49 where the provider is.
    const week49 = ndjsonLines(result.files['slots-2026-W49.ndjson']!) as FhirSlot[];
    expect(week49.filter((slot) => slot.start.endsWith('-08:00')).map((slot) => slot.start)).toEqual([
      '2026-12-06T20:00:00.000-08:00',
      '2026-12-06T20:30:00.000-08:00',
    ]);
  });

  it('keeps every id across runs and days published, at most 64 characters', () => {
    const later = publishSmart(RULES, BUSY, { baseUrl: BASE, now: '2026-12-01T12:00:00Z', days: 13 });
    if (!later.ok) throw new Error(later.error.message);
    const key = (slot: FhirSlot) => `${slot.schedule.reference} ${slot.start} ${slot.status}`;
    const ids = new Map(slotsOf(result.files).map((slot) => [key(slot), slot.id]));
    const again = slotsOf(later.files);
    expect(again.length).toBe(8);
    for (const slot of again) expect(slot.id).toBe(ids.get(key(slot)));
    expect(later.files['schedules.ndjson']).toBe(result.files['schedules.ndjson']);
    for (const slot of slotsOf(result.files)) expect(slot.id?.length).toBeLessThanOrEqual(64);
  });

  it('gives deep links that still open the widget on the slot once a consumer adds source and booking-referral', () => {
    const link = new URL(slotsOf(result.files)[0]!.extension![0]!.valueUrl!);
    link.searchParams.append('source', 'source-abc');
    link.searchParams.append('booking-referral', '34d1a803-cd6c-4420-9cf5-c5edcc533538');
    expect(link.href).toBe(
      'https://clinic.example/?source=source-abc&booking-referral=34d1a803-cd6c-4420-9cf5-c5edcc533538#type=checkup&provider=lee&date=2026-11-30',
    );
    expect(linkChoice(link.hash)).toEqual({
      appointmentTypeId: 'checkup',
      providerId: 'lee',
      date: '2026-11-30',
    });
  });

  it('publishes providers without a location at the clinic, with its zone', () => {
    const locations = ndjsonLines(result.files['locations.ndjson']!) as FhirLocation[];
    expect(
      locations.map((location) => [location.name, location.extension?.[0]?.valueCode, location.telecom]),
    ).toEqual([
      [
        'Main St',
        'America/New_York',
        [
          { system: 'phone', value: '+1 555 0100' },
          { system: 'url', value: 'https://clinic.example/' },
        ],
      ],
      [
        'Riverside',
        'America/New_York',
        [
          { system: 'phone', value: '+1 555 0100' },
          { system: 'url', value: 'https://clinic.example/' },
        ],
      ],
    ]);
  });

  it('publishes a slot under the schedule of its span’s location (span locations)', () => {
    const rules: RulesDocument = {
      ...RULES,
      version: 2,
      requires: ['span-locations'],
      locations: [...RULES.locations!, { id: 'north', name: 'North Clinic' }],
      providers: [
        {
          ...RULES.providers[0]!,
          weekly: {
            mon: [
              { start: '09:00', end: '10:00' },
              { start: '10:00', end: '11:00', locationId: 'north' },
            ],
          },
        },
        RULES.providers[1]!,
      ],
    };
    const { files } = published(rules, [], 7);
    const schedules = ndjsonLines(files['schedules.ndjson']!) as Array<{
      id: string;
      actor: Array<{ reference: string }>;
      serviceType: Array<{ text: string }>;
    }>;
    const locations = new Map(
      (ndjsonLines(files['locations.ndjson']!) as FhirLocation[]).map((location) => [
        `Location/${location.id}`,
        location.name,
      ]),
    );
    const placeOf = new Map(
      schedules.map((schedule) => [`Schedule/${schedule.id}`, locations.get(schedule.actor[0]!.reference)]),
    );
    const checkups = slotsOf(files)
      .filter(
        (slot) =>
          schedules.find((s) => `Schedule/${s.id}` === slot.schedule.reference)?.serviceType[0]?.text ===
          'Checkup',
      )
      .filter((slot) => slot.start.startsWith('2026-11-30'))
      .map((slot) => `${slot.start} ${placeOf.get(slot.schedule.reference ?? '')}`);
    expect(checkups).toEqual([
      '2026-11-30T09:00:00.000-05:00 Main St',
      '2026-11-30T09:30:00.000-05:00 Main St',
      '2026-11-30T10:00:00.000-05:00 North Clinic',
      '2026-11-30T10:30:00.000-05:00 North Clinic',
    ]);
    // The provider's own schedule keeps its id of version 1.
    expect(schedules.map((schedule) => schedule.id)).toEqual(
      expect.arrayContaining(
        (ndjsonLines(published().files['schedules.ndjson']!) as Array<{ id: string }>).map((s) => s.id),
      ),
    );
  });

  it('says how the files should be served', () => {
    expect(smartHeaders(MANIFEST_PATH)).toEqual({
      'Content-Type': 'application/json',
      'Cache-Control': 'max-age=300',
    });
    expect(smartHeaders('slots-2026-W49.ndjson')).toEqual({
      'Content-Type': 'application/fhir+ndjson',
      'Cache-Control': 'max-age=300',
    });
  });
});

describe('publishSmart: refusals', () => {
  it.each([
    [{ baseUrl: 'clinic.example' }, '"baseUrl" must be an absolute http(s) URL with no query or fragment.'],
    [
      { bookingUrl: 'https://clinic.example/#book' },
      '"bookingUrl" must be an absolute http(s) URL with no fragment: the deep link adds one.',
    ],
    [{ days: 367 }, '"days" must be a whole number from 1 to 366.'],
    [{ now: '2026-11-30T12:00:00' }, '"now" must be epoch ms or an instant with an offset.'],
  ])('refuses the options %j', (change, message) => {
    expect(publishSmart(RULES, [], { baseUrl: BASE, now: NOW, ...change })).toEqual({
      ok: false,
      error: { code: 'INVALID_OPTIONS', message },
    });
  });

  it('refuses rules the validator refuses, with its errors', () => {
    const result = publishSmart({ ...RULES, timezone: 'Mars/Olympus' }, [], { baseUrl: BASE, now: NOW });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_RULES', errors: [{ code: 'INVALID_TIMEZONE', path: '/timezone' }] },
    });
  });

  it('refuses a publication past the slot ceiling rather than publish part of it', () => {
    const everyMinute: RulesDocument = {
      version: 1,
      timezone: 'UTC',
      providers: [
        {
          id: 'p',
          name: 'P',
          weekly: Object.fromEntries(
            ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [
              d,
              [{ start: '00:00', end: '24:00' }],
            ]),
          ),
        },
      ],
      appointmentTypes: [{ id: 't', name: 'T', providerIds: ['p'], durationMinutes: 1 }],
      limits: { maxSlotsPerDay: 1440 },
    };
    expect(publishSmart(everyMinute, [], { baseUrl: BASE, now: NOW, days: 366 })).toEqual({
      ok: false,
      error: {
        code: 'TOO_MANY_SLOTS',
        message: '"T" has more than 200,000 slots in 366 days; publish fewer days.',
      },
    });
  });
});
