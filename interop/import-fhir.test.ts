import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { busySlotsNdjson } from '../bench/fhir-clinic.ts';
import { importFhir } from './import-fhir.ts';
import { IMPORT_LIMITS } from './limits.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../test/fixtures/fhir/${name}`, import.meta.url), 'utf8');
const BUNDLE = fixture('riverside-r4-bundle.json');
const MAPPING = JSON.parse(fixture('riverside-mapping.json'));
const NOW = '2026-11-23T12:00:00Z';

function imported(text: string, mapping: unknown = MAPPING) {
  const result = importFhir(text, mapping, { now: NOW });
  if (!result.ok) throw new Error(result.error.message);
  return result;
}

const MINIMAL = { timezone: 'America/New_York', providers: 'all', appointmentTypes: [] };
const role = (fields: Record<string, unknown>) =>
  JSON.stringify({
    resourceType: 'PractitionerRole',
    id: 'r1',
    practitioner: { display: 'Dr One' },
    ...fields,
  });

describe('importFhir: the Riverside R4 export', () => {
  const result = imported(BUNDLE);
  const provider = (id: string) => result.rules.providers.find((p) => p.id === id)!;

  it('gives a valid rules document with no errors or warnings from the validator', () => {
    expect(result.validation).toEqual({ ok: true, errors: [], warnings: [] });
  });

  it('reads availableTime as weekly hours in HH:mm', () => {
    expect(provider('dr-adam').weekly).toEqual({
      mon: [{ start: '09:00', end: '16:30' }],
      tue: [{ start: '09:00', end: '16:30' }],
      wed: [{ start: '09:00', end: '16:30' }],
      thu: [{ start: '09:00', end: '12:00' }],
      fri: [{ start: '09:00', end: '12:00' }],
    });
  });

  it('reads a date-only notAvailable in the provider zone, its end date included', () => {
    expect(provider('dr-adam').timeOff).toEqual([
      { start: '2027-05-01T04:00:00Z', end: '2027-05-21T04:00:00Z' },
    ]);
  });

  it('keeps a notAvailable across the March DST change to the real instants (CST start, CDT end)', () => {
    expect(provider('dr-kim').timeOff).toEqual([
      { start: '2027-03-13T06:00:00Z', end: '2027-03-16T05:00:00Z' },
    ]);
  });

  it('turns a description-only notAvailable into the closed dates the mapping gives', () => {
    expect(provider('dr-adam').overrides).toEqual([
      { date: '2026-12-25', hours: [] },
      { date: '2027-01-01', hours: [] },
    ]);
  });

  it("keeps the role's own timezone extension when its location is in another zone", () => {
    expect(provider('dr-kim')).toMatchObject({ timezone: 'America/Chicago', locationId: 'main' });
    expect(result.rules.locations).toEqual([
      {
        id: 'main',
        name: 'Riverside Main St',
        timezone: 'America/New_York',
        address: '1 Main St, Riverside, NY, 10001',
      },
    ]);
  });

  it('counts a duplicate day once and reads an end of 24:00:00 as the end of the day', () => {
    expect(provider('dr-kim').weekly).toEqual({
      mon: [{ start: '10:00', end: '15:00' }],
      tue: [{ start: '10:00', end: '15:00' }],
      sat: [{ start: '18:00', end: '24:00' }],
    });
    expect(result.problems).toContainEqual({
      code: 'DUPLICATE_DAY',
      severity: 'warning',
      resource: 'PractitionerRole/pr-kim',
      field: 'availableTime[0].daysOfWeek[1]',
      message: '"mon" is listed twice; it counts once.',
    });
  });

  it('reports a role with no availableTime at the role, and keeps the provider without hours', () => {
    expect(provider('dr-empty').weekly).toEqual({});
    expect(result.problems).toContainEqual({
      code: 'NO_HOURS',
      severity: 'warning',
      resource: 'PractitionerRole/pr-empty',
      field: 'availableTime',
      message:
        'PractitionerRole/pr-empty has no availableTime (looked in: role); its provider has no weekly hours.',
    });
  });

  it('takes busy slots (busy, busy-tentative, through an absolute _history reference) and booked appointments as busy time', () => {
    expect(result.busy).toEqual([
      {
        providerId: 'dr-adam',
        start: '2026-12-01T14:00:00Z',
        end: '2026-12-01T14:30:00Z',
        appointmentTypeId: 'gp',
      },
      {
        providerId: 'dr-adam',
        start: '2026-12-02T14:00:00Z',
        end: '2026-12-02T14:30:00Z',
        appointmentTypeId: 'gp',
      },
      {
        providerId: 'dr-adam',
        start: '2026-12-07T15:00:00Z',
        end: '2026-12-07T15:30:00Z',
        appointmentTypeId: 'gp',
      },
    ]);
  });

  it('derives who offers a service type from HealthcareService links and schedules', () => {
    expect(result.rules.appointmentTypes).toEqual([
      {
        id: 'gp',
        name: 'General practice visit',
        durationMinutes: 30,
        stepMinutes: 30,
        providerIds: ['dr-adam'],
      },
      {
        id: 'video',
        name: 'Video consultation',
        durationMinutes: 20,
        mode: 'video',
        providerIds: ['dr-kim'],
      },
    ]);
  });

  it('lists references to resources not in the input as located problems', () => {
    expect(
      result.problems.filter((p) => p.code === 'UNKNOWN_REFERENCE').map((p) => [p.resource, p.field]),
    ).toEqual([
      ['Slot/slot-orphan', 'schedule'],
      ['Appointment/appt-ghost', 'participant'],
    ]);
  });

  it('counts every skip by reason, naming a patient only by resource type', () => {
    expect(result.skipped).toEqual([
      { reason: 'search-outcome', count: 1, examples: ['entry 19'] },
      { reason: 'unsupported-type', count: 1, examples: ['Patient'] },
      { reason: 'role-not-mapped', count: 1, examples: ['PractitionerRole/pr-unmapped'] },
      { reason: 'free-slot', count: 1, examples: ['Slot/slot-free'] },
      { reason: 'not-busy-status', count: 2, examples: ['Slot/slot-error', 'Appointment/appt-cancelled'] },
      { reason: 'unknown-reference', count: 2, examples: ['Slot/slot-orphan', 'Appointment/appt-ghost'] },
      { reason: 'ended-before-now', count: 1, examples: ['Appointment/appt-past'] },
    ]);
    expect(JSON.stringify(result)).not.toMatch(/Peter|1970|Patient\/p1/);
  });
});

describe('importFhir: times of day and periods', () => {
  it('reads allDay as 00:00-24:00', () => {
    const result = imported(role({ availableTime: [{ daysOfWeek: ['wed'], allDay: true }] }), MINIMAL);
    expect(result.rules.providers[0]!.weekly).toEqual({ wed: [{ start: '00:00', end: '24:00' }] });
  });

  it.each([
    [{ availableStartTime: '09:00:00' }, 'MISSING_TIME', 'availableTime[0].availableEndTime'],
    [
      { availableStartTime: '08:30:00', availableEndTime: '05:30:00' },
      'END_BEFORE_START',
      'availableTime[0]',
    ],
    [
      { availableStartTime: '24:00:00', availableEndTime: '24:00:00' },
      'INVALID_TIME',
      'availableTime[0].availableStartTime',
    ],
    [
      { availableStartTime: '09:00:30', availableEndTime: '12:00:00' },
      'INVALID_TIME',
      'availableTime[0].availableStartTime',
    ],
  ])('refuses %j as %s at its field, importing nothing for it', (times, code, field) => {
    const result = imported(role({ availableTime: [{ daysOfWeek: ['mon'], ...times }] }), MINIMAL);
    expect(result.rules.providers[0]!.weekly).toEqual({});
    expect(result.problems[0]).toMatchObject({
      code,
      severity: 'error',
      resource: 'PractitionerRole/r1',
      field,
    });
  });

  it('cuts a during of 500 years to the import window, with a warning', () => {
    const during = { start: '2026-12-01T00:00:00-05:00', end: '2526-12-01T00:00:00-05:00' };
    const result = imported(role({ notAvailable: [{ description: 'Sabbatical', during }] }), MINIMAL);
    expect(result.rules.providers[0]!.timeOff).toEqual([
      { start: '2026-12-01T05:00:00Z', end: '2027-11-24T12:00:00Z' },
    ]);
    expect(result.problems.find((p) => p.code === 'PERIOD_CLAMPED')).toMatchObject({
      code: 'PERIOD_CLAMPED',
      field: 'notAvailable[0].during',
    });
  });

  it('reports a description-only notAvailable the mapping does not explain', () => {
    const result = imported(role({ notAvailable: [{ description: 'Ask reception' }] }), MINIMAL);
    expect(result.problems.find((p) => p.code !== 'NO_HOURS')).toEqual({
      code: 'UNMAPPED_NOT_AVAILABLE',
      severity: 'error',
      resource: 'PractitionerRole/r1',
      field: 'notAvailable[0].description',
      message:
        'PractitionerRole/r1 notAvailable[0] says only "Ask reception", with no dates; say what it means in the mapping\'s "notAvailableDescriptions".',
    });
  });

  it('reads the R5 Availability data type (availability[].availableTime, notAvailableTime)', () => {
    const availability = [
      {
        availableTime: [
          { daysOfWeek: ['mon'], availableStartTime: '08:00:00', availableEndTime: '12:00:00' },
        ],
        notAvailableTime: [
          {
            description: 'Conference',
            during: { start: '2026-12-07T00:00:00-05:00', end: '2026-12-09T00:00:00-05:00' },
          },
        ],
      },
    ];
    const provider = imported(role({ availability }), MINIMAL).rules.providers[0]!;
    expect(provider.weekly).toEqual({ mon: [{ start: '08:00', end: '12:00' }] });
    expect(provider.timeOff).toEqual([{ start: '2026-12-07T05:00:00Z', end: '2026-12-09T05:00:00Z' }]);
  });

  it('falls back to the HealthcareService and then the Location hours when the mapping says so', () => {
    const text = [
      role({
        healthcareService: [{ reference: 'HealthcareService/hs' }],
        location: [{ reference: 'Location/l' }],
      }),
      JSON.stringify({ resourceType: 'HealthcareService', id: 'hs' }),
      JSON.stringify({
        resourceType: 'Location',
        id: 'l',
        name: 'Lakeside',
        extension: [
          { url: 'http://hl7.org/fhir/StructureDefinition/timezone', valueCode: 'America/Chicago' },
        ],
        hoursOfOperation: [
          {
            availableTime: [
              { daysOfWeek: ['fri'], availableStartTime: '07:00:00', availableEndTime: '11:00:00' },
            ],
          },
        ],
      }),
    ].join('\n');
    const result = imported(text, { ...MINIMAL, hoursFrom: ['role', 'healthcareService', 'location'] });
    expect(result.rules.providers[0]).toMatchObject({
      locationId: 'l',
      weekly: { fri: [{ start: '07:00', end: '11:00' }] },
    });
    expect(result.rules.locations).toEqual([{ id: 'l', name: 'Lakeside', timezone: 'America/Chicago' }]);
  });

  it('reads free slots as the hours of their dates when the mapping says so', () => {
    const text = [
      role({}),
      JSON.stringify({ resourceType: 'Schedule', id: 's', actor: [{ reference: 'PractitionerRole/r1' }] }),
      ...[
        ['09:00', '09:30'],
        ['09:30', '10:00'],
        ['11:00', '11:30'],
      ].map(([start, end], i) =>
        JSON.stringify({
          resourceType: 'Slot',
          id: `f${i}`,
          schedule: { reference: 'Schedule/s' },
          status: 'free',
          start: `2026-12-03T${start}:00-05:00`,
          end: `2026-12-03T${end}:00-05:00`,
        }),
      ),
    ].join('\n');
    const provider = imported(text, { ...MINIMAL, freeSlots: 'hours' }).rules.providers[0]!;
    expect(provider.overrides).toEqual([
      {
        date: '2026-12-03',
        hours: [
          { start: '09:00', end: '10:00' },
          { start: '11:00', end: '11:30' },
        ],
      },
    ]);
  });

  it('takes every busy Slot status and every attended Appointment status as busy time, and skips the rest', () => {
    const slotStatuses = ['busy', 'busy-unavailable', 'busy-tentative', 'free', 'entered-in-error'];
    const appointmentStatuses = [
      'booked',
      'arrived',
      'fulfilled',
      'checked-in',
      'proposed',
      'pending',
      'cancelled',
      'noshow',
      'entered-in-error',
      'waitlist',
    ];
    const hour = (index: number) => ({
      start: new Date(Date.parse('2026-12-01T14:00:00Z') + index * 3_600_000).toISOString(),
      end: new Date(Date.parse('2026-12-01T14:30:00Z') + index * 3_600_000).toISOString(),
    });
    const text = [
      role({}),
      JSON.stringify({ resourceType: 'Schedule', id: 's', actor: [{ reference: 'PractitionerRole/r1' }] }),
      ...slotStatuses.map((status, index) =>
        JSON.stringify({
          resourceType: 'Slot',
          id: `slot-${status}`,
          schedule: { reference: 'Schedule/s' },
          status,
          ...hour(index),
        }),
      ),
      ...appointmentStatuses.map((status, index) =>
        JSON.stringify({
          resourceType: 'Appointment',
          id: `appt-${status}`,
          status,
          participant: [{ actor: { reference: 'PractitionerRole/r1' }, status: 'accepted' }],
          ...hour(slotStatuses.length + index),
        }),
      ),
    ].join('\n');
    const result = imported(text, MINIMAL);
    expect(result.busy.map((entry) => entry.start)).toEqual(
      [0, 1, 2, 5, 6, 7, 8].map((index) => `${hour(index).start.slice(0, 19)}Z`),
    );
    expect(result.skipped).toEqual([
      { reason: 'free-slot', count: 1, examples: ['Slot/slot-free'] },
      {
        reason: 'not-busy-status',
        count: 7,
        examples: [
          'Slot/slot-entered-in-error',
          'Appointment/appt-proposed',
          'Appointment/appt-pending',
          'Appointment/appt-cancelled',
          'Appointment/appt-noshow',
          'Appointment/appt-entered-in-error',
          'Appointment/appt-waitlist',
        ],
      },
    ]);
  });

  it('takes the zone from the mapping, never from the machine', () => {
    const text = role({
      notAvailable: [{ description: 'Off', during: { start: '2026-12-24', end: '2026-12-24' } }],
    });
    const tokyo = imported(text, { ...MINIMAL, timezone: 'Asia/Tokyo' }).rules.providers[0]!.timeOff;
    expect(tokyo).toEqual([{ start: '2026-12-23T15:00:00Z', end: '2026-12-24T15:00:00Z' }]);
  });
});

describe('importFhir: bad inputs', () => {
  it('refuses an input past the size limit before parsing it', () => {
    const result = importFhir(' '.repeat(IMPORT_LIMITS.maxInputChars + 1), MINIMAL, { now: NOW });
    expect(result).toMatchObject({ ok: false, error: { code: 'INPUT_TOO_LARGE' } });
  });

  it('refuses a bundle of more than 200,000 entries before reading them', () => {
    const text = `{"resourceType":"Bundle","type":"collection","entry":[${Array(200_001).fill('{}').join(',')}]}`;
    expect(importFhir(text, MINIMAL, { now: NOW })).toEqual({
      ok: false,
      error: {
        code: 'TOO_MANY_RESOURCES',
        message:
          'The input has 200,001 resources; at most 200,000 are read. Export fewer (for example one provider group, or a shorter period) and import them one by one.',
      },
    });
  });

  // Its time and memory are measured by `npm run bench:interop` (docs/benchmarks.md), not asserted.
  it('reads 100,000 resources, skipping those past the horizon by count', () => {
    const text = busySlotsNdjson(100_000);
    const result = imported(text, MINIMAL);
    // The 366-day horizon ends 26 hours short of 366 days after the first slot: 35,136 - 104 quarter hours.
    expect(result.busy.length).toBe(35_032);
    expect(result.skipped).toEqual([
      { reason: 'beyond-horizon', count: 64_966, examples: expect.any(Array) },
    ]);
  }, 30_000);

  it('skips a broken NDJSON line, saying which but not quoting it, and reads the rest', () => {
    const result = imported(`${role({})}\n{"resourceType": "Patient", "name": "Peter Patient" \n`, MINIMAL);
    expect(result.rules.providers.map((p) => p.id)).toEqual(['r1']);
    expect(result.problems.find((p) => p.code !== 'NO_HOURS')).toEqual({
      code: 'INVALID_NDJSON_LINE',
      severity: 'error',
      resource: 'line 2',
      field: '',
      message: 'Line 2 is not JSON; it was skipped.',
    });
    expect(result.skipped).toEqual([{ reason: 'broken-line', count: 1, examples: ['line 2'] }]);
  });

  it('counts resource types it does not read, by type', () => {
    const text = [
      role({}),
      '{"resourceType":"Observation","id":"o1"}',
      '{"resourceType":"Observation","id":"o2"}',
    ].join('\n');
    expect(imported(text, MINIMAL).skipped).toEqual([
      { reason: 'unsupported-type', count: 2, examples: ['Observation'] },
    ]);
  });

  it('refuses a bundle type it does not read', () => {
    expect(importFhir('{"resourceType":"Bundle","type":"history"}', MINIMAL, { now: NOW })).toMatchObject({
      ok: false,
      error: { code: 'UNSUPPORTED_BUNDLE_TYPE' },
    });
  });

  it('refuses a mapping without the clinic zone or durations, at their paths', () => {
    const result = importFhir(
      BUNDLE,
      { providers: 'all', appointmentTypes: [{ id: 'x', name: 'X', serviceType: '1' }] },
      { now: NOW },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_MAPPING');
    expect(result.error.mappingErrors?.map((error) => error.path)).toEqual([
      '/timezone',
      '/appointmentTypes/0/durationMinutes',
    ]);
  });

  it('reports a mapped role that is not in the input at the mapping path', () => {
    const result = imported(BUNDLE, { ...MAPPING, providers: [{ role: 'nobody' }] });
    expect(result.problems[0]).toMatchObject({
      code: 'UNKNOWN_REFERENCE',
      resource: 'mapping',
      field: '/providers/0/role',
    });
  });
});
