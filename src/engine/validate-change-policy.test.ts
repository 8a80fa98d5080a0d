import { describe, expect, it } from 'vitest';
import type { RulesDocument } from './types.ts';
import { validateRules } from './validate.ts';

function doc(changePolicy: unknown, extra: Record<string, unknown> = {}): unknown {
  return {
    version: 1,
    timezone: 'America/New_York',
    providers: [{ id: 'lee', name: 'Dr. Ana Lee', weekly: { mon: [{ start: '09:00', end: '12:00' }] } }],
    appointmentTypes: [
      {
        id: 'follow-up',
        name: 'Follow-up',
        providerIds: ['lee'],
        durationMinutes: 30,
        changePolicy,
        ...extra,
      },
    ],
  };
}

describe("a type's change policy", () => {
  it("accepts a cut-off, the two switches and the clinic's text, and keeps them", () => {
    const policy = {
      cutoffMinutes: 1440,
      cancelOnline: true,
      rescheduleOnline: false,
      text: 'Call us to move a visit.',
    };
    const result = validateRules(doc(policy));
    expect(result).toEqual({ ok: true, rules: expect.anything(), warnings: [] });
    if (result.ok) expect((result.rules as RulesDocument).appointmentTypes[0]!.changePolicy).toEqual(policy);
  });

  it('refuses a negative cut-off', () => {
    const result = validateRules(doc({ cutoffMinutes: -60 }));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors).toEqual([
        {
          code: 'INVALID_NUMBER',
          path: '/appointmentTypes/0/changePolicy/cutoffMinutes',
          message:
            'Appointment type "Follow-up"\'s change policy: "cutoffMinutes" must be a whole number from 0 to 525,600, but it is -60.',
        },
      ]);
  });

  it('refuses a cut-off written as a text, and switches that are not true or false', () => {
    const result = validateRules(doc({ cutoffMinutes: '1440', cancelOnline: 'no', rescheduleOnline: 0 }));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors.map((e) => [e.code, e.path, e.message])).toEqual([
        [
          'INVALID_NUMBER',
          '/appointmentTypes/0/changePolicy/cutoffMinutes',
          'Appointment type "Follow-up"\'s change policy: "cutoffMinutes" must be a whole number from 0 to 525,600, but it is the text "1440".',
        ],
        [
          'INVALID_FIELD',
          '/appointmentTypes/0/changePolicy/cancelOnline',
          'Appointment type "Follow-up"\'s change policy: "cancelOnline" must be true or false, but it is the text "no".',
        ],
        [
          'INVALID_FIELD',
          '/appointmentTypes/0/changePolicy/rescheduleOnline',
          'Appointment type "Follow-up"\'s change policy: "rescheduleOnline" must be true or false, but it is 0.',
        ],
      ]);
  });

  it('refuses a policy that is not an object, an empty text and a text past 2,000 characters', () => {
    for (const [policy, code, path] of [
      [[], 'INVALID_FIELD', '/appointmentTypes/0/changePolicy'],
      [{ text: ' ' }, 'INVALID_FIELD', '/appointmentTypes/0/changePolicy/text'],
      [{ text: 'x'.repeat(2001) }, 'TOO_LARGE', '/appointmentTypes/0/changePolicy/text'],
    ] as const) {
      const result = validateRules(doc(policy));
      expect(result.ok ? [] : result.errors.map((e) => [e.code, e.path])).toEqual([[code, path]]);
    }
  });

  it('warns when the cut-off is as long as the booking window, and not when it is shorter', () => {
    const long = validateRules(doc({ cutoffMinutes: 3 * 1440 }, { maxAdvanceDays: 2 }));
    expect(long.warnings).toEqual([
      {
        code: 'CUTOFF_EXCEEDS_WINDOW',
        path: '/appointmentTypes/0/changePolicy/cutoffMinutes',
        message:
          'Appointment type "Follow-up" stops online changes 4,320 minutes before the visit but can be booked at most 2 days ahead, so no booking of it can ever be changed online.',
      },
    ]);
    expect(validateRules(doc({ cutoffMinutes: 3 * 1440 - 1 }, { maxAdvanceDays: 2 })).warnings).toEqual([]);
  });

  it('warns about a field it does not know', () => {
    const result = validateRules(doc({ cutoffHours: 24 }));
    expect(result.warnings.map((w) => [w.code, w.path])).toEqual([
      ['UNKNOWN_FIELD', '/appointmentTypes/0/changePolicy/cutoffHours'],
    ]);
  });
});
