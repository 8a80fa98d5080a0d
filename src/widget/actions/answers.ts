/**
 * What the answers to a booking's requests become in the widget: the host page's event detail and
 * the patient's sentence. Only the steps after the calendar use them.
 */
import type { Booking } from '../../api/types.ts';
import type { WidgetEventMap } from '../events.ts';
import type { MessageKey } from '../form-values.ts';

/** What the host page learns of a booking: ids and instants, never patient data. */
export function bookingDetail(booking: Booking): WidgetEventMap['cs-booked'] {
  const detail: WidgetEventMap['cs-booked'] = {
    bookingId: booking.id,
    appointmentTypeId: booking.appointmentTypeId,
    providerId: booking.providerId,
    start: booking.start,
    end: booking.end,
  };
  if (booking.locationId !== undefined) detail.locationId = booking.locationId;
  return detail;
}

/** The message for a request that got no answer worth keeping (the patient may retry). */
export function failureMessage(code: string): MessageKey {
  if (code === 'NETWORK') return 'networkError';
  if (code === 'TIMEOUT') return 'timeoutError';
  if (code === 'CHANGE_CUTOFF_PASSED') return 'changeRefusedCutoff';
  if (code === 'CHANGES_NOT_ONLINE') return 'changeRefusedOffline';
  return 'serverError';
}
