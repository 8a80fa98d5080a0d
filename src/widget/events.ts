/**
 * The one typed map of events the widget sends to its host page. The embed turns each into a
 * `CustomEvent` on the host element. No detail ever carries patient data (name, birth date,
 * email, phone, reason) or a manage token: ids, instants and counts only.
 */
export interface WidgetEventMap {
  /** The widget has rendered and loaded its rules (or the preview draft). */
  'cs-ready': { mode: 'book' | 'preview'; locale: 'en' | 'es'; timezone: string };
  /** Slots for one visible month arrived (from the worker or its cache). */
  'cs-slots-loaded': {
    appointmentTypeId: string;
    /** `null` for "any available". */
    providerId: string | null;
    /** `YYYY-MM`, in the zone the calendar shows. */
    month: string;
    slotCount: number;
    truncated: boolean;
    elapsedMs: number;
    cached: boolean;
    degraded: boolean;
  };
  /** A new booking was confirmed by the clinic API. */
  'cs-booked': {
    bookingId: string;
    appointmentTypeId: string;
    providerId: string;
    start: number;
    end: number;
    /** Where the visit takes place, for an in-person visit at one of the clinic's locations. */
    locationId?: string;
  };
  /** An existing booking was moved. */
  'cs-rescheduled': {
    bookingId: string;
    appointmentTypeId: string;
    providerId: string;
    start: number;
    end: number;
    /** Where the visit now takes place, as for `cs-booked`. */
    locationId?: string;
  };
  /** An existing booking was cancelled. */
  'cs-cancelled': { bookingId: string };
  /** Something the patient saw as an error (code from the API or worker client, message in English). */
  'cs-error': { code: string; message: string };
}

export type WidgetEventName = keyof WidgetEventMap;

/** How the widget hands an event to its host (the embed dispatches it on the element). */
export type WidgetEmit = <K extends keyof WidgetEventMap>(name: K, detail: WidgetEventMap[K]) => void;
