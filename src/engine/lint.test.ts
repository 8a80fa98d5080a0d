import { describe, expect, it } from 'vitest';
import smallClinic from '../../test/fixtures/admin-clinic.json' with { type: 'json' };
import { lintRules } from './lint.ts';
import type { Diagnostic, RulesDocument } from './types.ts';

const NOW = '2026-11-24T12:00:00Z';

/** A small valid clinic with nothing to lint (Dr. Lee on Mondays and Sundays, Dr. Kim on Tuesdays): every lint test changes one thing in a copy. */
function clinic(): RulesDocument {
  return structuredClone(smallClinic) as RulesDocument;
}

function diagnostics(doc: unknown, options: { now: number | string; horizonDays?: number } = { now: NOW }) {
  const result = lintRules(doc, options);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors)}`);
  return result.diagnostics;
}

function withCode(list: Diagnostic[], code: string): Diagnostic[] {
  return list.filter((diagnostic) => diagnostic.code === code);
}

describe('lintRules', () => {
  it('finds nothing in a clean clinic', () => {
    expect(diagnostics(clinic())).toEqual([]);
  });

  it('returns validation errors and warnings for an invalid document', () => {
    const doc = clinic();
    doc.providers[0]!.weekly!.mon![0]!.end = '08:00';
    const result = lintRules(doc, { now: NOW });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => [error.code, error.path])).toEqual([
      ['EMPTY_INTERVAL', '/providers/0/weekly/mon/0'],
    ]);
  });

  it('refuses a bad now and a horizon past 366 days', () => {
    expect(lintRules(clinic(), { now: 'yesterday' })).toEqual({
      ok: false,
      errors: [
        {
          code: 'INVALID_NOW',
          path: '/now',
          message: '"now" must be epoch milliseconds or an ISO 8601 instant with an offset or Z.',
        },
      ],
      warnings: [],
    });
    const result = lintRules(clinic(), { now: NOW, horizonDays: 367 });
    expect(result.ok ? [] : result.errors.map((error) => error.path)).toEqual(['/horizonDays']);
  });

  it('never throws, whatever it is given', () => {
    for (const input of [null, undefined, 42, 'rules', [], { version: 1 }]) {
      expect(lintRules(input, { now: NOW }).ok).toBe(false);
    }
    expect(lintRules(clinic(), null as never).ok).toBe(false);
  });

  describe('HOURS_IN_DST_GAP', () => {
    it('names the date, the zone and the time the span really starts', () => {
      const doc = clinic();
      doc.providers[0]!.weekly!.sun = [{ start: '02:30', end: '06:00' }];
      expect(withCode(diagnostics(doc), 'HOURS_IN_DST_GAP')).toEqual([
        {
          code: 'HOURS_IN_DST_GAP',
          path: '/providers/0/weekly/sun/0/start',
          message:
            "Dr. Ana Lee's Sunday hours start at 02:30, which does not exist on 2027-03-14 in America/New_York (clocks go forward): the span starts at 03:30 that day.",
        },
      ]);
    });

    it('points at an override span and a 24:00 end that lands in a midnight gap', () => {
      const doc = clinic();
      doc.providers[1]!.timezone = 'America/Santiago';
      // Chile moves its clocks from 24:00 on Saturday 2026-09-05 to 01:00 on Sunday.
      doc.providers[1]!.overrides = [{ date: '2026-09-05', hours: [{ start: '20:00', end: '24:00' }] }];
      const found = withCode(
        diagnostics(doc, { now: '2026-09-01T12:00:00Z', horizonDays: 30 }),
        'HOURS_IN_DST_GAP',
      );
      expect(found).toEqual([
        {
          code: 'HOURS_IN_DST_GAP',
          path: '/providers/1/overrides/0/hours/0/end',
          message:
            "Dr. Joon Kim's hours on 2026-09-05 end at 24:00, which does not exist on 2026-09-05 in America/Santiago (clocks go forward): the span ends at 01:00 on 2026-09-06.",
        },
      ]);
    });

    it('stays quiet when the gap is past the horizon', () => {
      const doc = clinic();
      doc.providers[0]!.weekly!.sun = [{ start: '02:30', end: '06:00' }];
      expect(withCode(diagnostics(doc, { now: NOW, horizonDays: 90 }), 'HOURS_IN_DST_GAP')).toEqual([]);
    });
  });

  describe('HOURS_IN_DST_OVERLAP', () => {
    it('names the repeated wall time and says the first one is used', () => {
      const doc = clinic();
      doc.providers[0]!.weekly!.sun = [{ start: '01:30', end: '06:00' }];
      expect(withCode(diagnostics(doc), 'HOURS_IN_DST_OVERLAP')).toEqual([
        {
          code: 'HOURS_IN_DST_OVERLAP',
          path: '/providers/0/weekly/sun/0/start',
          message:
            "Dr. Ana Lee's Sunday hours start at 01:30, which happens twice on 2027-11-07 in America/New_York (clocks go back): the span starts at the first 01:30 that day.",
        },
      ]);
    });

    it('is not raised for hours that merely contain the repeated hour', () => {
      const doc = clinic();
      doc.providers[0]!.weekly!.sun = [{ start: '00:30', end: '03:00' }];
      expect(withCode(diagnostics(doc), 'HOURS_IN_DST_OVERLAP')).toEqual([]);
    });
  });

  describe('DAY_CUT_BY_CAP', () => {
    function roundTheClock(maxSlotsPerDay?: number): RulesDocument {
      const doc = clinic();
      doc.providers[0]!.weekly!.sun = [{ start: '00:00', end: '24:00' }];
      doc.appointmentTypes[0] = {
        ...doc.appointmentTypes[0]!,
        durationMinutes: 5,
        providerIds: ['lee', 'kim'],
      };
      if (maxSlotsPerDay !== undefined) doc.limits = { maxSlotsPerDay };
      return doc;
    }

    it('finds the 25-hour day the daily cap cuts, and the wall time of the cut', () => {
      // 24 h / 5 min = 288 slots: exactly the default cap on ordinary Sundays (no MANY_SLOTS_PER_DAY),
      // but 2027-11-07 lasts 25 h in real time: 300 slots, cut after 288 of them.
      const found = diagnostics(roundTheClock());
      expect(withCode(found, 'MANY_SLOTS_PER_DAY')).toEqual([]);
      expect(withCode(found, 'DAY_CUT_BY_CAP')).toEqual([
        {
          code: 'DAY_CUT_BY_CAP',
          path: '/appointmentTypes/0/durationMinutes',
          message:
            '"Follow-up visit" with Dr. Ana Lee on 2027-11-07: the clocks change in America/New_York and the hours last longer in real time, so every 5 minutes makes 300 slots, more than the daily cap of 288; the day is cut at 23:00 and later times are not offered.',
        },
      ]);
    });

    it('stays quiet when the cap holds the longer day', () => {
      expect(withCode(diagnostics(roundTheClock(300)), 'DAY_CUT_BY_CAP')).toEqual([]);
    });

    it('leaves a type already flagged by validation to MANY_SLOTS_PER_DAY', () => {
      const found = diagnostics(roundTheClock(100));
      expect(withCode(found, 'MANY_SLOTS_PER_DAY').map((d) => d.path)).toEqual([
        '/appointmentTypes/0/durationMinutes',
      ]);
      expect(withCode(found, 'DAY_CUT_BY_CAP')).toEqual([]);
    });
  });

  describe('PROVIDER_WITHOUT_TYPES', () => {
    it('names a provider no appointment type offers', () => {
      const doc = clinic();
      doc.appointmentTypes[0]!.providerIds = ['lee'];
      expect(withCode(diagnostics(doc), 'PROVIDER_WITHOUT_TYPES')).toEqual([
        {
          code: 'PROVIDER_WITHOUT_TYPES',
          path: '/providers/1',
          message: "Dr. Joon Kim is not in any appointment type's providers: patients can never book them.",
        },
      ]);
    });

    it('is not raised when every provider is in a type', () => {
      expect(withCode(diagnostics(clinic()), 'PROVIDER_WITHOUT_TYPES')).toEqual([]);
    });
  });

  describe('OVERRIDE_IN_PAST', () => {
    it('names an override dated before today in the provider zone', () => {
      const doc = clinic();
      doc.providers[0]!.overrides = [{ date: '2026-11-23', hours: [] }];
      expect(withCode(diagnostics(doc), 'OVERRIDE_IN_PAST')).toEqual([
        {
          code: 'OVERRIDE_IN_PAST',
          path: '/providers/0/overrides/0/date',
          message:
            "Dr. Ana Lee's hours for 2026-11-23 are in the past (today is 2026-11-24): they change nothing and can be removed.",
        },
      ]);
    });

    it("is not raised for today's override, read in the provider's zone", () => {
      const doc = clinic();
      doc.providers[0]!.overrides = [{ date: '2026-11-23', hours: [] }];
      // 03:00Z on the 24th is still the 23rd in New York.
      expect(withCode(diagnostics(doc, { now: '2026-11-24T03:00:00Z' }), 'OVERRIDE_IN_PAST')).toEqual([]);
    });
  });

  describe('CLOSURE_ON_CLOSED_DAY', () => {
    it('names a closure on a day nobody works', () => {
      const doc = clinic();
      doc.closures = [{ date: '2026-12-26', name: 'Boxing Day' }];
      expect(withCode(diagnostics(doc), 'CLOSURE_ON_CLOSED_DAY')).toEqual([
        {
          code: 'CLOSURE_ON_CLOSED_DAY',
          path: '/closures/0/date',
          message:
            'The closure "Boxing Day" on 2026-12-26 (a Saturday) falls on a day when no provider has hours anyway: it changes nothing.',
        },
      ]);
    });

    it('counts an override that opens an otherwise closed weekday', () => {
      const doc = clinic();
      doc.providers[0]!.overrides = [{ date: '2026-12-26', hours: [{ start: '09:00', end: '12:00' }] }];
      doc.closures = [{ date: '2026-12-26' }];
      expect(withCode(diagnostics(doc), 'CLOSURE_ON_CLOSED_DAY')).toEqual([]);
    });
  });

  describe('validation warnings it reuses', () => {
    it('keeps NOTICE_EXCEEDS_WINDOW and TYPE_WITHOUT_HOURS from validation, once each', () => {
      const doc = clinic();
      doc.appointmentTypes.push(
        {
          id: 'far',
          name: 'Far',
          durationMinutes: 30,
          providerIds: ['lee'],
          minNoticeMinutes: 2880,
          maxAdvanceDays: 1,
        },
        { id: 'none', name: 'Nobody', durationMinutes: 30, providerIds: [] },
      );
      const found = diagnostics(doc);
      expect(withCode(found, 'NOTICE_EXCEEDS_WINDOW').map((d) => d.path)).toEqual([
        '/appointmentTypes/1/minNoticeMinutes',
      ]);
      expect(withCode(found, 'TYPE_WITHOUT_HOURS').map((d) => d.path)).toEqual([
        '/appointmentTypes/2/providerIds',
      ]);
    });
  });
});
