import { describe, expect, it } from 'vitest';
import { generateSlots, validateRules } from '../engine/index.ts';
import { windowedRules } from './rules-forms.ts';

/** A version-1 document with fields that only version 2 reads: version 1 ignores them. */
const v1 = {
  version: 1,
  timezone: 'America/New_York',
  locations: [{ id: 'main', name: 'Main' }],
  providers: [
    {
      id: 'lee',
      name: 'Dr. Lee',
      weekly: { tue: [{ start: '09:00', end: '10:00', locationId: 'elsewhere' }] },
      overrides: [{ date: '2026-12-01', hours: [{ start: '09:00', end: '10:00', locationId: 'main' }] }],
    },
  ],
  appointmentTypes: [
    { id: 'visit', name: 'Visit', providerIds: ['lee'], durationMinutes: 30, hours: { mon: [] } },
  ],
  closures: [{ date: '2026-12-08', locationId: 'main' }],
};

describe('windowedRules', () => {
  it('serves a version-1 document as version 2 with the same meaning, dropping the fields version 2 reads', () => {
    const served = windowedRules(v1) as typeof v1 & { requires: string[] };
    expect(served.version).toBe(2);
    expect(served.requires).toEqual(['busy-windows']);
    expect(served.providers[0]!.weekly.tue).toEqual([{ start: '09:00', end: '10:00' }]);
    expect(served.providers[0]!.overrides[0]!.hours).toEqual([{ start: '09:00', end: '10:00' }]);
    expect(served.appointmentTypes[0]).not.toHaveProperty('hours');
    expect(served.closures).toEqual([{ date: '2026-12-08' }]);
    const withWindow = {
      ...served,
      busyWindows: [{ start: Date.parse('2026-11-29T12:00:00Z'), end: Date.parse('2027-01-02T12:00:00Z') }],
    };
    expect(validateRules(withWindow).ok).toBe(true);
    const query = {
      appointmentTypeId: 'visit',
      from: '2026-12-01',
      to: '2026-12-08',
      now: '2026-11-01T00:00:00Z',
    };
    const before = generateSlots(v1, query);
    const after = generateSlots(withWindow, query);
    expect(after).toEqual(before);
    // 2026-12-01 (the override) only: the closure of 2026-12-08 closes the whole clinic in version 1.
    expect(before.ok && before.slots.length).toBe(2);
  });

  it('leaves a version-2 document’s fields as they are', () => {
    const v2 = { ...v1, version: 2, requires: ['type-hours'] };
    expect((windowedRules(v2) as typeof v1).appointmentTypes[0]).toHaveProperty('hours');
  });

  it('points a $schema naming the format’s own schema at the one the server serves, and leaves any other', () => {
    const at = (schema: string, schemaUrl?: string) =>
      (windowedRules({ ...v1, $schema: schema }, schemaUrl) as { $schema: string }).$schema;
    expect(at('./schema/rules-v1.json', '/schema/rules-v2.json')).toBe('/schema/rules-v2.json');
    expect(at('rules-v2.json', 'https://book.example/booking/schema/rules-v2.json')).toBe(
      'https://book.example/booking/schema/rules-v2.json',
    );
    expect(at('./schema/rules-v1.json')).toBe('./schema/rules-v2.json');
    expect(at('https://clinic.example/our-rules.schema.json', '/schema/rules-v2.json')).toBe(
      'https://clinic.example/our-rules.schema.json',
    );
    expect(at('./schema/my-rules-v1.json', '/schema/rules-v2.json')).toBe('./schema/my-rules-v1.json');
  });
});
