import { describe, expect, it } from 'vitest';
import smallClinic from '../../test/fixtures/admin-clinic.json' with { type: 'json' };
import { diffRules } from './diff.ts';
import type { RulesDocument } from './types.ts';

const NOW = '2026-11-29T12:00:00Z';
const WEEK = { now: NOW, from: '2026-11-30', to: '2026-12-06' };

/** The saved rules: Dr. Lee on Mondays and Sundays, Dr. Kim on Tuesdays, 20-minute follow-ups. */
function saved(): RulesDocument {
  return {
    ...(structuredClone(smallClinic) as RulesDocument),
    busy: [
      { providerId: 'lee', start: '2026-11-30T09:00:00-05:00', end: '2026-11-30T09:20:00-05:00' },
      { providerId: 'lee', start: '2026-11-30T10:00:00-05:00', end: '2026-11-30T10:20:00-05:00' },
      { providerId: 'kim', start: '2026-11-30T09:00:00-05:00', end: '2026-11-30T09:20:00-05:00' },
      { providerId: 'kim', start: '2026-12-01T09:00:00-05:00', end: '2026-12-01T09:20:00-05:00' },
      { providerId: 'lee', start: '2026-12-06T10:00:00-05:00', end: '2026-12-06T10:20:00-05:00' },
      { providerId: 'lee', start: '2026-11-23T09:00:00-05:00', end: '2026-11-23T09:20:00-05:00' },
    ],
  };
}

/**
 * The draft: Dr. Lee starts at 10:00 on Mondays, Dr. Kim adds Wednesday 09:00–10:00 and takes a
 * morning off on 2026-12-01, and the clinic closes on Sunday 2026-12-06.
 */
function draft(): RulesDocument {
  const doc = saved();
  doc.providers[0]!.weekly!.mon![0] = { start: '10:00', end: '12:00' };
  doc.providers[1]!.weekly!.wed = [{ start: '09:00', end: '10:00' }];
  doc.providers[1]!.timeOff = [{ start: '2026-12-01T08:00:00-05:00', end: '2026-12-01T12:00:00-05:00' }];
  doc.closures!.push({ date: '2026-12-06', name: 'Staff day' });
  return doc;
}

describe('diffRules', () => {
  it('counts the slots added and removed per day, provider and type, exactly', () => {
    const result = diffRules(saved(), draft(), WEEK);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.diff.days).toEqual([
      // Monday: 09:20 and 09:40 go (09:00 and 10:00 were booked already): 19 → 17.
      {
        date: '2026-11-30',
        providerId: 'lee',
        appointmentTypeId: 'follow-up',
        before: 19,
        after: 17,
        added: 0,
        removed: 2,
      },
      // Tuesday: the morning off removes 09:20–11:40 (09:00 was booked): 23 → 15.
      {
        date: '2026-12-01',
        providerId: 'kim',
        appointmentTypeId: 'follow-up',
        before: 23,
        after: 15,
        added: 0,
        removed: 8,
      },
      // Wednesday: a new hour, three 20-minute slots.
      {
        date: '2026-12-02',
        providerId: 'kim',
        appointmentTypeId: 'follow-up',
        before: 0,
        after: 3,
        added: 3,
        removed: 0,
      },
      // Sunday: the closure removes all 11 free slots.
      {
        date: '2026-12-06',
        providerId: 'lee',
        appointmentTypeId: 'follow-up',
        before: 11,
        after: 0,
        added: 0,
        removed: 11,
      },
    ]);
  });

  it('lists the bookings the draft leaves outside the hours, with the reason', () => {
    const result = diffRules(saved(), draft(), WEEK);
    if (!result.ok) throw new Error('expected ok');
    expect(result.diff.displacedBusy).toEqual([
      {
        path: '/busy/0',
        providerId: 'lee',
        start: Date.parse('2026-11-30T14:00:00Z'),
        end: Date.parse('2026-11-30T14:20:00Z'),
        reason: "2026-11-30 09:00–09:20 is outside Dr. Ana Lee's hours that day (10:00–12:00, 13:00–17:00).",
      },
      {
        path: '/busy/3',
        providerId: 'kim',
        start: Date.parse('2026-12-01T14:00:00Z'),
        end: Date.parse('2026-12-01T14:20:00Z'),
        reason: "2026-12-01 09:00–09:20 falls in Dr. Joon Kim's time off.",
      },
      {
        path: '/busy/4',
        providerId: 'lee',
        start: Date.parse('2026-12-06T15:00:00Z'),
        end: Date.parse('2026-12-06T15:20:00Z'),
        reason: 'The clinic is closed on 2026-12-06 (Staff day).',
      },
    ]);
  });

  it('lists the bookings of busy windows the same way, with pointers into the windows', () => {
    // The saved busy entries as the server serves them: one window of the two weeks, in minutes
    // from its start (2026-11-23 05:00 UTC, midnight in New York).
    const start = Date.parse('2026-11-23T05:00:00Z');
    const minutes = (iso: string) => (Date.parse(iso) - start) / 60_000;
    const windowed = (doc: RulesDocument): RulesDocument => {
      const busy: Record<string, Array<[number, number]>> = {};
      for (const entry of doc.busy ?? []) {
        busy[entry.providerId] = [...(busy[entry.providerId] ?? []), [minutes(entry.start), 20]];
      }
      for (const list of Object.values(busy)) list.sort((a, b) => a[0] - b[0]);
      const end = Date.parse('2026-12-07T05:00:00Z');
      return {
        ...doc,
        version: 2,
        requires: ['busy-windows'],
        busy: [],
        busyWindows: [{ start, end, busy }],
      };
    };
    const result = diffRules(windowed(saved()), windowed(draft()), WEEK);
    if (!result.ok) throw new Error(`expected ok: ${JSON.stringify(result)}`);
    expect(
      result.diff.displacedBusy.map(({ path, providerId, start: at }) => [path, providerId, at]),
    ).toEqual([
      ['/busyWindows/0/busy/lee/1', 'lee', Date.parse('2026-11-30T14:00:00Z')],
      ['/busyWindows/0/busy/lee/3', 'lee', Date.parse('2026-12-06T15:00:00Z')],
      ['/busyWindows/0/busy/kim/1', 'kim', Date.parse('2026-12-01T14:00:00Z')],
    ]);
    expect(result.diff.displacedBusy[2]?.reason).toBe(
      "2026-12-01 09:00–09:20 falls in Dr. Joon Kim's time off.",
    );
  });

  it('reports no change for identical documents, keeping the unchanged counts', () => {
    const result = diffRules(saved(), saved(), WEEK);
    if (!result.ok) throw new Error('expected ok');
    expect(result.diff.displacedBusy).toEqual([]);
    expect(result.diff.days.map((day) => [day.date, day.before, day.after, day.added, day.removed])).toEqual([
      ['2026-11-30', 19, 19, 0, 0],
      ['2026-12-01', 23, 23, 0, 0],
      ['2026-12-06', 11, 11, 0, 0],
    ]);
  });

  it('counts every slot as added when nothing is saved yet, and a busy entry outside hours as displaced', () => {
    const result = diffRules(null, draft(), { ...WEEK, appointmentTypeId: 'follow-up' });
    if (!result.ok) throw new Error('expected ok');
    expect(result.diff.days.map((day) => [day.date, day.providerId, day.added, day.removed])).toEqual([
      ['2026-11-30', 'lee', 17, 0],
      ['2026-12-01', 'kim', 15, 0],
      ['2026-12-02', 'kim', 3, 0],
    ]);
    expect(result.diff.displacedBusy.map((busy) => busy.path)).toEqual([
      '/busy/0',
      '/busy/2',
      '/busy/3',
      '/busy/4',
    ]);
    expect(result.diff.displacedBusy[1]?.reason).toBe('Dr. Joon Kim has no hours on Monday 2026-11-30.');
  });

  it('compares a type the draft adds and one it removes', () => {
    const next = draft();
    next.appointmentTypes = [
      { id: 'video', name: 'Video consult', durationMinutes: 30, providerIds: ['kim'] },
    ];
    const result = diffRules(saved(), next, WEEK);
    if (!result.ok) throw new Error('expected ok');
    const byType = (id: string) =>
      result.diff.days
        .filter((day) => day.appointmentTypeId === id)
        .map((day) => [day.date, day.added, day.removed]);
    expect(byType('follow-up')).toEqual([
      ['2026-11-30', 0, 19],
      ['2026-12-01', 0, 23],
      ['2026-12-06', 0, 11],
    ]);
    // Kim's Tuesday: 12:00–17:00 after the morning off, 30-minute slots (the 09:00 booking is in time off).
    expect(byType('video')).toEqual([
      ['2026-12-01', 10, 0],
      ['2026-12-02', 2, 0],
    ]);
  });

  it('reuses the saved side for the same saved object and query, and recomputes it when the query changes', () => {
    const kept = saved();
    const first = diffRules(kept, draft(), WEEK);
    const again = diffRules(kept, draft(), WEEK);
    expect(again).toEqual(first);
    // At 15:00Z on Monday (10:00 in New York) 09:20 and 09:40 have passed: a stale saved side would say 19.
    const later = diffRules(kept, draft(), { ...WEEK, now: '2026-11-30T15:00:00Z' });
    if (!later.ok) throw new Error('expected ok');
    expect(later.diff.days[0]).toEqual({
      date: '2026-11-30',
      providerId: 'lee',
      appointmentTypeId: 'follow-up',
      before: 17,
      after: 17,
      added: 0,
      removed: 0,
    });
  });

  it('returns the draft validation errors, and one error for invalid saved rules', () => {
    const bad = draft();
    bad.providers[0]!.weekly!.mon![0]!.start = '25:00';
    const refused = diffRules(saved(), bad, WEEK);
    expect(refused.ok ? [] : refused.errors.map((error) => [error.code, error.path])).toEqual([
      ['INVALID_TIME', '/providers/0/weekly/mon/0/start'],
    ]);
    expect(diffRules({ ...saved(), version: 3 }, draft(), WEEK)).toEqual({
      ok: false,
      errors: [
        {
          code: 'INVALID_SAVED_RULES',
          path: '',
          message: 'The saved rules are not valid (1 error), so the draft cannot be compared with them.',
        },
      ],
    });
  });

  it('refuses bad options with paths', () => {
    const codes = (options: Parameters<typeof diffRules>[2]) => {
      const result = diffRules(saved(), draft(), options);
      return result.ok ? [] : result.errors.map((error) => [error.code, error.path]);
    };
    expect(codes({ ...WEEK, from: '2026-02-30' })).toEqual([['INVALID_DATE_RANGE', '/from']]);
    expect(codes({ ...WEEK, to: '2026-11-01' })).toEqual([['INVALID_DATE_RANGE', '/to']]);
    expect(codes({ ...WEEK, to: '2027-12-01' })).toEqual([['RANGE_TOO_LARGE', '/to']]);
    expect(codes({ ...WEEK, now: Number.NaN })).toEqual([['INVALID_NOW', '/now']]);
    expect(codes({ ...WEEK, appointmentTypeId: 'nope' })).toEqual([
      ['UNKNOWN_APPOINTMENT_TYPE', '/appointmentTypeId'],
    ]);
  });
});
