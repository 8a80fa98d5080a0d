/**
 * FHIR's times and dates as the rules format needs them. FHIR times of day (`09:00:00`) carry no
 * zone, so every reading here takes the zone as an argument: it is never the machine's.
 */
import { DateTime, IANAZone } from 'luxon';
import { isRecord } from './read-input.ts';

/** The timezone extensions: the current one, and R4's older `tz-code`. */
const TIMEZONE_EXTENSIONS = new Set([
  'http://hl7.org/fhir/StructureDefinition/timezone',
  'http://hl7.org/fhir/StructureDefinition/tz-code',
]);

export function isZone(name: unknown): name is string {
  return typeof name === 'string' && name.length <= 64 && (name === 'UTC' || IANAZone.isValidZone(name));
}

/** The `valueCode` of an element's timezone extension, if it has one (valid or not). */
export function timezoneExtension(element: unknown): string | undefined {
  if (!isRecord(element) || !Array.isArray(element.extension)) return undefined;
  for (const extension of element.extension.slice(0, 100)) {
    if (isRecord(extension) && TIMEZONE_EXTENSIONS.has(extension.url as string)) {
      return typeof extension.valueCode === 'string' ? extension.valueCode : String(extension.valueCode);
    }
  }
  return undefined;
}

const FHIR_TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;

export type ClockReading = { ok: true; time: string } | { ok: false; reason: string };

/**
 * A FHIR `time` as the rules format's `HH:mm`. `24:00:00` is not a FHIR time but is seen in
 * exports: as an end it means midnight at the end of the day (`24:00`); as a start it is refused.
 * Seconds other than zero are refused: hours are whole minutes.
 * @example readClock('17:30:00', 'end') // { ok: true, time: '17:30' }
 * @example readClock('24:00:00', 'end') // { ok: true, time: '24:00' }
 */
export function readClock(value: unknown, as: 'start' | 'end'): ClockReading {
  if (typeof value !== 'string') return { ok: false, reason: 'is not a text' };
  const match = FHIR_TIME.exec(value);
  if (!match) return { ok: false, reason: `"${value.slice(0, 40)}" is not a time of day (HH:mm:ss)` };
  const [, hh, mm, ss = '00', fraction = ''] = match;
  const hour = Number(hh);
  const minute = Number(mm);
  if (Number(ss) !== 0 || /[1-9]/.test(fraction)) {
    return { ok: false, reason: `"${value}" has seconds; hours are whole minutes` };
  }
  if (hour === 24 && minute === 0) {
    return as === 'end'
      ? { ok: true, time: '24:00' }
      : { ok: false, reason: '"24:00:00" cannot start a span' };
  }
  if (hour > 23 || minute > 59) return { ok: false, reason: `"${value}" is not a time of day` };
  return { ok: true, time: `${hh}:${mm}` };
}

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const OFFSET = /(?:Z|[+-]\d{2}:\d{2})$/;

export type BoundReading = { ok: true; ms: number; assumedZone: boolean } | { ok: false; reason: string };

/**
 * One end of a FHIR `Period` as epoch ms. A date without a time (`2026`, `2026-12`, `2026-12-24`)
 * is read in `zone`: a start at the beginning of that year, month or day, an end at the end of it
 * (FHIR periods include their end). A date-time must carry an offset; one without is read in
 * `zone` and says so (`assumedZone`), as some exports leave it out.
 * @example readBound('2026-12-24', 'end', 'America/New_York') // 2026-12-25T00:00 New York
 */
export function readBound(value: unknown, as: 'start' | 'end', zone: string): BoundReading {
  if (typeof value !== 'string' || value.length > 64)
    return { ok: false, reason: 'is not a date or date-time' };
  const partial = PARTIAL_DATE.exec(value);
  if (partial) {
    const [, year, month, day] = partial;
    const unit = day ? 'day' : month ? 'month' : 'year';
    const start = DateTime.fromObject(
      { year: Number(year), month: Number(month ?? 1), day: Number(day ?? 1) },
      { zone },
    );
    if (!start.isValid) return { ok: false, reason: `"${value}" is not a calendar date` };
    const at = as === 'start' ? start : start.plus({ [unit]: 1 });
    return { ok: true, ms: at.toMillis(), assumedZone: false };
  }
  const hasOffset = OFFSET.test(value);
  const parsed = hasOffset ? DateTime.fromISO(value, { setZone: true }) : DateTime.fromISO(value, { zone });
  if (!parsed.isValid || !value.includes('T')) return { ok: false, reason: `"${value}" is not a date-time` };
  return { ok: true, ms: parsed.toMillis(), assumedZone: !hasOffset };
}

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * A FHIR `instant` (Slot and Appointment times) as epoch ms: it must name a moment, with an
 * offset. Read by arithmetic (a year of bookings is tens of thousands of instants), never
 * through the machine's zone.
 * @example readInstant('2026-12-01T09:00:00-05:00') // 1796133600000
 * @example readInstant('2026-12-01T09:00:00') // null
 */
export function readInstant(value: unknown): number | null {
  if (typeof value !== 'string' || value.length > 64) return null;
  const match = INSTANT.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction = '', sign, oh = '0', om = '0'] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  if (Number(oh) > 14 || Number(om) > 59) return null;
  const utc = Date.UTC(
    year,
    month - 1,
    day,
    hour,
    minute,
    second,
    Number(fraction.padEnd(3, '0').slice(0, 3)),
  );
  // Date.UTC rolls 31 February over into March: a real date survives the round trip.
  if (new Date(utc).getUTCDate() !== day) return null;
  const offset = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  return utc - offset * 60_000;
}

/** `2026-12-01T14:00:00Z`: the form busy entries and time off are written in. */
export function utcInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
