import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { generateSlots } from '../../src/engine/generate.ts';
import type { RulesDocument } from '../../src/engine/types.ts';
import { validateRules } from '../../src/engine/validate.ts';

const text = readFileSync(new URL('../../public/sample-clinic.json', import.meta.url), 'utf8');
const sample = JSON.parse(text) as RulesDocument;

describe('public/sample-clinic.json', () => {
  it('validates with no errors and no warnings', () => {
    expect(validateRules(JSON.parse(text))).toEqual({ ok: true, rules: expect.anything(), warnings: [] });
  });

  it('is Riverside Family Clinic in New York, with a location in Chicago', () => {
    expect(sample.timezone).toBe('America/New_York');
    expect(sample.clinic).toMatchObject({ name: 'Riverside Family Clinic', phone: '+1 555 0100' });
    expect(sample.locations?.map((location) => location.timezone)).toEqual([
      'America/New_York',
      'America/New_York',
      'America/Chicago',
    ]);
    expect(sample.busy).toEqual([]);
  });

  it('has six providers with lunch breaks, and the promised appointment types', () => {
    expect(sample.providers).toHaveLength(6);
    const withLunch = sample.providers.filter((provider) =>
      Object.values(provider.weekly ?? {}).some((spans) => spans.length === 2),
    );
    expect(withLunch.length).toBeGreaterThanOrEqual(4);
    const types = Object.fromEntries(sample.appointmentTypes.map((type) => [type.id, type]));
    expect(types['new-patient']).toMatchObject({ durationMinutes: 40, mode: 'in-person', patients: 'new' });
    expect(types['follow-up']).toMatchObject({ durationMinutes: 20 });
    expect(types['video-consult']).toMatchObject({ mode: 'video' });
    expect(types['diabetes-group']).toMatchObject({ name: 'Diabetes education group', capacity: 8 });
    expect(Object.keys(types)).toEqual(expect.arrayContaining(['annual-physical', 'pediatric-visit']));
  });

  it('dates its overrides and time off between December 2026 and March 2027', () => {
    const inRange = (iso: string) => iso >= '2026-12-01' && iso < '2027-04-01';
    const overrides = sample.providers.flatMap((provider) => provider.overrides ?? []);
    const timeOff = sample.providers.flatMap((provider) => provider.timeOff ?? []);
    expect(overrides.length).toBeGreaterThan(0);
    expect(timeOff.length).toBeGreaterThan(0);
    for (const override of overrides) expect(inRange(override.date)).toBe(true);
    for (const range of timeOff)
      expect(inRange(range.start.slice(0, 10)) && inRange(range.end.slice(0, 10))).toBe(true);
  });

  it('closes on the US holidays of 2026 and 2027, on the observed weekday', () => {
    const closures = sample.closures ?? [];
    expect(closures.filter((closure) => closure.date.startsWith('2026'))).toHaveLength(10);
    expect(closures.filter((closure) => closure.date.startsWith('2027'))).toHaveLength(11);
    for (const { date, name } of closures) {
      const weekday = DateTime.fromISO(date, { zone: 'America/New_York' }).weekday;
      expect(weekday, `${date} ${name}`).toBeLessThanOrEqual(5);
    }
    const dates = closures.map((closure) => closure.date);
    expect(dates).toEqual(expect.arrayContaining(['2026-11-26', '2026-12-25', '2027-01-18', '2027-07-05']));
  });

  it("gives every appointment type slots in an ordinary week, in each provider's zone", () => {
    const week = { from: '2027-01-11', to: '2027-01-17', now: '2027-01-01T12:00:00Z' };
    const firstStarts: Record<string, string> = {};
    for (const type of sample.appointmentTypes) {
      const result = generateSlots(sample, { appointmentTypeId: type.id, ...week });
      expect(result.ok && result.slots.length > 0, type.id).toBe(true);
      if (result.ok) firstStarts[type.id] = new Date(result.slots[0]!.start).toISOString();
    }
    expect(firstStarts).toEqual({
      'new-patient': '2027-01-11T13:30:00.000Z', // Dr. Lee, Monday 08:30 in New York
      'follow-up': '2027-01-11T13:30:00.000Z',
      'video-consult': '2027-01-11T13:00:00.000Z', // Dr. Garcia, Monday 07:00 in Chicago
      'annual-physical': '2027-01-11T13:30:00.000Z',
      'diabetes-group': '2027-01-12T15:00:00.000Z', // Tuesday 10:00; Thursday's class is cancelled
      'pediatric-visit': '2027-01-11T13:00:00.000Z', // Dr. Okafor, Monday 08:00 in New York
    });
  });
});
