import { describe, expect, it } from 'vitest';
import { generateSlots } from '../../src/engine/index.ts';
import type { SlotQuery } from '../../src/engine/types.ts';
import { clinic, provider, visitType } from './clinic.ts';

const rules = clinic({
  providers: [provider('lee'), provider('ada')],
  appointmentTypes: [visitType({ providerIds: ['lee'] })],
});
const good: SlotQuery = { appointmentTypeId: 'visit', from: '2026-11-23', to: '2026-11-27', now: 0 };

function errorsOf(query: unknown) {
  const result = generateSlots(rules, query as SlotQuery);
  if (result.ok) return expect.fail('the query was accepted');
  return result.errors;
}

describe('query errors carry a code, a path into the query and a message', () => {
  it('accepts the good query', () => {
    expect(generateSlots(rules, good).ok).toBe(true);
  });

  it.each([
    [null, 'INVALID_QUERY', ''],
    [[good], 'INVALID_QUERY', ''],
    [{ ...good, appointmentTypeId: 3 }, 'INVALID_QUERY', '/appointmentTypeId'],
    [{ ...good, providerId: 3 }, 'INVALID_QUERY', '/providerId'],
    [{ ...good, maxSlots: 0 }, 'INVALID_QUERY', '/maxSlots'],
    [{ ...good, maxSlots: 2.5 }, 'INVALID_QUERY', '/maxSlots'],
    [{ ...good, maxSlots: 200_001 }, 'INVALID_QUERY', '/maxSlots'],
    [{ ...good, maxSlots: '10' }, 'INVALID_QUERY', '/maxSlots'],
    [{ ...good, from: '2026-02-30' }, 'INVALID_DATE_RANGE', '/from'],
    [{ ...good, to: '27/11/2026' }, 'INVALID_DATE_RANGE', '/to'],
    [{ ...good, to: '2026-11-22' }, 'INVALID_DATE_RANGE', '/to'],
    [{ ...good, from: '2026-01-01', to: '2027-01-02' }, 'RANGE_TOO_LARGE', '/to'],
    [{ ...good, now: Number.NaN }, 'INVALID_NOW', '/now'],
    [{ ...good, now: '2026-11-23T09:00' }, 'INVALID_NOW', '/now'],
    [{ ...good, now: undefined }, 'INVALID_NOW', '/now'],
  ])('%j → %s at %s', (query, code, path) => {
    expect(errorsOf(query).map((error) => [error.code, error.path])).toEqual([[code, path]]);
  });

  it('names an unknown appointment type', () => {
    expect(errorsOf({ ...good, appointmentTypeId: 'massage' })).toEqual([
      {
        code: 'UNKNOWN_APPOINTMENT_TYPE',
        path: '/appointmentTypeId',
        message: 'There is no appointment type with the id "massage" in these rules.',
      },
    ]);
  });

  it('names an unknown provider and one who does not offer the type', () => {
    expect(errorsOf({ ...good, providerId: 'kim' })).toEqual([
      {
        code: 'UNKNOWN_PROVIDER',
        path: '/providerId',
        message: 'There is no provider with the id "kim" in these rules.',
      },
    ]);
    expect(errorsOf({ ...good, providerId: 'ada' })).toEqual([
      {
        code: 'PROVIDER_NOT_OFFERING',
        path: '/providerId',
        message: 'Dr. Ada does not offer the appointment type "Visit".',
      },
    ]);
  });

  it('allows 366 days and explains 367', () => {
    expect(generateSlots(rules, { ...good, from: '2028-01-01', to: '2028-12-31' }).ok).toBe(true);
    expect(errorsOf({ ...good, from: '2026-01-01', to: '2027-01-02' })[0]!.message).toBe(
      'The dates 2026-01-01 to 2027-01-02 cover 367 days; a query may cover at most 366.',
    );
    expect(errorsOf({ ...good, to: '2026-11-22' })[0]!.message).toBe(
      'The end date 2026-11-22 is before the start date 2026-11-23.',
    );
  });

  it('reports every independent problem at once', () => {
    expect(
      errorsOf({ appointmentTypeId: 'visit', from: 'x', to: 'y', now: 'z' }).map((error) => error.path),
    ).toEqual(['/from', '/to', '/now']);
  });

  it('reads an absent or null providerId as every provider offering the type', () => {
    const both = clinic({
      providers: [provider('lee'), provider('ada')],
      appointmentTypes: [visitType({ providerIds: ['lee', 'ada'] })],
    });
    const absent = generateSlots(both, good);
    const nullProvider = generateSlots(both, { ...good, providerId: null } as unknown as SlotQuery);
    expect(absent.ok && new Set(absent.slots.map((slot) => slot.providerId))).toEqual(
      new Set(['lee', 'ada']),
    );
    expect(nullProvider).toEqual(absent);
  });

  it('takes now as epoch ms or an ISO instant with an offset', () => {
    const fromMs = generateSlots(rules, { ...good, now: Date.parse('2026-11-23T15:00:00Z') });
    const fromIso = generateSlots(rules, { ...good, now: '2026-11-23T10:00:00-05:00' });
    expect(fromMs).toEqual(fromIso);
    expect(fromMs.ok && fromMs.slots[0]!.start).toBe(Date.parse('2026-11-23T15:00:00Z'));
  });
});
