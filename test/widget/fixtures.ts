/**
 * A small clinic for the widget's tests: New York, two providers, three visit types. Dr. Ada Lee
 * works weekdays 09:00–12:00 and 13:00–16:00, so a 30-minute check-up has exactly 12 times a
 * day with her. "Now" is Monday, December 2, 2024, 17:00 in New York (the day's
 * hours are over, so the first bookable day is Tuesday, December 3).
 */
import type { Booking } from '../../src/api/types.ts';
import type { RulesDocument } from '../../src/engine/types.ts';

export const NOW = Date.parse('2024-12-02T22:00:00Z');

/** Tuesday, December 3, 2024, 9:00 AM in New York. */
export const DEC3_0900 = Date.parse('2024-12-03T14:00:00Z');

/** A booked check-up with Dr. Ada Lee at `start` (default: December 3, 9:00 AM), as the API returns it. */
export function bookedCheckup(start = DEC3_0900): Booking {
  return {
    id: 'bk-9',
    appointmentTypeId: 'checkup',
    providerId: 'ada',
    start,
    end: start + 30 * 60_000,
    status: 'confirmed',
    mode: 'in-person',
    locationId: 'main',
  };
}
export const CLINIC_PHONE = '+1 555 0100';

const weekday = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '16:00' },
];

export function clinicRules(): RulesDocument {
  return {
    version: 1,
    timezone: 'America/New_York',
    clinic: { name: 'Riverside Family Clinic', phone: CLINIC_PHONE },
    locations: [{ id: 'main', name: 'Riverside Main Street', address: '120 Main Street, Riverside' }],
    providers: [
      {
        id: 'ada',
        name: 'Dr. Ada Lee',
        locationId: 'main',
        weekly: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday },
      },
      {
        id: 'ben',
        name: 'Dr. Ben Ortiz',
        locationId: 'main',
        weekly: { tue: [{ start: '14:00', end: '18:00' }], thu: [{ start: '14:00', end: '18:00' }] },
      },
    ],
    appointmentTypes: [
      {
        id: 'checkup',
        name: 'Check-up',
        providerIds: ['ada', 'ben'],
        durationMinutes: 30,
        maxAdvanceDays: 90,
        patients: 'any',
      },
      {
        id: 'first-visit',
        name: 'First visit',
        providerIds: ['ada'],
        durationMinutes: 60,
        maxAdvanceDays: 90,
        patients: 'new',
      },
      {
        id: 'video-followup',
        name: 'Video follow-up',
        providerIds: ['ada'],
        durationMinutes: 20,
        maxAdvanceDays: 90,
        patients: 'existing',
        mode: 'video',
      },
    ],
  };
}

/** The same clinic with nothing bookable in the window (every provider's hours gone). */
export function closedRules(): RulesDocument {
  const rules = clinicRules();
  for (const provider of rules.providers) provider.weekly = {};
  return rules;
}

/** The clinic with December 2024 closed for Dr. Lee (her first times are in January). */
export function decemberOffRules(): RulesDocument {
  const rules = clinicRules();
  const ada = rules.providers[0];
  if (ada) ada.timeOff = [{ start: '2024-12-01T00:00:00-05:00', end: '2025-01-01T00:00:00-05:00' }];
  return rules;
}
