import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NUMBER_RANGES, QUESTION_LIMITS, SIZE_LIMITS } from '../../src/engine/limits.ts';
import type { RulesDocument } from '../../src/engine/types.ts';
import { validateRules } from '../../src/engine/validate.ts';
import { type Doc, hostileValues, pathsOf, sample, setAt } from './validate-fixture.ts';

const schema = JSON.parse(
  readFileSync(new URL('../../public/schema/rules-v1.json', import.meta.url), 'utf8'),
);
const ajv = new Ajv2020({ allErrors: true, strict: true });
const matchesSchema = ajv.compile(schema);
const matchesV2Schema = new Ajv2020({ allErrors: true, strict: false }).compile(
  JSON.parse(readFileSync(new URL('../../public/schema/rules-v2.json', import.meta.url), 'utf8')),
);

describe('the JSON Schema public/schema/rules-v1.json', () => {
  it('is a strict, compilable JSON Schema 2020-12', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(ajv.validateSchema(schema)).toBe(true);
  });

  it('accepts the sample clinic', () => {
    const document = JSON.parse(
      readFileSync(new URL('../../public/sample-clinic.json', import.meta.url), 'utf8'),
    );
    expect(matchesSchema(document), JSON.stringify(matchesSchema.errors)).toBe(true);
  });

  const broken: Array<[string, (d: Doc) => void]> = [
    ['version 3', (d) => (d.version = 3)],
    ['no timezone', (d) => delete d.timezone],
    ['a provider without a name', (d) => delete d.providers[0].name],
    ['a time without a leading zero', (d) => (d.providers[0].weekly.mon[0].start = '8:30')],
    ['a span starting at 24:00', (d) => (d.providers[0].weekly.mon[0].start = '24:00')],
    ['a duration of 0', (d) => (d.appointmentTypes[0].durationMinutes = 0)],
    ['a duration as text', (d) => (d.appointmentTypes[0].durationMinutes = '40')],
    ['a fractional step', (d) => (d.appointmentTypes[0].stepMinutes = 7.5)],
    ['a notice past a year', (d) => (d.appointmentTypes[0].minNoticeMinutes = 525_601)],
    ['a weekly key that is not a day', (d) => (d.providers[0].weekly.monday = [])],
    ['time off without an offset', (d) => (d.providers[0].timeOff[0].start = '2026-12-28T00:00:00')],
    [
      'a busy entry without a provider',
      (d) => (d.busy = [{ start: '2027-01-05T14:00:00Z', end: '2027-01-05T14:40:00Z' }]),
    ],
    ['a provider listed twice by a type', (d) => (d.appointmentTypes[0].providerIds = ['lee', 'lee'])],
    ['an unknown kind of patient', (d) => (d.appointmentTypes[0].patients = 'returning')],
    [
      '49 spans in a day',
      (d) => (d.providers[0].weekly.sun = new Array(49).fill({ start: '09:00', end: '10:00' })),
    ],
    ['a misspelt field', (d) => (d.appointmentTypes[0].durationMinute = 40)],
    ['an empty id', (d) => (d.providers[0].id = ' ')],
    ['a date with a one-digit month', (d) => (d.closures[0].date = '2026-1-01')],
  ];

  it.each(broken)('refuses %s, as validateRules does', (_, mutate) => {
    const document = sample();
    mutate(document);
    expect(matchesSchema(document)).toBe(false);
    const result = validateRules(document);
    expect(result.ok === false || result.warnings.some((warning) => warning.code === 'UNKNOWN_FIELD')).toBe(
      true,
    );
  });

  it('states the same number ranges and list sizes as limits.ts', () => {
    const found: Record<string, [number, number]> = {};
    const collect = (node: unknown, key: string) => {
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      if (record.type === 'integer') found[key] = [record.minimum as number, record.maximum as number];
      for (const [child, value] of Object.entries(record)) collect(value, child);
    };
    collect(schema, '');
    // An intake question's lengths are version 2 only (the v2 schema's test checks them).
    const { minLength: _min, maxLength: _max, ...v1Ranges } = NUMBER_RANGES;
    expect(found).toEqual(v1Ranges);
    const { properties, $defs } = schema;
    expect(properties.providers.maxItems).toBe(SIZE_LIMITS.providers);
    expect(properties.appointmentTypes.maxItems).toBe(SIZE_LIMITS.appointmentTypes);
    expect(properties.locations.maxItems).toBe(SIZE_LIMITS.locations);
    expect(properties.busy.maxItems).toBe(SIZE_LIMITS.busy);
    expect(properties.closures.maxItems).toBe(SIZE_LIMITS.closures);
    expect($defs.provider.properties.overrides.maxItems).toBe(SIZE_LIMITS.overridesPerProvider);
    expect($defs.provider.properties.timeOff.maxItems).toBe(SIZE_LIMITS.timeOffPerProvider);
    expect($defs.provider.properties.weekly.properties.mon.maxItems).toBe(SIZE_LIMITS.spansPerDay);
    expect($defs.appointmentType.properties.providerIds.maxItems).toBe(SIZE_LIMITS.providerIdsPerType);
    expect($defs.id.maxLength).toBe(SIZE_LIMITS.stringLength);
    expect($defs.longText.maxLength).toBe(SIZE_LIMITS.longTextLength);
  });

  /** What a schema cannot see: order of instants and times, uniqueness, references, real dates and zones. */
  const beyondSchema = new Set([
    'EMPTY_INTERVAL',
    'DUPLICATE_ID',
    'DUPLICATE_DATE',
    'UNKNOWN_REFERENCE',
    'INVALID_TIMEZONE',
    'INVALID_DATE',
    'INVALID_INSTANT',
  ]);

  it('agrees with validateRules on mutated copies of the sample', () => {
    const paths = pathsOf(sample()).filter((path) => path.length > 0);
    fc.assert(
      fc.property(fc.constantFrom(...paths), hostileValues, (path, value) => {
        const document = setAt(sample(), path, value);
        const result = validateRules(document);
        // A mutation to `version: 2` makes a valid version-2 document: the v2 schema is its judge.
        const matches = document.version === 2 ? matchesV2Schema : matchesSchema;
        const schemaSays = matches(document);
        const unknownFields = result.warnings.some((warning) => warning.code === 'UNKNOWN_FIELD');
        if (result.ok && !unknownFields) expect(schemaSays, JSON.stringify(matches.errors)).toBe(true);
        if (schemaSays && !result.ok) {
          expect(result.errors.filter((error) => !beyondSchema.has(error.code))).toEqual([]);
        }
      }),
      { numRuns: 1500 },
    );
  }, 60_000);
});

describe('the JSON Schema public/schema/rules-v2.json', () => {
  const v2 = JSON.parse(readFileSync(new URL('../../public/schema/rules-v2.json', import.meta.url), 'utf8'));
  const ajv2 = new Ajv2020({ allErrors: true, strict: false });
  const matchesV2 = ajv2.compile(v2);
  const served = () => ({
    ...(sample() as object),
    version: 2,
    requires: ['busy-windows'],
    busyWindows: [
      {
        month: '2026-12',
        start: Date.parse('2026-11-29T12:00:00Z'),
        end: Date.parse('2027-01-02T12:00:00Z'),
        busy: { lee: [[3000, 30]] },
        seats: { brooks: [[3100, 90, 'diabetes-group', 3]] },
        perDay: { lee: { 'new-patient': { '2026-12-01': 1 } } },
      },
    ],
  });

  it('accepts what validateRules accepts: version 2 with busy windows', () => {
    expect(ajv2.validateSchema(v2)).toBe(true);
    expect(matchesV2(served()), JSON.stringify(matchesV2.errors)).toBe(true);
    expect(validateRules(served()).ok).toBe(true);
  });

  it("accepts a type's own hours and placed spans and closures, and bounds them as limits.ts does", () => {
    const base = served() as ReturnType<typeof served> & RulesDocument;
    const document = {
      ...base,
      requires: ['busy-windows', 'type-hours', 'span-locations'],
      appointmentTypes: base.appointmentTypes.map((type, index) =>
        index === 0 ? { ...type, hours: { tue: [{ start: '09:00', end: '12:00' }] } } : type,
      ),
      providers: base.providers.map((provider, index) =>
        index === 0
          ? {
              ...provider,
              weekly: { mon: [{ start: '09:00', end: '12:00', locationId: provider.locationId }] },
            }
          : provider,
      ),
      closures: [{ date: '2026-12-24', name: 'Staff day', locationId: base.locations![0]!.id }],
    };
    expect(matchesV2(document), JSON.stringify(matchesV2.errors)).toBe(true);
    expect(validateRules(document).ok).toBe(true);
    expect(v2.$defs.appointmentType.properties.hours.properties.sat.maxItems).toBe(
      SIZE_LIMITS.typeSpansPerDay,
    );
    const misplaced = { ...document };
    misplaced.appointmentTypes = document.appointmentTypes.map((type, index) =>
      index === 0 ? { ...type, hours: { funday: [] } as never } : type,
    );
    expect(matchesV2(misplaced)).toBe(false);
    expect(validateRules(misplaced).ok).toBe(false);
  });

  it('refuses an unknown required feature and a malformed window, as validateRules does', () => {
    const unknown = { ...served(), requires: ['waitlists'] };
    const malformed = served();
    malformed.busyWindows[0]!.busy = { lee: [[3000, 0]] };
    for (const document of [unknown, malformed]) {
      expect(matchesV2(document)).toBe(false);
      expect(validateRules(document).ok).toBe(false);
    }
  });
});

describe("the JSON Schemas on a type's change policy", () => {
  const schemas = ['rules-v1.json', 'rules-v2.json'].map((name) =>
    new Ajv2020({ allErrors: true, strict: false }).compile(
      JSON.parse(readFileSync(new URL(`../../public/schema/${name}`, import.meta.url), 'utf8')),
    ),
  );
  const withPolicy = (changePolicy: unknown, version: number) => {
    const document = sample() as { version: number; appointmentTypes: Record<string, unknown>[] };
    document.version = version;
    document.appointmentTypes[0]!.changePolicy = changePolicy;
    return document;
  };

  it('accept a cut-off, both switches and the text, as validateRules does', () => {
    const policy = { cutoffMinutes: 1440, cancelOnline: true, rescheduleOnline: false, text: 'Call us.' };
    schemas.forEach((matches, index) => {
      const document = withPolicy(policy, index + 1);
      expect(matches(document), JSON.stringify(matches.errors)).toBe(true);
      expect(validateRules(document)).toEqual(expect.objectContaining({ ok: true, warnings: [] }));
    });
  });

  it('refuse a negative cut-off, a text for a switch and an unknown field, as validateRules does', () => {
    for (const policy of [{ cutoffMinutes: -1 }, { cancelOnline: 'no' }, { cutoff: 60 }]) {
      schemas.forEach((matches, index) => {
        const document = withPolicy(policy, index + 1);
        expect(matches(document)).toBe(false);
        const result = validateRules(document);
        expect(result.ok === false || result.warnings.some((w) => w.code === 'UNKNOWN_FIELD')).toBe(true);
      });
    }
  });
});

describe("the JSON Schema v2 on a type's intake questions", () => {
  const matches = new Ajv2020({ allErrors: true, strict: false }).compile(
    JSON.parse(readFileSync(new URL('../../public/schema/rules-v2.json', import.meta.url), 'utf8')),
  );
  const withQuestions = (questions: unknown[]) => {
    const document = sample() as Record<string, unknown> & { appointmentTypes: Record<string, unknown>[] };
    document.version = 2;
    document.requires = ['intake-questions'];
    document.appointmentTypes[0]!.questions = questions;
    return document;
  };

  it('states the same bounds as limits.ts', () => {
    const { $defs } = JSON.parse(
      readFileSync(new URL('../../public/schema/rules-v2.json', import.meta.url), 'utf8'),
    );
    const question = $defs.question.properties;
    expect($defs.appointmentType.properties.questions.maxItems).toBe(QUESTION_LIMITS.questionsPerType);
    expect(question.choices.maxItems).toBe(QUESTION_LIMITS.choicesPerQuestion);
    expect(question.choices.items.maxLength).toBe(QUESTION_LIMITS.choiceLength);
    expect([question.minLength.minimum, question.minLength.maximum]).toEqual(NUMBER_RANGES.minLength);
    expect([question.maxLength.minimum, question.maxLength.maximum]).toEqual(NUMBER_RANGES.maxLength);
    expect(question.maxLength.maximum).toBe(QUESTION_LIMITS.longTextLength);
    expect($defs.question.allOf[2].then.properties.maxLength.maximum).toBe(QUESTION_LIMITS.textLength);
  });

  it('accepts every kind of question, as validateRules does', () => {
    const document = withQuestions([
      {
        id: 'insurer',
        kind: 'text',
        label: 'Insurer',
        required: true,
        maxLength: 100,
        help: 'On your card.',
      },
      { id: 'history', kind: 'long-text', label: 'History', minLength: 1 },
      { id: 'visit', kind: 'one-choice', label: 'Visit', choices: ['First', 'Returning'] },
      { id: 'symptoms', kind: 'several-choices', label: 'Symptoms', choices: ['Fever'] },
      { id: 'pregnant', kind: 'yes-no', label: 'Pregnant?' },
      { id: 'since', kind: 'date', label: 'Since?' },
    ]);
    expect(matches(document), JSON.stringify(matches.errors)).toBe(true);
    expect(validateRules(document)).toEqual(expect.objectContaining({ ok: true, warnings: [] }));
  });

  it.each([
    ['an unknown kind', { id: 'a', kind: 'number', label: 'A' }],
    ['an empty label', { id: 'a', kind: 'text', label: ' ' }],
    ['choices on a text question', { id: 'a', kind: 'text', label: 'A', choices: ['x'] }],
    ['a choice question without choices', { id: 'a', kind: 'one-choice', label: 'A' }],
    ['a text answer longer than 500', { id: 'a', kind: 'text', label: 'A', maxLength: 501 }],
    ['a length on a yes/no question', { id: 'a', kind: 'yes-no', label: 'A', maxLength: 3 }],
    ['a choice offered twice', { id: 'a', kind: 'one-choice', label: 'A', choices: ['x', 'x'] }],
  ])('refuses %s, as validateRules does', (_, question) => {
    const document = withQuestions([question]);
    expect(matches(document)).toBe(false);
    expect(validateRules(document).ok).toBe(false);
  });

  it('refuses intake-questions as a requirement of a version-1 document (v1 has no requires)', () => {
    const document = withQuestions([{ id: 'a', kind: 'yes-no', label: 'A' }]);
    expect(matches({ ...document, requires: ['intake-questions', 'waitlists'] })).toBe(false);
  });
});
