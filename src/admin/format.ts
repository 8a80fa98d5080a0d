/** How the admin page writes instants: in the clinic's zone, always with the zone's abbreviation. */
import { DateTime } from 'luxon';

/** "Wed 2 Dec 2026, 09:00 EST": `at` (epoch ms) in `zone`. */
export function clinicTime(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).setLocale('en-US').toFormat('ccc d LLL yyyy, HH:mm ZZZZ');
}

/** When and by whom a version was saved: "Thu 3 Dec 2026, 09:12 EST by ana@clinic.example". */
export function savedLine(savedAt: number, savedBy: string | null, zone: string): string {
  return `${clinicTime(savedAt, zone)} by ${savedBy ?? 'the server'}`;
}
