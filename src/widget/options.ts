/**
 * What a host page (or the embed's attributes) can set on one widget. Every field is optional
 * except `mode`; unknown values fall back to the widget's own choice rather than failing.
 */
import { isCalendarDate } from '../civil-date.ts';

export interface WidgetOptions {
  /** `book`: the patient's flow against the clinic API. `preview`: an admin's draft, booking disabled. */
  mode: 'book' | 'preview';
  /** Base URL of the clinic API (`{apiBase}/rules`, `{apiBase}/bookings`); required in `book` mode. */
  apiBase?: string;
  /** Preselects the appointment type (skips the "what" step when it exists). */
  appointmentTypeId?: string;
  /** Preselects the provider (skips the "who" step when it offers the type). */
  providerId?: string;
  /** Opens the calendar on this day (`YYYY-MM-DD`) when it is bookable. */
  date?: string;
  /** `en`, `es` or any BCP 47 tag; default: the page's `<html lang>`, then the browser's language. */
  locale?: string;
  /** IANA zone to show times in; default: the patient's own zone (the browser's). */
  displayTimezone?: string;
  /** Where the slot worker script lives (self-hosting); passed to the slot client. */
  workerUrl?: string;
  /**
   * The name of the widget's region landmark; default: "Online booking" in the widget's language.
   * Give another when your page already has a landmark of that name.
   */
  regionLabel?: string;
  /**
   * `steps` (default): on the details and the review the browser's Back goes one step back, by an
   * entry of the widget's own in the page's history. `none`: the widget never touches the page's
   * history, for a host whose router rebuilds the page on every `popstate`.
   */
  history?: 'steps' | 'none';
  /** The draft rules document in `preview` mode (never fetched). */
  rules?: unknown;
}

/** Keeps only a real `YYYY-MM-DD` date, so a bad deep link can't break the calendar. */
export function validDate(value: string | undefined): string | undefined {
  return isCalendarDate(value) ? value : undefined;
}

/** True when `zone` is an IANA zone this browser knows. */
export function isKnownZone(zone: string | undefined): zone is string {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
