import { describe, expect, it } from 'vitest';
import { baseDocument, type Doc, errorsOf, onlyError } from '../../test/engine/validate-fixture.ts';
import { validateRules } from './validate.ts';

describe('a valid document', () => {
  it('is returned as the same object, unchanged, with no warnings', () => {
    const document = baseDocument();
    const before = JSON.stringify(document);
    const result = validateRules(document);
    expect(result).toEqual({ ok: true, rules: document, warnings: [] });
    expect(result.ok && result.rules).toBe(document);
    expect(JSON.stringify(document)).toBe(before);
  });

  it('may be frozen deeply, so validation never writes to it', () => {
    const freeze = (value: unknown): unknown => {
      if (typeof value === 'object' && value !== null) {
        for (const child of Object.values(value)) freeze(child);
        Object.freeze(value);
      }
      return value;
    };
    expect(validateRules(freeze(baseDocument())).ok).toBe(true);
  });

  it('needs only version, timezone, providers and appointment types', () => {
    const minimal = {
      version: 1,
      timezone: 'UTC',
      providers: [{ id: 'a', name: 'A' }],
      appointmentTypes: [{ id: 't', name: 'T', providerIds: [], durationMinutes: 1 }],
    };
    const result = validateRules(minimal);
    expect(result.ok).toBe(true);
  });

  it('accepts "$schema" at the top without a warning, for editors', () => {
    const document = { $schema: 'https://example.test/schema/rules-v1.json', ...baseDocument() };
    expect(validateRules(document)).toEqual({ ok: true, rules: document, warnings: [] });
  });
});

describe('INVALID_DOCUMENT', () => {
  it.each([
    [null, 'The rules document must be a JSON object, but it is null.'],
    [[], 'The rules document must be a JSON object, but it is a list.'],
    ['{"version":1}', 'The rules document must be a JSON object, but it is the text "{"version":1}".'],
    [42, 'The rules document must be a JSON object, but it is 42.'],
    [undefined, 'The rules document must be a JSON object, but it is missing.'],
  ])('refuses %j at path ""', (input, message) => {
    expect(validateRules(input)).toEqual({
      ok: false,
      errors: [{ code: 'INVALID_DOCUMENT', path: '', message }],
      warnings: [],
    });
  });
});

describe('UNSUPPORTED_VERSION', () => {
  it('reports a version other than 1 and 2 alone, at /version', () => {
    const document = { ...baseDocument(), version: 3, providers: 'not even a list' };
    expect(onlyError(document, 'UNSUPPORTED_VERSION', '/version').message).toBe(
      "This engine reads rules documents of versions 1 and 2, but this document's version is 3.",
    );
  });

  it('refuses the text "1": the version is a number', () => {
    const error = onlyError({ ...baseDocument(), version: '1' }, 'UNSUPPORTED_VERSION', '/version');
    expect(error.message).toContain('the text "1"');
  });
});

describe('MISSING_FIELD', () => {
  it('names the provider by id when its name is missing', () => {
    const document = baseDocument();
    delete document.providers[0].name;
    expect(onlyError(document, 'MISSING_FIELD', '/providers/0/name').message).toBe(
      'Provider "lee" has no "name"; it is required.',
    );
  });

  it.each([
    ['/version', (d: Doc) => delete d.version],
    ['/timezone', (d: Doc) => delete d.timezone],
    ['/providers', (d: Doc) => delete d.providers],
    ['/appointmentTypes', (d: Doc) => delete d.appointmentTypes],
    ['/providers/1/id', (d: Doc) => delete d.providers[1].id],
    ['/appointmentTypes/1/id', (d: Doc) => delete d.appointmentTypes[1].id],
    ['/appointmentTypes/1/name', (d: Doc) => delete d.appointmentTypes[1].name],
    ['/appointmentTypes/0/durationMinutes', (d: Doc) => delete d.appointmentTypes[0].durationMinutes],
    ['/appointmentTypes/0/providerIds', (d: Doc) => delete d.appointmentTypes[0].providerIds],
    ['/locations/0/name', (d: Doc) => delete d.locations[0].name],
    ['/providers/0/overrides/0/hours', (d: Doc) => delete d.providers[0].overrides[0].hours],
    ['/providers/0/overrides/0/date', (d: Doc) => delete d.providers[0].overrides[0].date],
    ['/providers/0/weekly/mon/1/end', (d: Doc) => delete d.providers[0].weekly.mon[1].end],
    ['/providers/0/timeOff/0/start', (d: Doc) => delete d.providers[0].timeOff[0].start],
    ['/closures/0/date', (d: Doc) => delete d.closures[0].date],
    ['/busy/0/providerId', (d: Doc) => delete d.busy[0].providerId],
    ['/busy/0/end', (d: Doc) => delete d.busy[0].end],
  ])('reports %s', (path, mutate) => {
    const document = baseDocument();
    mutate(document);
    const error = onlyError(document, 'MISSING_FIELD', path);
    expect(error.message).toContain(`has no "${path.split('/').pop()}"; it is required.`);
  });

  it('names the type when its duration is missing', () => {
    const document = baseDocument();
    delete document.appointmentTypes[0].durationMinutes;
    expect(onlyError(document, 'MISSING_FIELD', '/appointmentTypes/0/durationMinutes').message).toBe(
      'Appointment type "New patient visit" has no "durationMinutes"; it is required.',
    );
  });
});

describe('INVALID_FIELD', () => {
  it('refuses a weekly key that is not a day, at its own path', () => {
    const document = baseDocument();
    document.providers[0].weekly.xyz = [];
    expect(onlyError(document, 'INVALID_FIELD', '/providers/0/weekly/xyz').message).toBe(
      `Dr. Ana Lee's weekly hours: "xyz" is not a day; use mon, tue, wed, thu, fri, sat or sun.`,
    );
  });

  it('refuses a capitalised day name', () => {
    const document = baseDocument();
    document.providers[0].weekly.Mon = [];
    onlyError(document, 'INVALID_FIELD', '/providers/0/weekly/Mon');
  });

  it.each([
    ['/providers', (d: Doc) => (d.providers = { lee: {} }), 'must be a list, but it is an object'],
    ['/providers/0/weekly', (d: Doc) => (d.providers[0].weekly = []), 'must be an object, but it is a list'],
    ['/providers/0/name', (d: Doc) => (d.providers[0].name = 7), 'must be a text, but it is 7'],
    ['/providers/0/id', (d: Doc) => (d.providers[0].id = '  '), 'must not be empty'],
    [
      '/providers/0/locationId',
      (d: Doc) => (d.providers[0].locationId = null),
      'must be a text, but it is null',
    ],
    ['/clinic', (d: Doc) => (d.clinic = 'Riverside'), 'must be an object, but it is the text "Riverside"'],
    ['/limits', (d: Doc) => (d.limits = [288]), 'must be an object, but it is a list'],
    [
      '/appointmentTypes/0/patients',
      (d: Doc) => (d.appointmentTypes[0].patients = 'old'),
      'one of "new", "existing" or "any"',
    ],
    [
      '/appointmentTypes/0/mode',
      (d: Doc) => (d.appointmentTypes[0].mode = 'phone'),
      'one of "in-person" or "video"',
    ],
    [
      '/appointmentTypes/0/providerIds/0',
      (d: Doc) => (d.appointmentTypes[0].providerIds = [7]),
      'must be an id',
    ],
    ['/providers/1', (d: Doc) => (d.providers[1] = 'kim'), 'must be an object, but it is the text "kim"'],
    ['/busy/0', (d: Doc) => (d.busy[0] = null), 'must be an object, but it is null'],
  ])('reports %s', (path, mutate, words) => {
    const document = baseDocument();
    mutate(document);
    expect(onlyError(document, 'INVALID_FIELD', path).message).toContain(words);
  });

  it('reports a hole in a list at the hole', () => {
    const document = baseDocument();
    document.closures[2] = { date: '2026-07-04' };
    expect(onlyError(document, 'INVALID_FIELD', '/closures/1').message).toBe(
      'Closure #2 must be an object, but it is missing.',
    );
  });
});

describe('INVALID_NUMBER', () => {
  const fields = [
    ['durationMinutes', 1, 1440],
    ['stepMinutes', 1, 1440],
    ['bufferBeforeMinutes', 0, 1440],
    ['bufferAfterMinutes', 0, 1440],
    ['minNoticeMinutes', 0, 525_600],
    ['maxAdvanceDays', 0, 3660],
    ['maxPerDay', 1, 1000],
    ['capacity', 1, 1000],
  ] as const;
  const bad = (min: number, max: number) => [
    '30',
    Number.NaN,
    Number.POSITIVE_INFINITY,
    1.5,
    min - 1,
    max + 1,
    null,
    true,
  ];

  for (const [field, min, max] of fields) {
    it(`refuses bad ${field} values and accepts ${min} and ${max}`, () => {
      for (const value of bad(min, max)) {
        const document = baseDocument();
        document.appointmentTypes[1][field] = value;
        onlyError(document, 'INVALID_NUMBER', `/appointmentTypes/1/${field}`);
      }
      for (const value of [min, max]) {
        const document = baseDocument();
        document.appointmentTypes[1][field] = value;
        expect(errorsOf(validateRules(document))).toEqual([]);
      }
    });
  }

  it('explains the range and the value in the message', () => {
    const document = baseDocument();
    document.appointmentTypes[0].durationMinutes = '30';
    expect(onlyError(document, 'INVALID_NUMBER', '/appointmentTypes/0/durationMinutes').message).toBe(
      'Appointment type "New patient visit": "durationMinutes" must be a whole number from 1 to 1,440, but it is the text "30".',
    );
  });

  it('checks busy seats and limits.maxSlotsPerDay', () => {
    const seats = baseDocument();
    seats.busy[0].seats = 0;
    onlyError(seats, 'INVALID_NUMBER', '/busy/0/seats');
    const limits = baseDocument();
    limits.limits.maxSlotsPerDay = 1441;
    expect(onlyError(limits, 'INVALID_NUMBER', '/limits/maxSlotsPerDay').message).toBe(
      'The limits: "maxSlotsPerDay" must be a whole number from 1 to 1,440, but it is 1441.',
    );
  });
});

describe('INVALID_TIME', () => {
  it.each(['9:00', '09:60', '24:30', '25:00', '0900', '09:00:00', ' 09:00', ''])(
    'refuses the start %j',
    (start) => {
      const document = baseDocument();
      document.providers[0].weekly.mon[0].start = start;
      onlyError(document, 'INVALID_TIME', '/providers/0/weekly/mon/0/start');
    },
  );

  it('says how to write a time', () => {
    const document = baseDocument();
    document.providers[0].weekly.mon[1].end = '5pm';
    expect(onlyError(document, 'INVALID_TIME', '/providers/0/weekly/mon/1/end').message).toBe(
      `Dr. Ana Lee's Monday hours: the end "5pm" is not a time; write times as HH:mm, from 00:00 to 24:00.`,
    );
  });

  it('allows 24:00 only as an end', () => {
    const document = baseDocument();
    document.providers[0].weekly.sun = [{ start: '24:00', end: '24:00' }];
    expect(onlyError(document, 'INVALID_TIME', '/providers/0/weekly/sun/0/start').message).toBe(
      `Dr. Ana Lee's Sunday hours: a span cannot start at 24:00; 24:00 is only an end.`,
    );
  });

  it('refuses a number for a time, in override hours too', () => {
    const document = baseDocument();
    document.providers[0].overrides[0].hours[0].start = 900;
    expect(onlyError(document, 'INVALID_TIME', '/providers/0/overrides/0/hours/0/start').message).toBe(
      `Dr. Ana Lee's hours on 2026-12-24: the start 900 is not a time; write times as HH:mm, from 00:00 to 24:00.`,
    );
  });
});

describe('INVALID_DATE', () => {
  it.each([
    '2026-02-30',
    '2027-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-2-3',
    '26-12-24',
    '2026-12-24T00:00',
  ])('refuses the override date %j', (date) => {
    const document = baseDocument();
    document.providers[0].overrides[0].date = date;
    onlyError(document, 'INVALID_DATE', '/providers/0/overrides/0/date');
  });

  it('accepts 29 February in a leap year', () => {
    const document = baseDocument();
    document.closures[0].date = '2028-02-29';
    expect(validateRules(document).ok).toBe(true);
  });

  it('names the closure and the format', () => {
    const document = baseDocument();
    document.closures[0].date = '2026-02-30';
    expect(onlyError(document, 'INVALID_DATE', '/closures/0/date').message).toBe(
      'Closure #1 (Christmas Day): the date "2026-02-30" is not a calendar date; write dates as YYYY-MM-DD, e.g. 2026-12-24.',
    );
  });
});

describe('INVALID_INSTANT', () => {
  it('requires an offset or Z and says so', () => {
    const document = baseDocument();
    document.providers[0].timeOff[0].start = '2026-12-28T00:00:00';
    expect(onlyError(document, 'INVALID_INSTANT', '/providers/0/timeOff/0/start').message).toBe(
      `Dr. Ana Lee's time off #1: the start "2026-12-28T00:00:00" has no offset, so the moment it names is ambiguous; add "Z" or the offset, e.g. "2026-12-28T00:00:00-05:00".`,
    );
  });

  it.each([
    '2026-11-24',
    'tomorrow',
    '2026-11-31T10:00:00Z',
    '2026-11-24T25:00:00Z',
    '2026-11-24T10:00:00+25:00',
    1795528800000,
  ])('refuses the busy start %j', (start) => {
    const document = baseDocument();
    document.busy[0].start = start;
    onlyError(document, 'INVALID_INSTANT', '/busy/0/start');
  });

  it.each(['2026-11-24T13:00Z', '2026-11-24T09:00:00.000-05:00', '2026-11-24T14:30:00+05:30'])(
    'accepts %j',
    (start) => {
      const document = baseDocument();
      document.busy[0].start = start;
      expect(validateRules(document).ok).toBe(true);
    },
  );
});

describe('INVALID_TIMEZONE', () => {
  it.each([
    ['/timezone', (d: Doc) => (d.timezone = 'America/NewYork'), 'The document'],
    ['/locations/0/timezone', (d: Doc) => (d.locations[0].timezone = 'EST+5'), 'Location "Main St"'],
    ['/providers/1/timezone', (d: Doc) => (d.providers[1].timezone = 'Mars/Olympus'), 'Dr. Sam Kim'],
    ['/providers/0/timezone', (d: Doc) => (d.providers[0].timezone = 5), 'Dr. Ana Lee'],
  ])('reports %s', (path, mutate, owner) => {
    const document = baseDocument();
    mutate(document);
    expect(onlyError(document, 'INVALID_TIMEZONE', path).message).toContain(`${owner}: the time zone`);
  });

  it('accepts UTC and any IANA zone', () => {
    const document = baseDocument();
    document.timezone = 'UTC';
    document.providers[1].timezone = 'Pacific/Chatham';
    document.locations[0].timezone = 'Asia/Kathmandu';
    expect(validateRules(document).ok).toBe(true);
  });

  it('says what a zone name looks like', () => {
    const document = baseDocument();
    document.timezone = 'Eastern';
    expect(onlyError(document, 'INVALID_TIMEZONE', '/timezone').message).toBe(
      'The document: the time zone "Eastern" is not an IANA time zone name such as "America/New_York".',
    );
  });
});

describe('EMPTY_INTERVAL', () => {
  it('reports a span that ends before it starts, at the span', () => {
    const document = baseDocument();
    document.providers[0].weekly.mon[0] = { start: '13:00', end: '12:00' };
    expect(onlyError(document, 'EMPTY_INTERVAL', '/providers/0/weekly/mon/0').message).toBe(
      `Dr. Ana Lee's Monday hours: the span 13:00–12:00 ends before it starts.`,
    );
  });

  it('suggests 24:00 for a span that ends at midnight', () => {
    const document = baseDocument();
    document.providers[1].weekly.wed[0] = { start: '20:00', end: '00:00' };
    expect(onlyError(document, 'EMPTY_INTERVAL', '/providers/1/weekly/wed/0').message).toBe(
      `Dr. Sam Kim's Wednesday hours: the span 20:00–00:00 ends before it starts; to run until midnight, end it at 24:00.`,
    );
  });

  it('reports a span that ends when it starts', () => {
    const document = baseDocument();
    document.providers[1].weekly.wed[0] = { start: '10:00', end: '10:00' };
    expect(onlyError(document, 'EMPTY_INTERVAL', '/providers/1/weekly/wed/0').message).toBe(
      `Dr. Sam Kim's Wednesday hours: the span 10:00–10:00 is empty: it ends when it starts.`,
    );
  });

  it('reports time off that ends before it starts', () => {
    const document = baseDocument();
    document.providers[0].timeOff[0] = {
      start: '2027-01-04T00:00:00-05:00',
      end: '2026-12-28T00:00:00-05:00',
    };
    expect(onlyError(document, 'EMPTY_INTERVAL', '/providers/0/timeOff/0').message).toBe(
      `Dr. Ana Lee's time off #1 ends before it starts (2027-01-04T00:00:00-05:00 to 2026-12-28T00:00:00-05:00).`,
    );
  });

  it('compares instants, not texts: the same moment in two offsets is empty', () => {
    const document = baseDocument();
    document.busy[0].start = '2026-11-24T14:00:00Z';
    document.busy[0].end = '2026-11-24T09:00:00-05:00';
    expect(onlyError(document, 'EMPTY_INTERVAL', '/busy/0').message).toBe(
      'Busy entry #1 (Dr. Ana Lee) is empty: it ends when it starts (2026-11-24T14:00:00Z to 2026-11-24T09:00:00-05:00).',
    );
  });
});

describe('DUPLICATE_ID', () => {
  it('reports the later provider id', () => {
    const document = baseDocument();
    document.providers[1].id = 'lee';
    document.appointmentTypes[1].providerIds = ['lee'];
    expect(onlyError(document, 'DUPLICATE_ID', '/providers/1/id').message).toBe(
      'The provider id "lee" is used twice (by providers #1 and #2); ids must be unique.',
    );
  });

  it('reports the later appointment type and location ids', () => {
    const types = baseDocument();
    types.appointmentTypes[1].id = 'new-patient';
    onlyError(types, 'DUPLICATE_ID', '/appointmentTypes/1/id');
    const locations = baseDocument();
    locations.locations.push({ id: 'main', name: 'Main St annex' });
    onlyError(locations, 'DUPLICATE_ID', '/locations/1/id');
  });

  it('reports a provider listed twice by one type', () => {
    const document = baseDocument();
    document.appointmentTypes[1].providerIds = ['lee', 'kim', 'lee'];
    expect(onlyError(document, 'DUPLICATE_ID', '/appointmentTypes/1/providerIds/2').message).toBe(
      'Appointment type "Follow-up" lists provider "lee" twice; list each provider once.',
    );
  });
});

describe('DUPLICATE_DATE', () => {
  it('reports the later of two overrides of one provider for a date', () => {
    const document = baseDocument();
    document.providers[0].overrides.push(
      { date: '2026-12-31', hours: [] },
      { date: '2026-12-24', hours: [] },
    );
    expect(onlyError(document, 'DUPLICATE_DATE', '/providers/0/overrides/2/date').message).toBe(
      'Dr. Ana Lee has two overrides for 2026-12-24 (#1 and #3); keep one.',
    );
  });

  it('allows two providers to override the same date', () => {
    const document = baseDocument();
    document.providers[1].overrides = [{ date: '2026-12-24', hours: [] }];
    expect(validateRules(document).ok).toBe(true);
  });

  it('reports the later of two closures of a date', () => {
    const document = baseDocument();
    document.closures.push({ date: '2026-12-25' });
    expect(onlyError(document, 'DUPLICATE_DATE', '/closures/1/date').message).toBe(
      '2026-12-25 is closed twice (closures #1 and #2); keep one.',
    );
  });
});

describe('UNKNOWN_REFERENCE', () => {
  it('reports a type listing an unknown provider, at the reference', () => {
    const document = baseDocument();
    document.appointmentTypes[0].providerIds = ['lea'];
    expect(onlyError(document, 'UNKNOWN_REFERENCE', '/appointmentTypes/0/providerIds/0').message).toBe(
      'Appointment type "New patient visit" lists provider "lea", but no provider has that id.',
    );
  });

  it('reports a provider at an unknown location, also when there are no locations', () => {
    const document = baseDocument();
    document.providers[0].locationId = 'mian';
    expect(onlyError(document, 'UNKNOWN_REFERENCE', '/providers/0/locationId').message).toBe(
      `Dr. Ana Lee's location "mian" is not one of the document's locations.`,
    );
    const noLocations = baseDocument();
    delete noLocations.locations;
    onlyError(noLocations, 'UNKNOWN_REFERENCE', '/providers/0/locationId');
  });

  it('only warns about busy time of an unknown provider or type: the document stays valid', () => {
    const provider = baseDocument();
    provider.busy[0].providerId = 'nobody';
    const byProvider = validateRules(provider);
    expect(byProvider.ok).toBe(true);
    expect(byProvider.warnings).toEqual([
      {
        code: 'UNKNOWN_BUSY_REFERENCE',
        path: '/busy/0/providerId',
        message: 'Busy entry #1 is for provider "nobody", but no provider has that id; it is ignored.',
      },
    ]);
    const type = baseDocument();
    type.busy[0].appointmentTypeId = 'yoga';
    const byType = validateRules(type);
    expect(byType.ok).toBe(true);
    expect(byType.warnings.map((w) => [w.code, w.path])).toEqual([
      ['UNKNOWN_BUSY_REFERENCE', '/busy/0/appointmentTypeId'],
    ]);
  });

  it('does not pile up references into a list that could not be read', () => {
    const document = baseDocument();
    document.providers = 'everyone';
    onlyError(document, 'INVALID_FIELD', '/providers');
  });
});

describe('TOO_LARGE', () => {
  const provider = (index: number) => ({ id: `p${index}`, name: `Provider ${index}` });

  it.each([
    [
      '/providers',
      (d: Doc) => (d.providers = Array.from({ length: 1001 }, (_, i) => provider(i))),
      '1,001 entries; at most 1,000',
    ],
    [
      '/appointmentTypes',
      (d: Doc) => (d.appointmentTypes = new Array(501).fill(d.appointmentTypes[1])),
      '501 entries; at most 500',
    ],
    ['/locations', (d: Doc) => (d.locations = new Array(1001).fill({ id: 'x', name: 'x' })), 'at most 1,000'],
    ['/closures', (d: Doc) => (d.closures = new Array(3661).fill({ date: '2026-12-25' })), 'at most 3,660'],
    [
      '/providers/0/overrides',
      (d: Doc) => (d.providers[0].overrides = new Array(3661).fill({ date: '2026-12-25', hours: [] })),
      'at most 3,660',
    ],
    [
      '/providers/0/timeOff',
      (d: Doc) => (d.providers[0].timeOff = new Array(3661).fill(d.providers[0].timeOff[0])),
      'at most 3,660',
    ],
    [
      '/providers/0/weekly/fri',
      (d: Doc) => (d.providers[0].weekly.fri = new Array(49).fill({ start: '09:00', end: '10:00' })),
      '49 entries; at most 48',
    ],
    [
      '/providers/0/overrides/0/hours',
      (d: Doc) => (d.providers[0].overrides[0].hours = new Array(49).fill({ start: '09:00', end: '10:00' })),
      'at most 48',
    ],
    [
      '/appointmentTypes/0/providerIds',
      (d: Doc) => (d.appointmentTypes[0].providerIds = new Array(1001).fill('lee')),
      'at most 1,000',
    ],
    [
      '/providers/0/name',
      (d: Doc) => (d.providers[0].name = 'x'.repeat(501)),
      '501 characters long; at most 500',
    ],
    [
      '/appointmentTypes/1/providerIds/1',
      (d: Doc) => (d.appointmentTypes[1].providerIds[1] = 'k'.repeat(501)),
      'entry #2 of "providerIds" is 501 characters long',
    ],
    [
      '/appointmentTypes/0/description',
      (d: Doc) => (d.appointmentTypes[0].description = 'x'.repeat(2001)),
      'at most 2,000',
    ],
  ])('reports %s', (path, mutate, words) => {
    const document = baseDocument();
    mutate(document);
    expect(onlyError(document, 'TOO_LARGE', path).message).toContain(words);
  });

  it('accepts a list exactly at its limit', () => {
    const document = baseDocument();
    document.providers[0].weekly.fri = Array.from({ length: 48 }, (_, i) => ({
      start: `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 === 0 ? '00' : '30'}`,
      end: `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 === 0 ? '20' : '50'}`,
    }));
    expect(validateRules(document).ok).toBe(true);
  });

  it('names the limit in the message', () => {
    const document = baseDocument();
    document.busy = new Array(200_001).fill(document.busy[0]);
    expect(onlyError(document, 'TOO_LARGE', '/busy').message).toBe(
      'The document: "busy" has 200,001 entries; at most 200,000 are allowed.',
    );
  });
});

describe('the error cap', () => {
  it('stops after 200 errors with a closing diagnostic', () => {
    const document = baseDocument();
    document.busy = Array.from({ length: 5000 }, () => ({ providerId: 'lee', start: 'soon', end: 'later' }));
    const errors = errorsOf(validateRules(document));
    expect(errors).toHaveLength(201);
    expect(errors[199]).toMatchObject({ code: 'INVALID_INSTANT', path: '/busy/99/end' });
    expect(errors[200]).toEqual({
      code: 'INVALID_DOCUMENT',
      path: '',
      message: 'Validation stopped after 200 errors; fix these and validate again to see the rest.',
    });
  });
});
