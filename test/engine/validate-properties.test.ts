import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NUMBER_RANGES } from '../../src/engine/limits.ts';
import type { Diagnostic, ValidationResult } from '../../src/engine/types.ts';
import { validateRules } from '../../src/engine/validate.ts';
import { hostileValues, pathsOf, pointerOf, sample, setAt } from './validate-fixture.ts';

/** Every diagnostic is a `{ code, path, message }` of non-empty texts, and the result is consistent. */
function expectWellFormed(result: ValidationResult, input: unknown): void {
  const diagnostics: Diagnostic[] = [...(result.ok ? [] : result.errors), ...result.warnings];
  for (const diagnostic of diagnostics) {
    expect(Object.keys(diagnostic).sort()).toEqual(['code', 'message', 'path']);
    expect(diagnostic.code).toMatch(/^[A-Z_]+$/);
    expect(diagnostic.path === '' || diagnostic.path.startsWith('/')).toBe(true);
    expect(diagnostic.message.length).toBeGreaterThan(10);
  }
  if (result.ok) expect(result.rules).toBe(input);
  else expect(result.errors.length).toBeGreaterThan(0);
}

describe('validateRules never throws', () => {
  it('for any value at all', () => {
    fc.assert(
      fc.property(hostileValues, (input) => {
        expectWellFormed(validateRules(input), input);
      }),
      { numRuns: 2000 },
    );
  }, 60_000);

  it('for document-shaped objects whose fields are anything', () => {
    const keys = fc.constantFrom(
      ...[
        'version',
        'timezone',
        'providers',
        'appointmentTypes',
        'locations',
        'closures',
        'busy',
        'limits',
        'clinic',
      ],
      ...[
        'id',
        'name',
        'weekly',
        'overrides',
        'timeOff',
        'mon',
        'start',
        'end',
        'date',
        'hours',
        'providerIds',
      ],
      ...[
        'durationMinutes',
        'stepMinutes',
        'capacity',
        'seats',
        'providerId',
        'locationId',
        '__proto__',
        'a/b~c',
      ],
    );
    const node = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        hostileValues,
        tie('object'),
        fc.array(tie('value'), { maxLength: 4 }),
      ),
      object: fc.dictionary(keys, tie('value'), { maxKeys: 6 }),
    }));
    fc.assert(
      fc.property(node.object, (fields) => {
        const input = { version: 1, ...fields };
        expectWellFormed(validateRules(input), input);
      }),
      { numRuns: 1500 },
    );
  }, 60_000);
});

describe('mutated copies of the sample clinic', () => {
  const paths = pathsOf(sample()).filter((path) => path.length > 0 && path[0] !== '$schema');

  it('never make validation throw', () => {
    fc.assert(
      fc.property(fc.constantFrom(...paths), hostileValues, (path, value) => {
        const input = setAt(sample(), path, value);
        expectWellFormed(validateRules(input), input);
      }),
      { numRuns: 3000 },
    );
  }, 60_000);

  const numberPaths = paths.filter((path) => String(path[path.length - 1]) in NUMBER_RANGES);

  it('are refused for any number outside its range, at that number', () => {
    fc.assert(
      fc.property(fc.constantFrom(...numberPaths), hostileValues, (path, value) => {
        // `undefined` is an absent field: MISSING_FIELD when required, else fine (tested elsewhere).
        fc.pre(value !== undefined);
        const [min, max] = NUMBER_RANGES[path[path.length - 1] as keyof typeof NUMBER_RANGES];
        const valid = typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
        const result = validateRules(setAt(sample(), path, value));
        if (valid) expect(result.ok).toBe(true);
        else {
          expect(result.ok).toBe(false);
          expect(result.ok ? [] : result.errors.map((error) => [error.code, error.path])).toContainEqual([
            'INVALID_NUMBER',
            pointerOf(path),
          ]);
        }
      }),
      { numRuns: 2000 },
    );
  }, 60_000);

  /** Fields whose values have a format, with the code a value out of that format gets. */
  const formats: Array<{ code: string; field: string; valid: (value: unknown) => boolean; inside: string }> =
    [
      {
        code: 'INVALID_TIME',
        field: 'start',
        inside: 'weekly|hours',
        valid: (v) => typeof v === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(v),
      },
      {
        code: 'INVALID_TIME',
        field: 'end',
        inside: 'weekly|hours',
        valid: (v) => typeof v === 'string' && /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/.test(v),
      },
      { code: 'INVALID_DATE', field: 'date', inside: 'overrides|closures', valid: (v) => v === '2026-12-24' },
      {
        code: 'INVALID_INSTANT',
        field: 'start',
        inside: 'timeOff|busy',
        valid: (v) => v === '2026-11-24T14:00:00Z',
      },
      {
        code: 'INVALID_TIMEZONE',
        field: 'timezone',
        inside: '',
        valid: (v) => v === 'UTC' || v === 'America/New_York',
      },
    ];

  for (const format of formats) {
    const formatPaths = paths.filter(
      (path) =>
        path[path.length - 1] === format.field &&
        (format.inside === '' || path.some((key) => format.inside.split('|').includes(String(key)))),
    );

    it(`are refused with ${format.code} for a bad ${format.field} (${format.inside || 'everywhere'})`, () => {
      expect(formatPaths.length).toBeGreaterThan(0);
      fc.assert(
        fc.property(fc.constantFrom(...formatPaths), hostileValues, (path, value) => {
          fc.pre(value !== undefined && !format.valid(value));
          const result = validateRules(setAt(sample(), path, value));
          expect(result.ok).toBe(false);
          const found = result.ok ? [] : result.errors.map((error) => [error.code, error.path]);
          expect(found).toContainEqual([format.code, pointerOf(path)]);
        }),
        { numRuns: 500 },
      );
    }, 60_000);
  }
});

describe('messages name what they are about', () => {
  const paths = pathsOf(sample()).filter((path) => path.length > 0);

  it('every error about a provider or type names it by name, id or position', () => {
    fc.assert(
      fc.property(fc.constantFrom(...paths), hostileValues, (path, value) => {
        const document = setAt(sample(), path, value) as Record<string, unknown>;
        const result = validateRules(document);
        if (result.ok) return;
        for (const error of result.errors) {
          const owner = /^\/(providers|appointmentTypes)\/(\d+)\//.exec(error.path);
          if (owner === null) continue;
          const entry = (document[owner[1]!] as Array<Record<string, unknown>>)[Number(owner[2])];
          const names = [entry?.name, entry?.id].filter(
            (text) => typeof text === 'string' && text.trim() !== '',
          );
          const mentioned = [...names, `#${Number(owner[2]) + 1}`].some((text) =>
            error.message.includes(String(text)),
          );
          expect(mentioned, `${error.path}: ${error.message}`).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
  }, 60_000);
});

describe('random valid documents', () => {
  const two = (n: number) => String(n).padStart(2, '0');
  const clock = (minutes: number) => `${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
  /** Up to 4 disjoint spans of one day, as `HH:mm` (the end may be 24:00). */
  const day = fc
    .uniqueArray(fc.integer({ min: 0, max: 1440 }), { minLength: 0, maxLength: 8 })
    .map((cuts) => {
      const sorted = [...cuts].sort((a, b) => a - b);
      const spans: Array<{ start: string; end: string }> = [];
      for (let i = 0; i + 1 < sorted.length; i += 2)
        spans.push({ start: clock(sorted[i]!), end: clock(sorted[i + 1]!) });
      return spans;
    });
  const zone = fc.constantFrom(
    'UTC',
    'America/New_York',
    'Europe/London',
    'Australia/Lord_Howe',
    'Asia/Kathmandu',
    'Pacific/Chatham',
  );
  const instantRange = fc
    .tuple(fc.integer({ min: 1_700_000_000, max: 1_900_000_000 }), fc.integer({ min: 1, max: 864_000 }))
    .map(([start, length]) => ({
      start: new Date(start * 1000).toISOString(),
      end: new Date((start + length) * 1000).toISOString().replace('.000Z', 'Z'),
    }));
  const document = fc
    .record({
      timezone: zone,
      providerZones: fc.array(fc.option(zone), { minLength: 1, maxLength: 4 }),
      weeks: fc.array(fc.record({ mon: day, wed: day, sat: day }), { minLength: 4, maxLength: 4 }),
      timeOff: fc.array(instantRange, { maxLength: 3 }),
      busy: fc.array(instantRange, { maxLength: 5 }),
      duration: fc.integer({ min: 1, max: 1440 }),
      step: fc.option(fc.integer({ min: 1, max: 1440 })),
      notice: fc.integer({ min: 0, max: 525_600 }),
      capacity: fc.integer({ min: 1, max: 1000 }),
    })
    .map((r) => ({
      version: 1,
      timezone: r.timezone,
      providers: r.providerZones.map((providerZone, index) => ({
        id: `p${index}`,
        name: `Provider ${index}`,
        ...(providerZone === null ? {} : { timezone: providerZone }),
        weekly: r.weeks[index],
        timeOff: r.timeOff,
      })),
      appointmentTypes: [
        {
          id: 't',
          name: 'Visit',
          providerIds: r.providerZones.map((_, index) => `p${index}`),
          durationMinutes: r.duration,
          ...(r.step === null ? {} : { stepMinutes: r.step }),
          minNoticeMinutes: r.notice,
          capacity: r.capacity,
        },
      ],
      busy: r.busy.map((range, index) => ({
        providerId: `p${index % r.providerZones.length}`,
        appointmentTypeId: 't',
        ...range,
      })),
      limits: { maxSlotsPerDay: 1440 },
    }));

  it('are accepted, with no errors', () => {
    fc.assert(
      fc.property(document, (input) => {
        const result = validateRules(input);
        expect(result.ok ? [] : result.errors).toEqual([]);
        const codes = new Set(result.warnings.map((warning) => warning.code));
        for (const code of codes) expect(['TYPE_WITHOUT_HOURS']).toContain(code);
      }),
      { numRuns: 500 },
    );
  }, 60_000);
});
