import { describe, expect, it } from 'vitest';
import { baseDocument, type Doc, onlyWarning } from '../../test/engine/validate-fixture.ts';
import { validateRules } from './validate.ts';

describe('OVERLAPPING_HOURS', () => {
  it('warns at the later span, naming the provider and the day', () => {
    const document = baseDocument();
    document.providers[0].weekly.mon = [
      { start: '09:00', end: '12:00' },
      { start: '11:00', end: '14:00' },
    ];
    const warning = onlyWarning(document, 'OVERLAPPING_HOURS', '/providers/0/weekly/mon/1');
    expect(warning.message).toBe(
      `Dr. Ana Lee's Monday hours: the span 11:00–14:00 overlaps 09:00–12:00; they are merged into one.`,
    );
  });

  it('orders spans by start, so a later span in the list can be the earlier one', () => {
    const document = baseDocument();
    document.providers[0].weekly.thu = [
      { start: '13:00', end: '17:00' },
      { start: '08:00', end: '13:30' },
    ];
    const warning = onlyWarning(document, 'OVERLAPPING_HOURS', '/providers/0/weekly/thu/0');
    expect(warning.message).toBe(
      `Dr. Ana Lee's Thursday hours: the span 13:00–17:00 overlaps 08:00–13:30; they are merged into one.`,
    );
  });

  it('does not warn about spans that only touch', () => {
    const document = baseDocument();
    document.providers[0].weekly.mon = [
      { start: '09:00', end: '12:00' },
      { start: '12:00', end: '17:00' },
    ];
    expect(validateRules(document)).toMatchObject({ ok: true, warnings: [] });
  });

  it('warns about override hours, naming the date', () => {
    const document = baseDocument();
    document.providers[0].overrides[0].hours.push({ start: '10:00', end: '11:00' });
    const warning = onlyWarning(document, 'OVERLAPPING_HOURS', '/providers/0/overrides/0/hours/1');
    expect(warning.message).toBe(
      `Dr. Ana Lee's hours on 2026-12-24: the span 10:00–11:00 overlaps 09:00–12:00; they are merged into one.`,
    );
  });

  it('compares with the span that reaches furthest, not just the previous one', () => {
    const document = baseDocument();
    document.providers[0].weekly.mon = [
      { start: '08:00', end: '18:00' },
      { start: '09:00', end: '10:00' },
      { start: '12:00', end: '13:00' },
    ];
    const result = validateRules(document);
    expect(result.warnings.map((warning) => warning.path)).toEqual([
      '/providers/0/weekly/mon/1',
      '/providers/0/weekly/mon/2',
    ]);
    expect(result.warnings[1]?.message).toContain('12:00–13:00 overlaps 08:00–18:00');
  });
});

describe('UNKNOWN_FIELD', () => {
  it('warns at the unknown field and keeps the document valid', () => {
    const document = baseDocument();
    document.appointmentTypes[0].color = 'teal';
    const warning = onlyWarning(document, 'UNKNOWN_FIELD', '/appointmentTypes/0/color');
    expect(warning.message).toBe(
      'Appointment type "New patient visit": the field "color" is not part of rules format v1 and is ignored.',
    );
  });

  it('escapes ~ and / in the path as RFC 6901 says', () => {
    const document = baseDocument();
    document.clinic['fax/phone~2'] = '+1 555 0199';
    onlyWarning(document, 'UNKNOWN_FIELD', '/clinic/fax~1phone~02');
  });

  it.each([
    ['/version2', (d: Doc) => (d.version2 = true)],
    ['/locations/0/floor', (d: Doc) => (d.locations[0].floor = 2)],
    ['/providers/0/weekly/mon/0/note', (d: Doc) => (d.providers[0].weekly.mon[0].note = 'x')],
    ['/providers/0/overrides/0/reason', (d: Doc) => (d.providers[0].overrides[0].reason = 'x')],
    ['/providers/0/timeOff/0/reason', (d: Doc) => (d.providers[0].timeOff[0].reason = 'x')],
    ['/closures/0/observed', (d: Doc) => (d.closures[0].observed = true)],
    ['/busy/0/patientName', (d: Doc) => (d.busy[0].patientName = 'x')],
    ['/limits/maxSlots', (d: Doc) => (d.limits.maxSlots = 5)],
  ])('warns about %s', (path, mutate) => {
    const document = baseDocument();
    mutate(document);
    onlyWarning(document, 'UNKNOWN_FIELD', path);
  });

  it('lists at most 200 warnings, then says how many were left out', () => {
    const document = baseDocument();
    document.busy = Array.from({ length: 250 }, () => ({ ...document.busy[0], note: 'x' }));
    const result = validateRules(document);
    expect(result.ok).toBe(true);
    expect(result.warnings).toHaveLength(201);
    expect(result.warnings[200]).toEqual({
      code: 'UNKNOWN_FIELD',
      path: '',
      message: '50 more warnings were left out; only the first 200 are listed.',
    });
  });
});

describe('NOTICE_EXCEEDS_WINDOW', () => {
  it('warns when the notice reaches past the last bookable day', () => {
    const document = baseDocument();
    Object.assign(document.appointmentTypes[0], { minNoticeMinutes: 2880, maxAdvanceDays: 1 });
    const warning = onlyWarning(document, 'NOTICE_EXCEEDS_WINDOW', '/appointmentTypes/0/minNoticeMinutes');
    expect(warning.message).toBe(
      'Appointment type "New patient visit" needs 2,880 minutes of notice but can be booked at most 1 day ahead, so it can never be booked.',
    );
  });

  it('does not warn while some slot can still be booked', () => {
    const document = baseDocument();
    Object.assign(document.appointmentTypes[0], { minNoticeMinutes: 2879, maxAdvanceDays: 1 });
    expect(validateRules(document)).toMatchObject({ ok: true, warnings: [] });
  });

  it('warns for a same-day-only type that needs a day of notice', () => {
    const document = baseDocument();
    Object.assign(document.appointmentTypes[0], { minNoticeMinutes: 1440, maxAdvanceDays: 0 });
    onlyWarning(document, 'NOTICE_EXCEEDS_WINDOW', '/appointmentTypes/0/minNoticeMinutes');
  });

  it('does not warn without a booking window', () => {
    const document = baseDocument();
    document.appointmentTypes[0].minNoticeMinutes = 525_600;
    delete document.appointmentTypes[0].maxAdvanceDays;
    expect(validateRules(document)).toMatchObject({ ok: true, warnings: [] });
  });
});

describe('TYPE_WITHOUT_HOURS', () => {
  it('warns when none of the providers has any hours', () => {
    const document = baseDocument();
    document.providers.push({ id: 'ng', name: 'Dr. Mai Ng', weekly: { mon: [], tue: [] } });
    document.appointmentTypes.push({
      id: 'peds',
      name: 'Pediatrics',
      providerIds: ['ng'],
      durationMinutes: 30,
    });
    const warning = onlyWarning(document, 'TYPE_WITHOUT_HOURS', '/appointmentTypes/2/providerIds');
    expect(warning.message).toBe(
      'Appointment type "Pediatrics": none of its providers (Dr. Mai Ng) has weekly or override hours, so it never has slots.',
    );
  });

  it('counts override hours as hours', () => {
    const document = baseDocument();
    document.providers.push({
      id: 'ng',
      name: 'Dr. Mai Ng',
      overrides: [{ date: '2027-01-09', hours: [{ start: '09:00', end: '12:00' }] }],
    });
    document.appointmentTypes.push({
      id: 'peds',
      name: 'Pediatrics',
      providerIds: ['ng'],
      durationMinutes: 30,
    });
    expect(validateRules(document)).toMatchObject({ ok: true, warnings: [] });
  });

  it('warns when the type lists no providers', () => {
    const document = baseDocument();
    document.appointmentTypes[1].providerIds = [];
    expect(onlyWarning(document, 'TYPE_WITHOUT_HOURS', '/appointmentTypes/1/providerIds').message).toBe(
      'Appointment type "Follow-up" lists no providers, so it never has slots.',
    );
  });
});

describe('MANY_SLOTS_PER_DAY', () => {
  it("warns when a step gives more slots than the day's limit, naming the longest day", () => {
    const document = baseDocument();
    document.appointmentTypes[1].stepMinutes = 1;
    // Dr. Sam Kim's Wednesday 08:00–24:00 holds 960 − 20 + 1 = 941 starts of a 20-minute visit.
    const warning = onlyWarning(document, 'MANY_SLOTS_PER_DAY', '/appointmentTypes/1/stepMinutes');
    expect(warning.message).toBe(
      `Appointment type "Follow-up" steps every 1 minute, which gives 941 slots in Dr. Sam Kim's Wednesday hours, more than the limit of 288 a day: that day will be cut after 288 slots.`,
    );
  });

  it('uses the duration as the step when there is none, and the document limit', () => {
    const document = baseDocument();
    document.appointmentTypes[1].durationMinutes = 3;
    document.limits.maxSlotsPerDay = 100;
    // 960 / 3 = 320 slots on Wednesday.
    const warning = onlyWarning(document, 'MANY_SLOTS_PER_DAY', '/appointmentTypes/1/durationMinutes');
    expect(warning.message).toContain('gives 320 slots');
    expect(warning.message).toContain('the limit of 100 a day');
  });

  it('does not warn when the limit allows the day', () => {
    const document = baseDocument();
    document.appointmentTypes[1].durationMinutes = 3;
    document.limits.maxSlotsPerDay = 320;
    expect(validateRules(document)).toMatchObject({ ok: true, warnings: [] });
  });
});

describe('warnings and errors', () => {
  it('keeps warnings on an invalid document, beside its errors', () => {
    const document = baseDocument();
    document.appointmentTypes[0].color = 'teal';
    document.timezone = 'Nowhere/Special';
    const result = validateRules(document);
    expect(result.ok).toBe(false);
    expect(result.warnings.map((warning) => warning.code)).toEqual(['UNKNOWN_FIELD']);
  });
});

describe('naming many providers', () => {
  it('names three providers of a type without hours, then counts the rest', () => {
    const document = baseDocument();
    const ids = ['a', 'b', 'c', 'd', 'e'];
    for (const id of ids) document.providers.push({ id, name: `Dr. ${id.toUpperCase()}` });
    document.appointmentTypes.push({ id: 'x', name: 'X-ray review', providerIds: ids, durationMinutes: 15 });
    expect(onlyWarning(document, 'TYPE_WITHOUT_HOURS', '/appointmentTypes/2/providerIds').message).toBe(
      'Appointment type "X-ray review": none of its providers (Dr. A, Dr. B, Dr. C and 2 more) has weekly or override hours, so it never has slots.',
    );
  });
});

describe('warnings that need the whole document', () => {
  it('are not computed while the document has errors', () => {
    const document = baseDocument();
    document.appointmentTypes[1].stepMinutes = 1;
    document.appointmentTypes[1].providerIds = [];
    document.closures[0].date = 'Christmas';
    const result = validateRules(document);
    expect(result.ok).toBe(false);
    expect(result.warnings).toEqual([]);
  });
});
