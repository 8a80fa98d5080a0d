/**
 * A clinic whose year of slots is real work: three providers, weekdays 08:00-18:00, 20-minute
 * visits, about 23,500 slots over 2027.
 */
const weekdays = { start: '08:00', end: '18:00' };
const week = { mon: [weekdays], tue: [weekdays], wed: [weekdays], thu: [weekdays], fri: [weekdays] };

export const yearRules = {
  version: 1,
  timezone: 'Europe/Paris',
  providers: ['ana', 'ben', 'cai'].map((id) => ({ id, name: `Dr. ${id}`, weekly: week })),
  appointmentTypes: [
    {
      id: 'visit',
      name: 'Visit',
      providerIds: ['ana', 'ben', 'cai'],
      durationMinutes: 20,
      maxAdvanceDays: 3660,
    },
  ],
};

export const yearQuery = {
  appointmentTypeId: 'visit',
  from: '2027-01-01',
  to: '2027-12-31',
  now: '2026-11-24T12:00:00Z',
  maxSlots: 30_000,
};
